"""Rebuild the read model from the topics: drop it, re-apply every event from each topic's beginning.

The read model owns nothing the topics do not hold, so it can be thrown away and built again — after a bug in
a consumer is fixed, or to add a table. Run it while the service is stopped (`python -m services.reporting
rebuild`): it reads with a consumer of its own, from the first offset to the last one at the start, through the
same handlers and inbox as the live consumers; then it sets the service's consumer groups to those offsets, so
the service, started again, goes on with what came after. Kafka refuses that commit while the service's
consumers are still members of their groups, so a rebuild beside a running service fails instead of racing it.
Records the live consumers dead-lettered are skipped here (and counted): they sit in the dead-letter topics.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from time import perf_counter

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord, OffsetAndMetadata
from sqlalchemy import delete

from contracts.envelope import from_record
from contracts.topics import Topic
from services.platform.consumer import Handler, Subscription, group_id
from services.platform.database import create_engine, session_factory
from services.platform.failures import is_transient
from services.platform.inbox import Inbox
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.settings import ServiceSettings
from services.platform.unit_of_work import UnitOfWork
from services.reporting.consumers import CONSUMER, subscriptions
from services.reporting.tables import READ_MODEL, plumbing

log = logging.getLogger(__name__)
POLL_MS = 500


@dataclass
class Rebuilt:
    """What a rebuild read: events applied, records skipped (not for reporting, or poison), and how long."""

    applied: int = 0
    skipped: int = 0
    seconds: float = 0.0
    offsets: dict[str, dict[int, int]] = field(default_factory=dict)

    @property
    def events_per_second(self) -> float:
        return (self.applied + self.skipped) / self.seconds if self.seconds else 0.0


async def rebuild(settings: ServiceSettings) -> Rebuilt:
    await upgrade_async("reporting", settings.database_url)
    engine = create_engine(settings.database_url)
    uow = UnitOfWork(session_factory(engine), Outbox(plumbing, source="/lotse/reporting"), Inbox(plumbing))
    started, done = perf_counter(), Rebuilt()
    try:
        await drop_read_model(uow)
        for subscription in subscriptions(uow):
            done.offsets[subscription.topic.name] = await replay(settings.kafka_bootstrap_servers, subscription, done)
        for subscription in subscriptions(uow):
            await hand_over(settings.kafka_bootstrap_servers, subscription, done.offsets[subscription.topic.name])
    finally:
        await engine.dispose()
    done.seconds = perf_counter() - started
    return done


async def drop_read_model(uow: UnitOfWork) -> None:
    """Every read-model row and every inbox claim of the reporting consumer, in one transaction."""
    async with uow.transaction() as tx:
        for table in READ_MODEL:
            await tx.session.execute(delete(table))
        await tx.session.execute(delete(plumbing.inbox).where(plumbing.inbox.c.consumer == CONSUMER))


async def replay(bootstrap: str, subscription: Subscription, done: Rebuilt) -> dict[int, int]:
    """Apply the topic's records from the beginning up to its end offsets as they were when the replay began."""
    handlers = {cls.type: handler for cls, handler in subscription.handlers.items()}
    # Subscribed at first only so that the start fetches the topic's metadata; then every partition by hand.
    consumer = AIOKafkaConsumer(
        subscription.topic.name, bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False
    )
    await consumer.start()
    try:
        partitions = _partitions(consumer, subscription.topic)
        consumer.unsubscribe()
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        while [tp for tp in partitions if await consumer.position(tp) < end[tp]]:
            for tp, records in (await consumer.getmany(*partitions, timeout_ms=POLL_MS)).items():
                for record in records:
                    if record.offset < end[tp]:
                        await _apply(handlers, record, done)
        return {tp.partition: end[tp] for tp in partitions}
    finally:
        await consumer.stop()


async def _apply(handlers: dict[str, Handler], record: ConsumerRecord[bytes, bytes], done: Rebuilt) -> None:
    try:
        envelope = from_record(record.key, list(record.headers), record.value or b"")
        handler = handlers.get(envelope.type)
        if handler is None:
            done.skipped += 1
            return
        await handler(envelope)
        done.applied += 1
    except Exception as exc:
        if is_transient(exc):
            raise
        log.info("rebuild skips a record the live consumer dead-lettered: %s", type(exc).__name__)
        done.skipped += 1


async def hand_over(bootstrap: str, subscription: Subscription, offsets: dict[int, int]) -> None:
    """Set the service's consumer group of the topic to where the replay stopped."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group_id(subscription), enable_auto_commit=False)
    await consumer.start()
    try:
        name = subscription.topic.name
        consumer.assign([TopicPartition(name, p) for p in offsets])
        await consumer.commit({TopicPartition(name, p): OffsetAndMetadata(o, "") for p, o in offsets.items()})
    finally:
        await consumer.stop()


def _partitions(consumer: AIOKafkaConsumer, topic: Topic) -> list[TopicPartition]:
    known = consumer.partitions_for_topic(topic.name)
    if not known:
        raise RuntimeError(f"topic {topic.name} does not exist on the broker")
    return [TopicPartition(topic.name, p) for p in sorted(known)]
