"""Idempotent consumers and dead letters against real Kafka, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from aiokafka import AIOKafkaProducer
from sqlalchemy import func, select

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import ClientRegisteredV1
from services.coaching.tables import CaseRow
from tests.support.kafka_reading import eventually, read_until
from tests.support.running_service import running_service


def registration(client_id: UUID) -> Envelope:
    event = ClientRegisteredV1(
        client_id=client_id, household_id=uuid4(), office_id="preetz", registered_at=datetime.now(UTC)
    )
    return Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event)


async def send(bootstrap: str, records: list[tuple[bytes, list[tuple[str, bytes]], bytes]], partition: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for key, headers, value in records:
            await producer.send_and_wait(topics.CLIENTS.name, value, key=key, headers=headers, partition=partition)
    finally:
        await producer.stop()


async def count_cases(coaching, client_id: UUID) -> int:
    async with coaching.runtime.uow.transaction() as tx:
        return int(
            await tx.session.scalar(select(func.count()).select_from(CaseRow).where(CaseRow.client_id == client_id))
            or 0
        )


async def test_a_redelivered_event_changes_nothing_the_second_time(kafka_server, database_url, tokens):
    envelope = registration(uuid4())
    record = to_record(envelope)
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as coaching:
        await send(kafka_server.bootstrap_servers, [(record.key, record.headers, record.value)] * 3, partition=1)
        marker = registration(uuid4())  # sent after the duplicates: once it is applied, they were too
        marker_record = to_record(marker)
        await send(
            kafka_server.bootstrap_servers,
            [(marker_record.key, marker_record.headers, marker_record.value)],
            partition=1,
        )
        await eventually(lambda: count_cases(coaching, marker.data.client_id))
        assert await count_cases(coaching, envelope.data.client_id) == 1


async def test_a_malformed_event_is_dead_lettered_with_its_reason_and_the_next_good_event_is_processed(
    kafka_server, database_url, tokens
):
    good = registration(uuid4())
    good_record = to_record(good)
    bad_value = good_record.value.replace(b'"office_id": "preetz"', b'"office_id": 42')
    not_json = b"{this is not json " + str(good.id).encode()
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as coaching:
        await send(
            kafka_server.bootstrap_servers,
            [
                (good_record.key, good_record.headers, bad_value),
                (good_record.key, good_record.headers, not_json),
                (good_record.key, good_record.headers, good_record.value),
            ],
            partition=2,
        )
        await eventually(lambda: count_cases(coaching, good.data.client_id))

    dead = await read_until(
        kafka_server.bootstrap_servers,
        topics.CLIENTS.dead_letter,
        lambda rs: sum(1 for r in rs if r.value in (bad_value, not_json)) >= 2,
    )
    ours = [r for r in dead if r.value in (bad_value, not_json)]
    reasons = [dict(r.headers)["dlq_reason"].decode() for r in ours]
    assert "office_id" in reasons[0] and "string" in reasons[0].lower()
    assert all(dict(r.headers)["dlq_consumer"] == b"coaching" for r in ours)
    assert all(dict(r.headers)["dlq_original_topic"] == topics.CLIENTS.name.encode() for r in ours)
    assert all(dict(r.headers)["ce_id"] == str(good.id).encode() for r in ours)
