"""Rebuild the read model from the topics: drop it, re-apply every event from each topic's beginning.

The read model owns nothing the topics do not hold, so it can be thrown away and built again — after a bug in
a consumer is fixed, or to add a table. Run it while the service is stopped (`python -m services.reporting
rebuild`): it reads with a consumer of its own, from the first offset to the last one at the start, through the
same effects and inbox as the live consumers; then it sets the service's consumer groups to those offsets, so
the service, started again, goes on with what came after. Kafka refuses that commit while the service's
consumers are still members of their groups, so a rebuild beside a running service fails instead of racing it.

Where the live consumer commits each event with its inbox claim, the rebuild commits `BATCH` of them at a time
(a commit per event is what made it slow: ~30 ms each on SQLite), claims the batch's event ids in two statements
(which are claimed already, then the new ones) and applies the kinds of event that make most of the topics
(payments, contacts, confirmed months: `BULK_EFFECTS`) in one statement per kind — every statement is a round
trip to the database's thread or server, and those were what was left of the time. A batch that holds a poison
record is applied again one event at a time, skipping the record the live consumer dead-lettered (it sits in the
`.dlq` topic).
"""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from time import perf_counter
from typing import TypeAlias
from uuid import UUID

from aiokafka import AIOKafkaConsumer, TopicPartition
from aiokafka.structs import ConsumerRecord, OffsetAndMetadata
from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Envelope, InvalidEnvelope, from_record
from contracts.events import Event
from contracts.topics import Topic
from services.platform.consumer import Subscription, group_id
from services.platform.database import create_engine, session_factory
from services.platform.failures import is_transient
from services.platform.inbox import Inbox
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.settings import ServiceSettings
from services.platform.unit_of_work import Transaction, UnitOfWork
from services.reporting.consumers import BULK_EFFECTS, CONSUMER, EFFECTS, RUN_EFFECTS
from services.reporting.tables import READ_MODEL, plumbing
from services.reporting.use_cases import erasures, merges

log = logging.getLogger(__name__)
POLL_MS = 500
BATCH = 500  # events per transaction
Record: TypeAlias = ConsumerRecord[bytes, bytes]


@dataclass
class Rebuilt:
    """What a rebuild read: events applied, records skipped (not for reporting, repeated, or poison), how long."""

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
        for topic in EFFECTS:
            done.offsets[topic.name] = await replay(settings.kafka_bootstrap_servers, topic, uow, done)
        await settle(uow)
        for topic in EFFECTS:
            await hand_over(settings.kafka_bootstrap_servers, topic, done.offsets[topic.name])
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


async def settle(uow: UnitOfWork) -> None:
    """What only all topics together decide: merged duplicates' facts to their survivors, erased persons anonymous."""
    async with uow.transaction() as tx:
        await merges.fold_all(tx.session)
        await erasures.forget_erased(tx.session)


async def replay(bootstrap: str, topic: Topic, uow: UnitOfWork, done: Rebuilt) -> dict[int, int]:
    """Apply the topic's records from the beginning up to its end offsets as they were when the replay began."""
    # Subscribed at first only so that the start fetches the topic's metadata; then every partition by hand.
    consumer = AIOKafkaConsumer(topic.name, bootstrap_servers=bootstrap, group_id=None, enable_auto_commit=False)
    await consumer.start()
    try:
        partitions = _partitions(consumer, topic)
        consumer.unsubscribe()
        consumer.assign(partitions)
        await consumer.seek_to_beginning(*partitions)
        end = await consumer.end_offsets(partitions)
        batch: list[Record] = []
        while [tp for tp in partitions if await consumer.position(tp) < end[tp]]:
            for tp, records in (await consumer.getmany(*partitions, timeout_ms=POLL_MS, max_records=BATCH)).items():
                batch += [r for r in records if r.offset < end[tp]]
            if len(batch) >= BATCH:
                await apply_batch(uow, topic, batch, done)
                batch = []
        await apply_batch(uow, topic, batch, done)
        return {tp.partition: end[tp] for tp in partitions}
    finally:
        await consumer.stop()


async def apply_batch(uow: UnitOfWork, topic: Topic, records: Sequence[Record], done: Rebuilt) -> None:
    await apply_envelopes(uow, topic, [e for e in (_parsed(r, done) for r in records) if e is not None], done)


async def apply_envelopes(uow: UnitOfWork, topic: Topic, envelopes: Sequence[Envelope], done: Rebuilt) -> None:
    """One batch of the topic's events in one transaction, as the rebuild applies them (benches use it too)."""
    try:
        async with uow.transaction() as tx:
            applied = await _apply_all(tx, topic, envelopes)
    except Exception as exc:
        if is_transient(exc) or len(envelopes) <= 1:
            _skip_or_raise(exc, done)
            return
        for envelope in envelopes:  # one poison event spoiled the batch: again one by one, without it
            await apply_batch_of_one(uow, topic, envelope, done)
        return
    done.applied += applied
    done.skipped += len(envelopes) - applied


async def apply_batch_of_one(uow: UnitOfWork, topic: Topic, envelope: Envelope, done: Rebuilt) -> None:
    try:
        async with uow.transaction() as tx:
            applied = await _apply(tx, topic, envelope)
    except Exception as exc:
        _skip_or_raise(exc, done)
        return
    done.applied, done.skipped = done.applied + applied, done.skipped + (not applied)


async def _apply_all(tx: Transaction, topic: Topic, envelopes: Sequence[Envelope]) -> int:
    """The batch's events with their claims, as applying them one by one would leave the rows; how many applied."""
    effects = EFFECTS[topic]
    fresh = await _claim_all(tx.session, [e for e in envelopes if type(e.data) in effects])
    in_bulk: dict[type, list[object]] = defaultdict(list)
    run: list[Event] = []
    for envelope in fresh:
        kind = type(envelope.data)
        if kind in BULK_EFFECTS:
            in_bulk[kind].append(envelope.data)
            continue
        if run and (kind is not type(run[0])):
            await _apply_run(tx, run)
        if kind in RUN_EFFECTS:
            run.append(envelope.data)
        else:
            await effects[kind](tx, envelope.data)
            await _forget(tx)
    await _apply_run(tx, run)
    for kind, events in in_bulk.items():
        await BULK_EFFECTS[kind](tx, events)
    return len(fresh)


async def _apply_run(tx: Transaction, run: list[Event]) -> None:
    """Consecutive events of one `RUN_EFFECTS` type, in as few statements as its effect needs; then `run` is empty."""
    if run:
        await RUN_EFFECTS[type(run[0])](tx, run)
        await _forget(tx)
        run.clear()


async def _forget(tx: Transaction) -> None:
    """As in `_apply`: written, then forgotten, so the next event reads its rows afresh."""
    await tx.session.flush()
    tx.session.expunge_all()


async def _claim_all(session: AsyncSession, envelopes: Sequence[Envelope]) -> list[Envelope]:
    """The inbox claims of the batch in two statements: the envelopes not claimed before, each id once."""
    inbox, first_of = plumbing.inbox, dict[UUID, Envelope]()
    for envelope in envelopes:
        first_of.setdefault(envelope.id, envelope)
    unique = list(first_of.values())
    if not unique:
        return []
    seen = set(
        (
            await session.execute(
                select(inbox.c.event_id).where(
                    inbox.c.consumer == CONSUMER, inbox.c.event_id.in_([e.id for e in unique])
                )
            )
        ).scalars()
    )
    fresh = [e for e in unique if e.id not in seen]
    if fresh:
        now = datetime.now(UTC)
        claims = [{"consumer": CONSUMER, "event_id": e.id, "event_type": e.type, "processed_at": now} for e in fresh]
        await session.execute(inbox.insert(), claims)
    return fresh


async def _apply(tx: Transaction, topic: Topic, envelope: Envelope) -> bool:
    """The live consumer's effect with its inbox claim; False for an event reporting ignores or already has."""
    effect = EFFECTS[topic].get(type(envelope.data))
    if effect is None or not await Inbox(plumbing).claim(tx.session, CONSUMER, envelope):
        return False
    await effect(tx, envelope.data)
    # Written, then forgotten: the next event of the batch reads the rows afresh, as it would in its own
    # transaction (an effect's bulk delete leaves no stale object behind for the next one's merge).
    await tx.session.flush()
    tx.session.expunge_all()
    return True


def _parsed(record: Record, done: Rebuilt) -> Envelope | None:
    try:
        return from_record(record.key, list(record.headers), record.value or b"")
    except InvalidEnvelope as exc:
        log.info("rebuild skips a record the live consumer dead-lettered: %s", exc)
        done.skipped += 1
        return None


def _skip_or_raise(exc: Exception, done: Rebuilt) -> None:
    if is_transient(exc):
        raise exc
    log.info("rebuild skips an event the live consumer dead-lettered: %s", type(exc).__name__)
    done.skipped += 1


async def hand_over(bootstrap: str, topic: Topic, offsets: dict[int, int]) -> None:
    """Set the service's consumer group of the topic to where the replay stopped."""
    group = group_id(Subscription(CONSUMER, topic))
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, group_id=group, enable_auto_commit=False)
    await consumer.start()
    try:
        consumer.assign([TopicPartition(topic.name, p) for p in offsets])
        await consumer.commit({TopicPartition(topic.name, p): OffsetAndMetadata(o, "") for p, o in offsets.items()})
    finally:
        await consumer.stop()


def _partitions(consumer: AIOKafkaConsumer, topic: Topic) -> list[TopicPartition]:
    known = consumer.partitions_for_topic(topic.name)
    if not known:
        raise RuntimeError(f"topic {topic.name} does not exist on the broker")
    return [TopicPartition(topic.name, p) for p in sorted(known)]
