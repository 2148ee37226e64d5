"""The whole platform as processes for end-to-end tests: Kafka, Temporal, codec server, four services, worker.

Started once per session by the project's own launcher (`LocalStack`, as `make run` starts it) on free
ports and a temp data dir, with journeys on a compressed calendar. Its Kafka and Temporal are its own, so
events left behind by integration tests cannot reach these services and journeys.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.launcher.stack import LocalStack, StackConfig
from tests.e2e.platform import Platform

REPO_ROOT = Path(__file__).resolve().parents[2]
SECONDS_PER_MONTH = 3.0


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    data_dir = tmp_path_factory.mktemp("platform")
    config = StackConfig.on_free_ports(data_dir, REPO_ROOT / ".local" / "kafka" / "lib", SECONDS_PER_MONTH)
    stack = LocalStack(config)
    try:
        stack.start()
        yield Platform(stack)
    finally:
        stack.stop()
