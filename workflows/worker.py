"""`python -m workflows.worker`: the Temporal workers for journeys, hearings, cohort timers and payment runs, the
event→signal bridge, the monthly payment schedule and the journeys API."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterator, Sequence
from typing import Any

import uvicorn
from temporalio.client import Client
from temporalio.worker import Worker

from workflows.bridge_process import journey_bridge
from workflows.codec import load_key
from workflows.cohort.activities import CohortActivities
from workflows.cohort.workflow import CohortTimer
from workflows.erasure.activities import ErasureActivities
from workflows.erasure.models import SweepInput
from workflows.erasure.schedule import ensure_erasure_schedule
from workflows.erasure.workflow import ErasureSweep
from workflows.hearing.activities import HearingActivities
from workflows.hearing.workflow import Hearing
from workflows.journey.activities import CoachingActivities, PlacementActivities
from workflows.journey.migration_activities import MigrationActivities
from workflows.journey.workflow import ClientJourney
from workflows.journey_api import create_app
from workflows.payload_keys import PayloadKeyStore
from workflows.payments.schedule import ensure_schedule
from workflows.payments.worker import payment_worker
from workflows.service_client import ServiceClient
from workflows.settings import MAX_CACHED_WORKFLOWS, WorkerSettings
from workflows.startup import connect, run_until_stopped

log = logging.getLogger("lotse.worker")
# Hearings, cohort timers and the erasure sweep share the journeys' task queue and HTTP clients.
WORKFLOWS = [ClientJourney, Hearing, CohortTimer, ErasureSweep]


@contextlib.asynccontextmanager
async def journey_activities(settings: WorkerSettings) -> AsyncIterator[Sequence[Any]]:
    """The activities' HTTP clients, open for as long as the worker runs."""
    coaching = ServiceClient(settings.coaching_url, settings)
    placement = ServiceClient(settings.placement_url, settings)
    benefits = ServiceClient(settings.benefits_url, settings)
    intake = ServiceClient(settings.intake_url, settings)
    reporting = ServiceClient(settings.reporting_url, settings)
    every = {"intake": intake, "coaching": coaching, "placement": placement, "benefits": benefits}
    payload_keys = (
        PayloadKeyStore(settings.payload_keys_dir, load_key(settings.codec_key_file))
        if settings.payload_keys_dir is not None
        else None
    )
    try:
        yield [
            *CoachingActivities(coaching).all(),
            *PlacementActivities(placement).all(),
            *MigrationActivities(intake, coaching, benefits).all(),
            *HearingActivities(coaching, benefits).all(),
            *CohortActivities(coaching).all(),
            *ErasureActivities({**every, "reporting": reporting}, payload_keys).all(),
        ]
    finally:
        for service in (*every.values(), reporting):
            await service.aclose()


def journey_worker(
    client: Client, task_queue: str, activities: Sequence[Any] = (), max_cached_workflows: int = MAX_CACHED_WORKFLOWS
) -> Worker:
    return Worker(
        client,
        task_queue=task_queue,
        workflows=WORKFLOWS,
        activities=activities,
        max_cached_workflows=max_cached_workflows,
    )


class _ApiServer(uvicorn.Server):
    """uvicorn without its own signal handlers: the worker process owns SIGINT/SIGTERM."""

    @contextlib.contextmanager
    def capture_signals(self) -> Iterator[None]:
        yield


@contextlib.asynccontextmanager
async def journeys_api(client: Client, settings: WorkerSettings) -> AsyncIterator[None]:
    if settings.jwt_public_key_file is None:
        log.warning("LOTSE_WORKER_JWT_PUBLIC_KEY_FILE is not set: the journeys API is not served")
        yield
        return
    app = create_app(
        client,
        settings.jwt_public_key_file.read_bytes(),
        settings.jwt_issuer,
        settings.jwt_audience,
        settings.api_exit_wait_seconds,
        settings.temporal_ui_url,
        settings.task_queue,
    )
    server = _ApiServer(uvicorn.Config(app, host=settings.api_host, port=settings.api_port, log_level="warning"))
    task = asyncio.create_task(server.serve(), name="journeys-api")
    try:
        yield
    finally:
        server.should_exit = True
        await task


async def serve(settings: WorkerSettings, stop: asyncio.Event) -> None:
    client = await connect(settings)
    await ensure_schedule(client)
    await ensure_erasure_schedule(
        client, SweepInput(retention_years=settings.retention_years), task_queue=settings.task_queue
    )
    async with (
        journey_activities(settings) as activities,
        journey_worker(client, settings.task_queue, activities, settings.max_cached_workflows),
        payment_worker(client, settings),
        journeys_api(client, settings),
        journey_bridge(client, settings, settings.bridge_in_worker),
    ):
        log.info(
            "worker on task queue %r, bridge %s %s, journeys API on %s:%s",
            settings.task_queue,
            "consuming from" if settings.bridge_in_worker else "in its own processes, not here; Kafka at",
            settings.kafka_bootstrap_servers,
            settings.api_host,
            settings.api_port,
        )
        await stop.wait()


def main() -> None:
    settings = WorkerSettings()
    run_until_stopped(lambda stop: serve(settings, stop))


if __name__ == "__main__":
    main()
