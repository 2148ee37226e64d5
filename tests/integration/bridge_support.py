"""Bridge processes against a Kafka broker of their own, and what journeys' histories say they were told.

The bridge's consumer groups are fixed (`journey-bridge@<topic>`), so the fault tests give them a
broker of their own: the topics then hold exactly the test's records and the committed offsets
count them. Each client gets three facts: its registration (`intake.clients.v1`), then a case
assignment and a contact, in that order (`coaching.cases.v1`, keyed by the client).
"""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
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
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        sent = []
        for client_id in clients:
            for event in facts_of(client_id):
                envelope = Envelope(id=uuid4(), source="/tests/bridge", time=datetime.now(UTC), data=event)
                record = to_record(envelope)
                sent.append(await producer.send(event.topic.name, record.value, key=record.key, headers=record.headers))
                published.facts.setdefault(client_id, []).append(envelope.id)
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


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
            offsets = await admin.list_consumer_group_offsets(group_id(Subscription(CONSUMER, topic)))
            total += sum(max(meta.offset, 0) for meta in offsets.values())
        return total
    finally:
        await admin.close()


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
