"""Session-wide Kafka, Temporal and PostgreSQL for integration tests, started as plain processes.

Each component gets free ports and a data dir under pytest's temp dir, and is stopped at
the end of the session. Use with `from tests.fixtures_stack import *` in a conftest.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from contracts.topics import all_topic_names
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from deploy.launcher.temporal import TemporalDevServer

__all__ = ["kafka_server", "postgres_cluster", "temporal_server"]

REPO_ROOT = Path(__file__).resolve().parents[1]
# Shared with `make run`: the jars (about 45 MB) are resolved once per pom change.
KAFKA_LIB_DIR = REPO_ROOT / ".local" / "kafka" / "lib"


@pytest.fixture(scope="session")
def kafka_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaServer]:
    """A single-node Kafka broker with every platform topic (dead-letter topics included)."""
    lib_dir = KafkaJars.ensure(KAFKA_LIB_DIR)
    port, controller_port = free_ports(2)
    with KafkaServer(tmp_path_factory.mktemp("kafka"), port, controller_port, lib_dir) as server:
        server.ensure_topics(all_topic_names())
        yield server


@pytest.fixture(scope="session")
def temporal_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TemporalDevServer]:
    """A Temporal dev server with the journey search attributes, namespace "default"."""
    port, ui_port = free_ports(2)
    with TemporalDevServer(tmp_path_factory.mktemp("temporal"), port, ui_port) as server:
        yield server


@pytest.fixture(scope="session")
def postgres_cluster(tmp_path_factory: pytest.TempPathFactory) -> Iterator[PostgresCluster]:
    """A PostgreSQL cluster with fsync off; create databases with `create_database(name)`."""
    (port,) = free_ports(1)
    with PostgresCluster(tmp_path_factory.mktemp("postgres"), port, ephemeral=True) as cluster:
        yield cluster
