"""The whole platform as processes for end-to-end tests: Kafka, Temporal, codec server, four services, worker.

Started once per session by the project's own launcher (`LocalStack`, as `make run` starts it) on free
ports and a temp data dir, with journeys on a compressed calendar. Its Kafka and Temporal are its own, so
events left behind by integration tests cannot reach these services and journeys.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from deploy.launcher.process import free_ports
from deploy.launcher.stack import LocalStack, StackConfig
from tests.e2e.platform import Platform

REPO_ROOT = Path(__file__).resolve().parents[2]
SECONDS_PER_MONTH = 3.0
SERVICES = ("intake", "coaching", "placement", "benefits")


@pytest.fixture(scope="session")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    kafka, controller, temporal, ui, codec, journeys, *services = free_ports(6 + len(SERVICES))
    data_dir = tmp_path_factory.mktemp("platform")
    config = StackConfig(
        data_dir=data_dir,
        kafka_lib_dir=REPO_ROOT / ".local" / "kafka" / "lib",
        kafka_port=kafka,
        kafka_controller_port=controller,
        temporal_port=temporal,
        temporal_ui_port=ui,
        codec_port=codec,
        journeys_api_port=journeys,
        seconds_per_month=SECONDS_PER_MONTH,
        service_ports=dict(zip(SERVICES, services, strict=True)),
    )
    stack = LocalStack(config)
    try:
        stack.start()
        yield Platform(stack)
    finally:
        stack.stop()
