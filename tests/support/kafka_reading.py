"""Read a topic the way an outside system would: a plain aiokafka consumer."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from aiokafka import AIOKafkaConsumer
from aiokafka.structs import ConsumerRecord

from contracts.envelope import Envelope, InvalidEnvelope, from_record


async def read_until(
    bootstrap: str, topic: str, done: Callable[[list[ConsumerRecord[bytes, bytes]]], bool], timeout: float = 30.0
) -> list[ConsumerRecord[bytes, bytes]]:
    """All records of `topic` from the beginning until `done(records)` holds."""
    consumer = AIOKafkaConsumer(
        topic, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    records: list[ConsumerRecord[bytes, bytes]] = []
    try:
        async with asyncio.timeout(timeout):
            while not done(records):
                batch = await consumer.getmany(timeout_ms=200)
                for partition_records in batch.values():
                    records.extend(partition_records)
    finally:
        await consumer.stop()
    return records


def envelopes(records: list[ConsumerRecord[bytes, bytes]]) -> list[Envelope]:
    """The valid events among `records` (other tests leave poison messages behind on purpose)."""
    parsed = []
    for r in records:
        try:
            parsed.append(from_record(r.key, list(r.headers), r.value))
        except InvalidEnvelope:
            continue
    return parsed


async def eventually(check: Callable[[], object], timeout: float = 30.0, interval: float = 0.1) -> None:
    """Await an async predicate (or a plain one) until it is truthy."""
    async with asyncio.timeout(timeout):
        while True:
            result = check()
            if asyncio.iscoroutine(result):
                result = await result
            if result:
                return
            await asyncio.sleep(interval)
