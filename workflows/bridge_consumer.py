"""The bridge's Kafka consumer: many clients at once, one client in order, offsets committed in batches.

One consumer per topic, in the group `journey-bridge@<topic>` (the group of the platform's
consumers, `services.platform.consumer.group_id`), so any number of bridge processes share
the partitions. Fetched records go into lanes by partition and key (`bridge_lanes`): one
client's records in order, others in parallel, at most `max_in_flight` held. A record is done
when Temporal accepted its signal-with-start, or it was dead-lettered; every
`commit_seconds` each partition's offset moves past the records done without a gap
(`bridge_offsets`). A transient failure (Temporal or Kafka away) is retried in its lane and
holds that client's later records back. When partitions are revoked (a bridge joined or left
the group) their lanes finish the record in hand and drop the rest, the done offsets are
committed, and only then may the next owner start: it redelivers what was dropped, and
journeys drop a fact they have seen by its event id. A crash redelivers the same way.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Iterable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, ConsumerRebalanceListener, TopicPartition
from aiokafka.errors import KafkaError
from faststream.kafka import KafkaBroker

from contracts.envelope import from_record
from services.platform.consumer import Subscription, dead_letter, group_id
from services.platform.failures import is_transient
from workflows.bridge_lanes import Lanes
from workflows.bridge_offsets import PartitionOffsets

log = logging.getLogger(__name__)
RETRY_MAX_SECONDS = 5.0  # short: a revoked partition waits for its lanes' current attempt
Held = tuple[Any, PartitionOffsets]  # a ConsumerRecord and the offsets of its partition's assignment


class BridgeConsumer:
    def __init__(
        self,
        bootstrap_servers: str,
        subscription: Subscription,
        dead_letters: KafkaBroker,
        max_in_flight: int,
        commit_seconds: float,
    ) -> None:
        self._subscription = subscription
        self._handlers = {cls.type: handler for cls, handler in subscription.handlers.items()}
        self._dead_letters = dead_letters
        self._max_in_flight = max_in_flight
        self._commit_seconds = commit_seconds
        self._consumer = AIOKafkaConsumer(
            bootstrap_servers=bootstrap_servers,
            group_id=group_id(subscription),
            client_id=subscription.consumer,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
        )
        self._offsets: dict[TopicPartition, PartitionOffsets] = {}
        self._lanes: Lanes[Held] = Lanes(max_in_flight, self._handle)
        self._stopping = False
        self._tasks: list[asyncio.Task[None]] = []

    async def start(self) -> None:
        self._consumer.subscribe([self._subscription.topic.name], listener=_Rebalance(self))
        await self._consumer.start()
        self._tasks = [asyncio.create_task(self._fetch()), asyncio.create_task(self._commit_regularly())]

    async def stop(self) -> None:
        """Finish the records in hand, commit them and leave the group."""
        for task in self._tasks:
            task.cancel()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._stopping = True
        await self._lanes.finished(lambda lane: True)
        await self._commit(self._offsets)
        await self._consumer.stop()

    # --- fetching and handling ------------------------------------------------------------------

    async def _fetch(self) -> None:
        while True:
            batches = await self._consumer.getmany(timeout_ms=500, max_records=self._max_in_flight)
            for tp, records in batches.items():
                offsets = self._offsets.get(tp)
                for record in records:
                    if offsets is None or offsets.revoked:
                        break  # the next owner (or this one, reassigned) fetches it again from the commit
                    offsets.take(record.offset)
                    await self._lanes.put((tp, record.key), (record, offsets))

    async def _handle(self, held: Held) -> None:
        record, offsets = held
        failures = 0
        while not (offsets.revoked or self._stopping):
            try:
                await self._deliver(record)
            except Exception as exc:  # transient: _deliver dead-letters everything else
                failures += 1
                log.warning(
                    "%s: transient failure at %s/%s, retrying: %s", self._name, record.partition, record.offset, exc
                )
                await asyncio.sleep(min(0.1 * 2**failures, RETRY_MAX_SECONDS))
                continue
            offsets.done(record.offset)
            return

    async def _deliver(self, record: Any) -> None:
        try:
            envelope = from_record(record.key, list(record.headers), record.value)
            handler = self._handlers.get(envelope.type)
            if handler is not None:
                await handler(envelope)
        except Exception as exc:
            if is_transient(exc):
                raise
            log.warning(
                "%s: poison message at %s/%s, dead-lettering: %s: %s",
                self._name,
                record.partition,
                record.offset,
                type(exc).__name__,
                exc,
            )
            await dead_letter(self._dead_letters, self._subscription, record, exc)

    @property
    def _name(self) -> str:
        return f"{self._subscription.consumer}@{self._subscription.topic.name}"

    # --- commits and rebalancing ----------------------------------------------------------------

    async def _commit_regularly(self) -> None:
        while True:
            await asyncio.sleep(self._commit_seconds)
            await self._commit(self._offsets)

    async def _commit(self, partitions: Iterable[TopicPartition]) -> None:
        due = [(tp, offsets, offsets.to_commit()) for tp, offsets in list(self._offsets.items()) if tp in partitions]
        wanted = {tp: offset for tp, _, offset in due if offset is not None}
        if not wanted:
            return
        try:
            await self._consumer.commit(wanted)
        except KafkaError as exc:  # the group moved on: the next owner redelivers, journeys drop what they saw
            log.warning("%s: commit of %s failed: %s", self._name, wanted, exc)
            return
        for _, offsets, offset in due:
            if offset is not None:
                offsets.committed(offset)

    async def revoked(self, partitions: Sequence[TopicPartition]) -> None:
        for tp in partitions:
            if tp in self._offsets:
                self._offsets[tp].revoked = True
        await self._lanes.finished(lambda lane: isinstance(lane, tuple) and lane[0] in partitions)
        await self._commit(partitions)
        for tp in partitions:
            self._offsets.pop(tp, None)

    def assigned(self, partitions: Iterable[TopicPartition]) -> None:
        for tp in partitions:
            self._offsets[tp] = PartitionOffsets()


class _Rebalance(ConsumerRebalanceListener):  # type: ignore[misc]
    def __init__(self, consumer: BridgeConsumer) -> None:
        self._consumer = consumer

    async def on_partitions_revoked(self, revoked: Sequence[TopicPartition]) -> None:
        await self._consumer.revoked(list(revoked))

    async def on_partitions_assigned(self, assigned: Sequence[TopicPartition]) -> None:
        self._consumer.assigned(assigned)


@contextlib.asynccontextmanager
async def consuming(
    subscriptions: Sequence[Subscription], bootstrap_servers: str, max_in_flight: int, commit_seconds: float
) -> AsyncIterator[None]:
    """Every subscription consumed by a `BridgeConsumer` until the block ends; dead letters through one broker."""
    dead_letters = KafkaBroker(bootstrap_servers, client_id="journey-bridge-dlq", logger=log)
    await dead_letters.start()
    consumers = [
        BridgeConsumer(bootstrap_servers, subscription, dead_letters, max_in_flight, commit_seconds)
        for subscription in subscriptions
    ]
    try:
        for consumer in consumers:
            await consumer.start()
        yield
    finally:
        await asyncio.gather(*(consumer.stop() for consumer in consumers), return_exceptions=True)
        await dead_letters.stop()
