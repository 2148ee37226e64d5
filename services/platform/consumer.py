"""Kafka consumers with exactly-once effects, dead letters and retries.

Commits are manual: an event is committed only after its effect committed (inbox) or
after it was parked in `<topic>.dlq`. Transient failures (database or broker down, see
`services.platform.failures`) are retried with backoff and the offset is not committed;
everything else is a poison message — it goes to the dead-letter topic with the error, and
the partition moves on.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, TypeVar, cast

from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from faststream.message import StreamMessage
from sqlalchemy.exc import IntegrityError

from contracts.envelope import Envelope, from_record
from contracts.events import Event
from contracts.topics import Topic
from services.platform.failures import is_transient
from services.platform.unit_of_work import Transaction, UnitOfWork

log = logging.getLogger(__name__)
Handler = Callable[[Envelope], Awaitable[None]]
E = TypeVar("E", bound=Event)


# A unique-constraint clash in a handler is almost always a concurrent writer (a clerk's request,
# another consumer) that got there first; the handler re-reads state in a fresh transaction.
CONCURRENT_WRITE_ATTEMPTS = 5


@dataclass
class Subscription:
    """`consumer` handles the listed event types of `topic`; other types are skipped."""

    consumer: str
    topic: Topic
    handlers: dict[type[Event], Handler] = field(default_factory=dict)


def group_id(subscription: Subscription) -> str:
    """One Kafka consumer group per consumer and topic.

    Several subscribers sharing one group rebalance each other on every join and while a slow
    handler holds its partitions, stalling all of the consumer's topics; per topic they do not.
    The inbox stays keyed by `consumer`: an event id belongs to exactly one topic.
    """
    return f"{subscription.consumer}@{subscription.topic.name}"


def applied_once(uow: UnitOfWork, consumer: str, effect: Callable[[Transaction, E], Awaitable[None]]) -> Handler:
    """A handler that applies `effect` in one transaction with the inbox claim of the event id."""

    async def handle(envelope: Envelope) -> None:
        await uow.apply_once(consumer, envelope, lambda tx: effect(tx, cast(E, envelope.data)))

    return handle


async def _raw_body(message: StreamMessage[Any]) -> bytes:
    # Parsing is ours (CloudEvents + pydantic), so malformed JSON reaches us and is dead-lettered.
    return message.body


async def retrying_concurrent_writes(handler: Handler, envelope: Envelope) -> None:
    """Apply again after a unique-constraint clash; one that persists is a poison message."""
    for attempt in range(1, CONCURRENT_WRITE_ATTEMPTS + 1):
        try:
            await handler(envelope)
            return
        except IntegrityError:
            if attempt == CONCURRENT_WRITE_ATTEMPTS:
                raise
            await asyncio.sleep(0.05 * attempt)


class _Retry:
    """Exponential backoff for the partition's head message while its failure is transient."""

    def __init__(self, max_seconds: float) -> None:
        self._max = max_seconds
        self._failures = 0

    async def wait(self) -> None:
        self._failures += 1
        await asyncio.sleep(min(0.1 * 2**self._failures, self._max))

    def reset(self) -> None:
        self._failures = 0


def subscribe(broker: KafkaBroker, subscription: Subscription, retry_max_seconds: float = 30.0) -> None:
    retry = _Retry(retry_max_seconds)
    handlers = {cls.type: handler for cls, handler in subscription.handlers.items()}

    async def deliver(record: Any) -> None:
        try:
            envelope = from_record(record.key, list(record.headers), record.value)
            handler = handlers.get(envelope.type)
            if handler is not None:
                await retrying_concurrent_writes(handler, envelope)
        except Exception as exc:
            if is_transient(exc):
                raise
            log.warning(
                "%s: poison message at %s/%s, dead-lettering: %s",
                subscription.consumer,
                record.partition,
                record.offset,
                exc,
            )
            await dead_letter(broker, subscription, record, exc)

    async def handle(body: bytes, message: KafkaMessage) -> None:
        try:
            await deliver(message.raw_message)
        except Exception as exc:
            if not is_transient(exc):
                raise
            # Not committed: seek back and try the same record again after a pause.
            log.warning("%s: transient failure, retrying: %s", subscription.consumer, exc)
            await retry.wait()
            await message.nack()
            return
        retry.reset()
        await message.ack()

    broker.subscriber(
        subscription.topic.name,
        group_id=group_id(subscription),
        ack_policy=AckPolicy.MANUAL,
        auto_offset_reset="earliest",
        decoder=_raw_body,
        title=f"{subscription.consumer}:{subscription.topic.name}",
    )(handle)


async def dead_letter(broker: KafkaBroker, subscription: Subscription, record: Any, exc: BaseException) -> None:
    headers = {name: value.decode("utf-8", "replace") for name, value in record.headers}
    headers |= {
        "dlq_consumer": subscription.consumer,
        "dlq_error_type": type(exc).__name__,
        "dlq_reason": str(exc)[:2000],
        "dlq_original_topic": record.topic,
        "dlq_original_partition": str(record.partition),
        "dlq_original_offset": str(record.offset),
    }
    await broker.publish(record.value or b"", topic=subscription.topic.dead_letter, key=record.key, headers=headers)
