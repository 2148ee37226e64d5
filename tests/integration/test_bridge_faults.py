"""The bridge as processes: killed mid-flow and restarted, or two sharing the consumer group.

Real Kafka (a broker of this module's own, see bridge_support), the session's Temporal dev
server, bridges as `python -m workflows.bridge_process`. No worker runs while they signal, so
every fact a journey was told waits in its history; a worker started afterwards (the real
ClientJourney, no activities) applies them all in the journey's first workflow task, where
the inbox drops a redelivered fact by its event id.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from temporalio.client import Client
from temporalio.worker import Worker

from contracts.topics import all_topic_names
from deploy.launcher.bridges import stable_members
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.process import free_ports
from tests.fixtures_stack import KAFKA_LIB_DIR
from tests.integration.bridge_support import (
    Published,
    bridge,
    committed,
    journeys_on,
    keep_publishing,
    publish,
    signalled,
)
from tests.support.kafka_reading import eventually
from workflows.bridge import journey_id
from workflows.codec import ensure_key
from workflows.journey.state import JourneyState
from workflows.journey.workflow import ClientJourney
from workflows.settings import BridgeSettings
from workflows.startup import connect

CRASH_CLIENTS = 400  # 1,200 records
SHARED_CLIENTS = 200  # at least 600 records, more while the group changes
SLOW = 900  # seconds: the machine is shared; the bridge signals at the Temporal dev server's pace


@dataclass(frozen=True)
class Rig:
    kafka: KafkaServer
    temporal: str
    codec_key: Path
    logs: Path
    client: Client


@pytest.fixture(scope="module")
def bridge_kafka(tmp_path_factory: pytest.TempPathFactory) -> Iterator[KafkaServer]:
    port, controller = free_ports(2)
    with KafkaServer(
        tmp_path_factory.mktemp("bridge-kafka"), port, controller, KafkaJars.ensure(KAFKA_LIB_DIR)
    ) as kafka:
        kafka.ensure_topics(all_topic_names())
        yield kafka


@pytest.fixture
async def rig(bridge_kafka, temporal_server, tmp_path) -> AsyncIterator[Rig]:
    codec_key = ensure_key(tmp_path / "codec.key")
    settings = BridgeSettings(temporal_address=temporal_server.target, codec_key_file=codec_key)
    yield Rig(bridge_kafka, temporal_server.target, codec_key, tmp_path / "logs", await connect(settings))


def new_bridge(rig: Rig, name: str, task_queue: str):
    return bridge(name, rig.logs, rig.kafka.bootstrap_servers, rig.temporal, rig.codec_key, task_queue).start()


async def all_committed(rig: Rig, before: int, records: int) -> None:
    """Until the groups have committed past `records` more than the `before` they had when the test began."""
    await eventually(lambda: _committed_at_least(rig, before + records), timeout=SLOW, interval=0.5)


async def _committed_at_least(rig: Rig, records: int) -> bool:
    return await committed(rig.kafka.bootstrap_servers) >= records


async def journeys_at_least(rig: Rig, task_queue: str, count: int) -> None:
    async def enough() -> bool:
        return (await rig.client.count_workflows(f"TaskQueue = '{task_queue}'")).count >= count

    await eventually(enough, timeout=SLOW, interval=0.2)


async def applied(rig: Rig, task_queue: str, client_ids: list[UUID]) -> dict[UUID, JourneyState]:
    """Each journey's state once a worker has applied what its history holds."""
    states: dict[UUID, JourneyState] = {}
    limit = asyncio.Semaphore(16)

    async def state_of(client_id: UUID) -> None:
        handle = rig.client.get_workflow_handle(journey_id(client_id))

        async def answered() -> bool:
            try:
                states[client_id] = await handle.query(ClientJourney.state)
            except Exception:  # not yet: the worker has not completed the journey's first task
                return False
            return True

        async with limit:
            await eventually(answered, timeout=SLOW, interval=0.5)

    async with Worker(rig.client, task_queue=task_queue, workflows=[ClientJourney]):
        await asyncio.gather(*(state_of(client_id) for client_id in client_ids))
    return states


async def check_every_fact_arrived_and_was_applied_once(
    rig: Rig, task_queue: str, published: Published
) -> tuple[int, set[str]]:
    """Asserts one journey per client, every fact in its history in order, each applied once.
    Returns how many signals were redeliveries and which bridges sent signals."""
    runs = await journeys_on(rig.client, task_queue)
    assert runs == {journey_id(client_id): 1 for client_id in published.facts}
    redelivered, identities = 0, set()
    for client_id, facts in published.facts.items():
        told = await signalled(rig.client, client_id)
        assert set(told.event_ids) == set(facts)
        cases = [event_id for event_id in dict.fromkeys(told.event_ids) if event_id in facts[1:]]
        assert cases == facts[1:]  # the case assignment before the contact, as published on one partition
        redelivered += len(told.event_ids) - len(facts)
        identities |= told.identities
    states = await applied(rig, task_queue, list(published.facts))
    for client_id, facts in published.facts.items():
        assert sorted(states[client_id].seen_event_ids) == sorted(facts)  # a redelivered fact is not applied again
    return redelivered, identities


async def test_a_bridge_killed_mid_flow_and_restarted_starts_every_journey_once_and_each_fact_is_applied_once(rig):
    task_queue = f"journeys-crash-{uuid4().hex[:6]}"
    published = Published()
    clients = [uuid4() for _ in range(CRASH_CLIENTS)]
    before = await committed(rig.kafka.bootstrap_servers)  # an earlier test's records, all committed
    first = new_bridge(rig, "bridge-crashing", task_queue)
    await publish(rig.kafka.bootstrap_servers, clients, published)
    await journeys_at_least(rig, task_queue, int(CRASH_CLIENTS * 0.4))
    first.kill()
    at_kill = await committed(rig.kafka.bootstrap_servers)
    assert at_kill < before + published.records  # killed mid-flow

    second = new_bridge(rig, "bridge-restarted", task_queue)
    try:
        await all_committed(rig, before, published.records)
        redelivered, _ = await check_every_fact_arrived_and_was_applied_once(rig, task_queue, published)
    finally:
        second.stop()
    # What the killed bridge signalled after its last commit came again from the restarted one.
    assert redelivered > 0


async def test_two_bridges_in_one_group_share_the_partitions_while_one_joins_and_one_leaves_mid_flow(rig):
    task_queue = f"journeys-shared-{uuid4().hex[:6]}"
    bootstrap = rig.kafka.bootstrap_servers
    published, handed_over = Published(), asyncio.Event()
    before = await committed(bootstrap)
    first = new_bridge(rig, "bridge-a", task_queue)
    second = None
    publishing = asyncio.create_task(keep_publishing(bootstrap, published, handed_over, SHARED_CLIENTS))
    try:
        await journeys_at_least(rig, task_queue, 20)
        second = new_bridge(rig, "bridge-b", task_queue)
        await eventually(lambda: _members_are(bootstrap, 2), timeout=SLOW, interval=0.5)
        joined_at = len(published.facts)
        await journeys_at_least(rig, task_queue, joined_at + 20)  # both at work after the rebalance
        first.stop()  # leaves: the records in hand on its partitions are finished and committed first
        await eventually(lambda: _members_are(bootstrap, 1), timeout=SLOW, interval=0.5)
        left_at = len(published.facts)
        await eventually(lambda: len(published.facts) >= left_at + 20, timeout=SLOW)  # and kept coming after
        handed_over.set()
        await publishing
        await all_committed(rig, before, published.records)
        _, identities = await check_every_fact_arrived_and_was_applied_once(rig, task_queue, published)
    finally:
        handed_over.set()
        await asyncio.gather(publishing, return_exceptions=True)
        first.stop()
        if second is not None:
            second.stop()
    assert 20 <= joined_at < left_at < len(published.facts)  # the group changed twice while facts kept coming
    assert len(identities) == 2  # both processes signalled journeys


async def _members_are(bootstrap: str, count: int) -> bool:
    return await stable_members(bootstrap) == count
