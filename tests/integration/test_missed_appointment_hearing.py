"""A missed appointment on Kafka opens the client's hearing through the worker process (bridge, worker).

Real Kafka, a real Temporal dev server, real coaching and placement: the registration starts the journey
(which learns the household), coaching's `appointment_missed.v1` with notice opens `hearing-<incident id>`,
and the hearing looks the household up from the journey. A miss without notice opens nothing.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from temporalio.client import Client
from temporalio.service import RPCError, RPCStatusCode

from contracts.envelope import Envelope, to_record
from contracts.events import AppointmentMissedV1, ClientRegisteredV1, ContactRecordedV1, Event
from deploy.launcher.process import free_ports
from tests.support.kafka_reading import eventually
from workflows.bridge import journey_id
from workflows.codec import ensure_key
from workflows.hearing.missed import incident_id
from workflows.hearing.models import HearingState, Status
from workflows.hearing.workflow import hearing_id
from workflows.journey.state import JourneyState
from workflows.settings import WorkerSettings
from workflows.startup import connect
from workflows.worker import serve


@pytest.fixture(scope="module")
async def worker(kafka_server, temporal_server, tokens, journey_services, tmp_path_factory):
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
    yield await connect(settings)
    stop.set()
    await task


def missed(client_id: UUID, appointment_id: UUID, notice_given: bool) -> AppointmentMissedV1:
    return AppointmentMissedV1(
        appointment_id=appointment_id,
        client_id=client_id,
        staff_id="lutjenburg-cm-01",
        office_id="lutjenburg",
        starts_at=datetime(2026, 12, 1, 8, 30, tzinfo=UTC),
        appointment_date=date(2026, 12, 1),
        notice_given=notice_given,
        notice_given_at=datetime(2026, 11, 20, 9, tzinfo=UTC) if notice_given else None,
        consecutive_misses=2,
    )


async def publish(bootstrap: str, *envelopes: Envelope) -> None:
    """Each envelope as its service would send it; the same envelope twice is a redelivery."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for envelope in envelopes:
            record = to_record(envelope)
            topic = envelope.data.topic.name
            await producer.send_and_wait(topic, record.value, key=record.key, headers=record.headers)
    finally:
        await producer.stop()


def envelope(event: Event) -> Envelope:
    return Envelope(id=uuid4(), source="/tests/coaching", time=datetime.now(UTC), data=event)


async def journey(client: Client, client_id: UUID) -> JourneyState | None:
    try:
        return await client.get_workflow_handle(journey_id(client_id)).query("state", result_type=JourneyState)
    except RPCError:
        return None


async def hearing(client: Client, incident: UUID) -> HearingState | None:
    try:
        return await client.get_workflow_handle(hearing_id(incident)).query("state", result_type=HearingState)
    except RPCError as error:
        assert error.status is RPCStatusCode.NOT_FOUND, error
        return None


async def test_a_miss_with_notice_delivered_twice_opens_one_hearing_and_a_miss_without_notice_none(
    worker, kafka_server
):
    client = worker
    client_id, household_id, with_notice, without_notice = uuid4(), uuid4(), uuid4(), uuid4()
    bootstrap = kafka_server.bootstrap_servers
    registration = ClientRegisteredV1(
        client_id=client_id, household_id=household_id, office_id="lutjenburg", registered_at=datetime.now(UTC)
    )
    await publish(bootstrap, envelope(registration))
    miss = envelope(missed(client_id, with_notice, notice_given=True))
    contact = ContactRecordedV1(
        client_id=client_id,
        contact_id=uuid4(),
        case_worker_id="lutjenburg-cm-01",
        channel="phone",
        occurred_at=datetime.now(UTC),
    )
    # All keyed by the client, so in this order on one partition: once the journey heard the contact, the
    # bridge has handled both deliveries of the miss and the miss without notice before it.
    await publish(bootstrap, miss, miss, envelope(missed(client_id, without_notice, False)), envelope(contact))

    async def contact_heard() -> bool:
        state = await journey(client, client_id)
        return state is not None and state.last_contact_at is not None

    await eventually(contact_heard, timeout=90)

    async def household_resolved() -> bool:
        state = await hearing(client, incident_id(with_notice, client_id))
        return state is not None and state.facts.household_id is not None

    await eventually(household_resolved, timeout=60)
    state = await hearing(client, incident_id(with_notice, client_id))
    assert state is not None
    assert state.status is Status.AWAITING_STATEMENT
    facts = state.facts
    assert (facts.client_id, facts.household_id, facts.office_id) == (client_id, household_id, "lutjenburg")
    assert (facts.kind, facts.occurred_on, facts.notice_given) == ("missed_appointment", date(2026, 12, 1), True)
    assert (facts.consecutive_misses, facts.mental_illness_known) == (2, False)

    runs = [
        run async for run in client.list_workflows(f"WorkflowId = '{hearing_id(incident_id(with_notice, client_id))}'")
    ]
    assert len(runs) == 1
    assert await hearing(client, incident_id(without_notice, client_id)) is None
