"""The whole platform as processes for end-to-end tests: Kafka, Temporal, codec server, four services, worker.

Started once per session by the project's own launcher (`LocalStack`, as `make run` starts it) on free
ports and a temp data dir, with journeys on a compressed calendar. Its Kafka and Temporal are its own, so
events left behind by integration tests cannot reach these services and journeys.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.e2e.platform import Platform

SECONDS_PER_MONTH = 3.0


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with Platform.running(tmp_path_factory.mktemp("platform"), SECONDS_PER_MONTH) as running:
        yield running
