"""Fixtures the journey integration tests share: real coaching and placement, a client of the dev server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from temporalio.client import Client

from tests.integration.journey_support import HttpService, journey_converter, serving


@pytest.fixture(scope="module")
async def journey_services(kafka_server, tokens, tmp_path_factory) -> AsyncIterator[tuple[HttpService, HttpService]]:
    """Coaching and placement over HTTP, on fresh databases for each test module."""
    directory = tmp_path_factory.mktemp("journey-services")
    bootstrap = kafka_server.bootstrap_servers
    async with (
        serving("coaching", directory, bootstrap, tokens) as coaching,
        serving("placement", directory, bootstrap, tokens) as placement,
    ):
        yield coaching, placement


@pytest.fixture(scope="module")
async def journey_client(temporal_server) -> Client:
    """A client of the session's Temporal dev server that reads the journeys' encrypted payloads."""
    return await Client.connect(temporal_server.target, data_converter=journey_converter())
