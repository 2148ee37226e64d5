"""Facts on Kafka drive a client's journey through the worker process (bridge, worker, journeys API).

Real Kafka, a real Temporal dev server (encrypted payloads), real coaching and placement
behind the journey's activities: the registration both opens the case in coaching and starts
the journey, which then has coaching assign the case manager.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import uuid4

import httpx
import pytest
from aiokafka import AIOKafkaProducer, TopicPartition
from aiokafka.admin import AIOKafkaAdminClient
from temporalio.client import Client, WorkflowExecutionStatus

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import (
    ClientRegisteredV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    EntitlementEndedV1,
    JobSearchOpenedV1,
    ReadyForPlacementV1,
)
from deploy.launcher.process import free_ports
from services.platform.consumer import Subscription, group_id
from tests.integration.journey_support import announce
from tests.support.kafka_reading import envelopes, eventually, read_until
from workflows import search_attributes
from workflows.bridge import CONSUMER, journey_id
from workflows.codec import ensure_key
from workflows.journey.state import JourneyState, Stage
from workflows.settings import WorkerSettings
from workflows.startup import connect
from workflows.worker import serve


@pytest.fixture(scope="module")
async def worker(kafka_server, temporal_server, tokens, journey_services, tmp_path_factory):
    """The worker process's `serve`: bridge, Temporal worker with activities, journeys API."""
    (api_port,) = free_ports(1)
    settings = WorkerSettings(
        temporal_address=temporal_server.target,
        task_queue=f"journeys-{uuid4().hex[:8]}",
        kafka_bootstrap_servers=kafka_server.bootstrap_servers,
        codec_key_file=ensure_key(tmp_path_factory.mktemp("codec") / "codec.key"),
        jwt_signing_key_file=tokens.private_key,
        coaching_url=journey_services[0].url,
        placement_url=journey_services[1].url,
        jwt_public_key_file=tokens.public_key,
        api_port=api_port,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop))
    client = await connect(settings)
    yield client, f"http://127.0.0.1:{api_port}"
    stop.set()
    await task


async def journey_state(client: Client, client_id) -> JourneyState | None:
    try:
        return await client.get_workflow_handle(journey_id(client_id)).query("state", result_type=JourneyState)
    except Exception:
        return None


async def wait_for_stage(client: Client, client_id, stage: Stage) -> JourneyState:
    async def reached() -> bool:
        state = await journey_state(client, client_id)
        return state is not None and state.stage is stage

    await eventually(reached, timeout=90)
    state = await journey_state(client, client_id)
    assert state is not None
    return state


def hire(client_id, employment_id, start: date) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=client_id,
        employment_id=employment_id,
        employer_id=uuid4(),
        start_date=start,
        weekly_hours=Decimal("30"),
        gross_monthly_pay=Decimal("2100.00"),
        net_monthly_pay=Decimal("1580.00"),
        first_pay_date=start,
        subject_to_social_insurance=True,
    )


def month(n: int) -> date:
    return date(2026 + (n - 1) // 12, (n - 1) % 12 + 1, 1)


def registered(client_id, household_id=None) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=client_id,
        household_id=household_id or uuid4(),
        office_id="lutjenburg",
        target_groups=["single_parent"],
        registered_at=datetime.now(UTC),
    )


async def test_a_journey_follows_the_facts_from_registration_through_a_relapse_to_its_closure(worker, kafka_server):
    client, api = worker
    client_id, household_id, partner, first_job, second_job = uuid4(), uuid4(), uuid4(), uuid4(), uuid4()
    bootstrap = kafka_server.bootstrap_servers
    await announce(bootstrap, registered(client_id, household_id))
    state = await wait_for_stage(client, client_id, Stage.COACHING)  # coaching assigned over HTTP
    assert state.office_id == "lutjenburg" and state.case_worker_id and state.case_worker_id.startswith("lutjenburg-")

    await announce(
        bootstrap,
        ReadyForPlacementV1(client_id=client_id, case_worker_id=state.case_worker_id, declared_at=datetime.now(UTC)),
        hire(client_id, first_job, date(2026, 1, 5)),
    )
    await wait_for_stage(client, client_id, Stage.EMPLOYED)

    await announce(
        bootstrap,
        EmploymentEndedV1(
            client_id=client_id, employment_id=first_job, end_date=date(2026, 4, 30), reason="probation not passed"
        ),
    )
    state = await wait_for_stage(client, client_id, Stage.COACHING)
    assert state.relapses == 1

    confirmations = [
        EmploymentConfirmedV1(
            client_id=client_id,
            employment_id=second_job,
            month=month(m),
            gross_pay=Decimal("2100.00"),
            net_pay=Decimal("1580.00"),
        )
        for m in range(6, 12)
    ]
    await announce(bootstrap, hire(client_id, second_job, date(2026, 5, 4)), confirmations[0], *confirmations)
    state = await wait_for_stage(client, client_id, Stage.SUSTAINED)
    assert len(state.confirmed_months) == 6 and state.relapses == 1

    # Keyed by household, naming both members: each member's journey hears it; this one closes at once.
    await announce(
        bootstrap,
        EntitlementEndedV1(
            household_id=household_id,
            decision_id=uuid4(),
            effective_month=month(12),
            income_covers_need=True,
            reason="income covers the need",
            client_ids=[client_id, partner],
            employment_id=second_job,
        ),
    )
    handle = client.get_workflow_handle(journey_id(client_id), result_type=JourneyState)
    result = await asyncio.wait_for(handle.result(), 90)
    assert result.stage is Stage.CLOSED and result.closed_reason == "sustained_employment"
    assert result.independent_of_benefits
    partner_state = await wait_for_stage(client, partner, Stage.REGISTERED)
    assert partner_state.independent_of_benefits
    await client.get_workflow_handle(journey_id(partner)).terminate("test over")

    attributes = (await handle.describe()).typed_search_attributes
    assert attributes.get(search_attributes.STAGE) == "closed"
    assert attributes.get(search_attributes.OFFICE) == "lutjenburg"
    assert attributes.get(search_attributes.CASE_WORKER) == state.case_worker_id
    assert attributes.get(search_attributes.PROGRAM) == state.program_id

    async with httpx.AsyncClient(base_url=api) as http:  # the worker process serves the journeys API
        assert (await http.get("/health")).json() == {"status": "ok"}


async def test_a_job_search_that_placement_opens_for_a_readiness_overtaken_by_a_relapse_leaves_the_client_in_coaching(
    worker, kafka_server
):
    """Placement answers the readiness on the employments topic after its consumer and relay: here, after
    the hire and its end (the order in which the relapse test above used to lose the relapse)."""
    client, _ = worker
    client_id, job = uuid4(), uuid4()
    bootstrap = kafka_server.bootstrap_servers
    await announce(bootstrap, registered(client_id))
    state = await wait_for_stage(client, client_id, Stage.COACHING)
    await announce(
        bootstrap,
        ReadyForPlacementV1(
            client_id=client_id, case_worker_id=state.case_worker_id or "", declared_at=datetime.now(UTC)
        ),
        hire(client_id, job, date(2026, 1, 5)),
        EmploymentEndedV1(
            client_id=client_id, employment_id=job, end_date=date(2026, 2, 27), reason="probation not passed"
        ),
    )

    opened = await placement_announced(bootstrap, client_id, JobSearchOpenedV1)
    await eventually(lambda: bridge_passed(bootstrap, opened), timeout=60)
    state = await wait_for_stage(client, client_id, Stage.COACHING)
    assert state.relapses == 1 and state.search_id is not None
    await client.get_workflow_handle(journey_id(client_id)).terminate("test over")


async def placement_announced(bootstrap: str, client_id, event_type) -> tuple[TopicPartition, int]:
    """Where placement published its `event_type` for the client."""

    def found(records) -> bool:
        return any(
            e.type == event_type.type and getattr(e.data, "client_id", None) == client_id for e in envelopes(records)
        )

    records = await read_until(bootstrap, event_type.topic.name, found, timeout=60)
    record = next(
        r
        for r in records
        for e in envelopes([r])
        if e.type == event_type.type and getattr(e.data, "client_id", None) == client_id
    )
    return TopicPartition(record.topic, record.partition), record.offset


async def test_a_late_fact_does_not_reopen_a_closed_journey_but_a_new_registration_does(worker, kafka_server):
    client, _ = worker
    client_id = uuid4()
    bootstrap = kafka_server.bootstrap_servers
    await announce(bootstrap, registered(client_id))
    await wait_for_stage(client, client_id, Stage.COACHING)
    handle = client.get_workflow_handle(journey_id(client_id))
    await handle.execute_update("exit", {"reason": "moved_away"})
    closed_run = (await handle.describe()).run_id

    late = EmploymentConfirmedV1(
        client_id=client_id,
        employment_id=uuid4(),
        month=month(3),
        gross_pay=Decimal("100.00"),
        net_pay=Decimal("90.00"),
    )
    where = await publish(bootstrap, late)
    await eventually(lambda: bridge_passed(bootstrap, where), timeout=60)
    description = await handle.describe()
    assert description.run_id == closed_run and description.status == WorkflowExecutionStatus.COMPLETED

    await announce(bootstrap, registered(client_id))  # the client came back
    await eventually(lambda: _new_run(handle, closed_run), timeout=60)
    await client.get_workflow_handle(journey_id(client_id)).terminate("test over")


async def publish(bootstrap: str, event) -> tuple[TopicPartition, int]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        record = to_record(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
        sent = await producer.send_and_wait(event.topic.name, record.value, key=record.key, headers=record.headers)
        return TopicPartition(sent.topic, sent.partition), sent.offset
    finally:
        await producer.stop()


async def bridge_passed(bootstrap: str, where: tuple[TopicPartition, int]) -> bool:
    """Whether the bridge committed past the record (it commits only after handling it)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(group_id(Subscription(CONSUMER, topics.EMPLOYMENTS)))
    finally:
        await admin.close()
    committed = offsets.get(where[0])
    return committed is not None and committed.offset > where[1]


async def _new_run(handle, closed_run: str) -> bool:
    return (await handle.describe()).run_id != closed_run


async def test_journey_payloads_are_encrypted_in_temporal_history(worker, kafka_server, temporal_server):
    client, _ = worker
    client_id = uuid4()
    await announce(
        kafka_server.bootstrap_servers,
        ClientRegisteredV1(
            client_id=client_id, household_id=uuid4(), office_id="plon", registered_at=datetime.now(UTC)
        ),
    )
    await wait_for_stage(client, client_id, Stage.COACHING)
    plain = await Client.connect(temporal_server.target)  # no codec: sees what Temporal stores
    history = await plain.get_workflow_handle(journey_id(client_id)).fetch_history()
    started = history.events[0].workflow_execution_started_event_attributes
    payload = started.input.payloads[0]
    assert payload.metadata["encoding"] == b"binary/encrypted"
    assert str(client_id).encode() not in payload.data
    await client.get_workflow_handle(journey_id(client_id)).terminate("test over")
