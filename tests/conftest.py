"""Session-wide real components: Kafka, Temporal and PostgreSQL run as processes on free ports."""

from __future__ import annotations

import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.fixtures_stack import *  # noqa: F403  (kafka_server, temporal_server, postgres_cluster)
from tests.support.staff import TokenIssuer


@pytest.fixture(scope="session")
def tokens(tmp_path_factory: pytest.TempPathFactory) -> TokenIssuer:
    return TokenIssuer.create(tmp_path_factory.mktemp("keys"))


@pytest.fixture(params=["sqlite", "postgres"])
def database_backend(request: pytest.FixtureRequest) -> str:
    return str(request.param)


@pytest.fixture
def database_url(request: pytest.FixtureRequest, database_backend: str, tmp_path: Path) -> Iterator[str]:
    """A fresh, empty service database on the chosen backend."""
    if database_backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp_path / 'service.db'}"
        return
    cluster = request.getfixturevalue("postgres_cluster")
    name = f"svc_{uuid.uuid4().hex[:12]}"
    cluster.create_database(name)
    yield cluster.dsn(name)
