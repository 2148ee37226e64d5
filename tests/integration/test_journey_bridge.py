"""Facts on Kafka drive a client's journey on a real Temporal dev server (encrypted payloads)."""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import pytest
from aiokafka import AIOKafkaProducer
from temporalio.client import Client
from temporalio.common import SearchAttributeKey

from contracts.envelope import Envelope, to_record
from contracts.events import (
    CaseAssignedV1,
    ClientRegisteredV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    Event,
    ReadyForPlacementV1,
)
from tests.support.kafka_reading import eventually
from workflows.bridge import journey_id
from workflows.journey.state import JourneyState, Stage
from workflows.settings import WorkerSettings
from workflows.worker import connect, serve


@pytest.fixture
async def worker(kafka_server, temporal_server, tokens, tmp_path):
    settings = WorkerSettings(temporal_address=temporal_server.target, task_queue=f"journeys-{uuid4().hex[:8]}",
                              kafka_bootstrap_servers=kafka_server.bootstrap_servers,
                              codec_key_file=tmp_path / "codec.key", jwt_signing_key_file=tokens.private_key)
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop))
    client = await connect(settings)
    yield client
    stop.set()
    await task


async def announce(bootstrap: str, *events: Event) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for event in events:
            record = to_record(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
            await producer.send_and_wait(event.topic.name, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


async def journey_state(client: Client, client_id) -> JourneyState | None:
    try:
        return await client.get_workflow_handle(journey_id(client_id)).query("state", result_type=JourneyState)
    except Exception:
        return None


async def wait_for_stage(client: Client, client_id, stage: Stage) -> JourneyState:
    async def reached() -> bool:
        state = await journey_state(client, client_id)
        return state is not None and state.stage is stage
    await eventually(reached, timeout=60)
    state = await journey_state(client, client_id)
    assert state is not None
    return state


def hire(client_id, employment_id, start: date) -> EmploymentStartedV1:
    return EmploymentStartedV1(client_id=client_id, employment_id=employment_id, employer_id=uuid4(),
                               start_date=start, weekly_hours=Decimal("30"), gross_monthly_pay=Decimal("2100.00"),
                               net_monthly_pay=Decimal("1580.00"), first_pay_date=start,
                               subject_to_social_insurance=True)


def month(n: int) -> date:
    return date(2026 + (n - 1) // 12, (n - 1) % 12 + 1, 1)


async def test_a_journey_follows_the_facts_from_registration_through_a_relapse_to_sustained_employment(
        worker, kafka_server):
    client_id, first_job, second_job = uuid4(), uuid4(), uuid4()
    bootstrap = kafka_server.bootstrap_servers
    await announce(bootstrap, ClientRegisteredV1(client_id=client_id, household_id=uuid4(), office_id="lutjenburg",
                                                 target_groups=["single_parent"], registered_at=datetime.now(UTC)))
    state = await wait_for_stage(worker, client_id, Stage.REGISTERED)
    assert state.office_id == "lutjenburg"

    await announce(bootstrap,
                   CaseAssignedV1(client_id=client_id, case_worker_id="cm-7", office_id="lutjenburg",
                                  program_id="joboffensive", assigned_at=datetime.now(UTC)),
                   ReadyForPlacementV1(client_id=client_id, case_worker_id="cm-7", declared_at=datetime.now(UTC)),
                   hire(client_id, first_job, date(2026, 1, 5)))
    await wait_for_stage(worker, client_id, Stage.EMPLOYED)

    await announce(bootstrap, EmploymentEndedV1(client_id=client_id, employment_id=first_job,
                                                end_date=date(2026, 4, 30), reason="probation not passed"))
    state = await wait_for_stage(worker, client_id, Stage.COACHING)
    assert state.relapses == 1

    confirmations = [EmploymentConfirmedV1(client_id=client_id, employment_id=second_job, month=month(m),
                                           gross_pay=Decimal("2100.00"), net_pay=Decimal("1580.00"))
                     for m in range(6, 12)]
    await announce(bootstrap, hire(client_id, second_job, date(2026, 5, 4)), confirmations[0], *confirmations)
    state = await wait_for_stage(worker, client_id, Stage.SUSTAINED)
    assert len(state.confirmed_months) == 6 and state.relapses == 1

    handle = worker.get_workflow_handle(journey_id(client_id), result_type=JourneyState)
    result = await handle.result()
    assert result.stage is Stage.SUSTAINED
    attributes = (await handle.describe()).typed_search_attributes
    assert attributes.get(SearchAttributeKey.for_keyword("JourneyStage")) == "sustained"
    assert attributes.get(SearchAttributeKey.for_keyword("OfficeId")) == "lutjenburg"
    assert attributes.get(SearchAttributeKey.for_keyword("CaseWorkerId")) == "cm-7"
    assert attributes.get(SearchAttributeKey.for_keyword("ProgramId")) == "joboffensive"


async def test_journey_payloads_are_encrypted_in_temporal_history(worker, kafka_server, temporal_server):
    client_id = uuid4()
    await announce(kafka_server.bootstrap_servers, ClientRegisteredV1(
        client_id=client_id, household_id=uuid4(), office_id="plon", registered_at=datetime.now(UTC)))
    await wait_for_stage(worker, client_id, Stage.REGISTERED)
    plain = await Client.connect(temporal_server.target)  # no codec: sees what Temporal stores
    history = await plain.get_workflow_handle(journey_id(client_id)).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    payload = started.input.payloads[0]
    assert payload.metadata["encoding"] == b"binary/encrypted"
    assert str(client_id).encode() not in payload.data
