"""Fixtures the journey integration tests share: real coaching and placement, a client of the dev server."""

from __future__ import annotations

from collections.abc import AsyncIterator

import pytest
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment

from tests.integration.journey_support import (
    HttpService,
    journey_converter,
    journey_worker,
    register_search_attributes,
    serving,
    time_skipping_server,
    worker_settings,
)


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


@pytest.fixture
async def env() -> AsyncIterator[WorkflowEnvironment]:
    """A time-skipping Temporal server of the test's own, with the journeys' converter and search attributes."""
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=time_skipping_server(), data_converter=journey_converter()
    ) as environment:
        await register_search_attributes(environment.client)
        yield environment


@pytest.fixture
async def task_queue(env, journey_services, tokens) -> AsyncIterator[str]:
    """A journey worker on `env` against the module's real coaching and placement; yields its task queue."""
    coaching, placement = journey_services
    async with journey_worker(env.client, worker_settings(tokens, coaching, placement)) as queue:
        yield queue
