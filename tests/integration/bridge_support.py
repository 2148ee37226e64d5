"""Bridge processes against a Kafka broker of their own, and what journeys' histories say they were told.

The bridge's consumer groups are fixed (`journey-bridge@<topic>`), so the fault tests give them a
broker of their own: the topics then hold exactly the test's records and the committed offsets
count them. Each client gets three facts: its registration (`intake.clients.v1`), then a case
assignment and a contact, in that order (`coaching.cases.v1`, keyed by the client).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from aiokafka.errors import GroupCoordinatorNotAvailableError
from temporalio.api.enums.v1 import EventType
from temporalio.client import Client

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import CaseAssignedV1, ClientRegisteredV1, ContactRecordedV1, Event
from deploy.launcher.bridges import bridge_process
from deploy.launcher.process import ManagedProcess
from services.platform.consumer import Subscription, group_id
from workflows.bridge import CONSUMER, journey_id
from workflows.journey.messages import Fact

TOPICS = (topics.CLIENTS, topics.CASES)
COORDINATOR_ATTEMPTS = 60
PACE = 0.1


@dataclass
class Published:
    """Per client, the event ids of its facts in the order they were published."""

    facts: dict[UUID, list[UUID]] = field(default_factory=dict)

    @property
    def records(self) -> int:
        return sum(len(ids) for ids in self.facts.values())


def facts_of(client_id: UUID) -> Iterator[Event]:
    now = datetime.now(UTC)
    yield ClientRegisteredV1(client_id=client_id, household_id=uuid4(), office_id="plon", registered_at=now)
    yield CaseAssignedV1(client_id=client_id, case_worker_id="plon-cm-01", office_id="plon", assigned_at=now)
    yield ContactRecordedV1(
        client_id=client_id, contact_id=uuid4(), case_worker_id="plon-cm-01", channel="phone", occurred_at=now
    )


async def publish(bootstrap: str, clients: list[UUID], published: Published) -> None:
    async with producing(bootstrap) as producer:
        await asyncio.gather(*[sent for client_id in clients for sent in await _send(producer, client_id, published)])


@asynccontextmanager
async def producing(bootstrap: str) -> AsyncIterator[AIOKafkaProducer]:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        yield producer
    finally:
        await producer.stop()


async def _send(producer: AIOKafkaProducer, client_id: UUID, published: Published) -> list[asyncio.Future[Any]]:
    """Hands the client's facts to the producer; the futures resolve when Kafka has them."""
    sent = []
    for event in facts_of(client_id):
        envelope = Envelope(id=uuid4(), source="/tests/bridge", time=datetime.now(UTC), data=event)
        record = to_record(envelope)
        sent.append(await producer.send(event.topic.name, record.value, key=record.key, headers=record.headers))
        published.facts.setdefault(client_id, []).append(envelope.id)
    return sent


async def keep_publishing(bootstrap: str, published: Published, enough: asyncio.Event, at_least: int) -> None:
    """A new client's facts every PACE seconds until `enough` is set and `at_least` clients were published."""
    async with producing(bootstrap) as producer:
        while not enough.is_set() or len(published.facts) < at_least:
            await asyncio.gather(*await _send(producer, uuid4(), published))
            await asyncio.sleep(PACE)


def bridge(name: str, logs: Path, bootstrap: str, temporal: str, codec_key: Path, task_queue: str) -> ManagedProcess:
    env = {
        "LOTSE_WORKER_TEMPORAL_ADDRESS": temporal,
        "LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS": bootstrap,
        "LOTSE_WORKER_CODEC_KEY_FILE": str(codec_key),
        "LOTSE_WORKER_TASK_QUEUE": task_queue,
        # Commits far apart: whatever was signalled since the last one comes again after a crash.
        "LOTSE_WORKER_BRIDGE_COMMIT_SECONDS": "5",
    }
    return bridge_process(name, logs, env)


async def committed(bootstrap: str) -> int:
    """Records of the test's topics the bridge's groups have committed past."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        total = 0
        for topic in TOPICS:
            offsets = await _group_offsets(admin, group_id(Subscription(CONSUMER, topic)))
            total += sum(max(meta.offset, 0) for meta in offsets.values())
        return total
    finally:
        await admin.close()


async def _group_offsets(admin: AIOKafkaAdminClient, group: str) -> dict[Any, Any]:
    # A fresh broker creates its offsets topic, and with it the groups' coordinator, on first use.
    for _ in range(COORDINATOR_ATTEMPTS):
        try:
            return await admin.list_consumer_group_offsets(group)
        except GroupCoordinatorNotAvailableError:
            await asyncio.sleep(0.5)
    return await admin.list_consumer_group_offsets(group)


async def journeys_on(client: Client, task_queue: str) -> Counter[str]:
    """Workflow id → runs, for every workflow on the task queue."""
    return Counter([execution.id async for execution in client.list_workflows(f"TaskQueue = '{task_queue}'")])


@dataclass(frozen=True)
class Signalled:
    event_ids: list[UUID]  # every fact signal in history order, duplicates included
    identities: set[str]  # the client identities (pid@host) that sent them


async def signalled(client: Client, client_id: UUID) -> Signalled:
    history = await client.get_workflow_handle(journey_id(client_id)).fetch_history()
    event_ids: list[UUID] = []
    identities: set[str] = set()
    for event in history.events:
        if event.event_type != EventType.EVENT_TYPE_WORKFLOW_EXECUTION_SIGNALED:
            continue
        attributes = event.workflow_execution_signaled_event_attributes
        (fact,) = await client.data_converter.decode(attributes.input.payloads, [Fact])
        event_ids.append(fact.event_id)
        identities.add(attributes.identity)
    return Signalled(event_ids, identities)
