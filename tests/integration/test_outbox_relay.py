"""Transactional outbox and relay against real Kafka, on SQLite and PostgreSQL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from sqlalchemy import func, select

from contracts import topics
from contracts.events import ClientRegisteredV1, ContactChannel, ContactRecordedV1
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_port
from services.coaching.app import DEFINITION as COACHING
from services.coaching.tables import CaseRow
from services.intake.app import DEFINITION as INTAKE
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import build_runtime
from services.platform.settings import ServiceSettings
from tests.support.kafka_reading import envelopes, eventually, read_until
from tests.support.running_service import running_service
from tests.support.staff import TokenIssuer


def registered(client_id: UUID) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=client_id, household_id=client_id, office_id="plon", registered_at=datetime.now(UTC)
    )


async def intake_runtime(database_url: str, bootstrap: str, tokens: TokenIssuer, lease_seconds: float = 15.0):
    await upgrade_async("intake", database_url)
    settings = ServiceSettings(
        service_name="intake",
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap,
        jwt_public_key_file=tokens.public_key,
        relay_lease_seconds=lease_seconds,
        data_key_file=ensure_key_ring(tokens.public_key.parent / "intake-data.key"),
    )
    return build_runtime(INTAKE, settings)


async def test_an_outbox_row_written_with_a_state_change_is_published_exactly_once(kafka_server, database_url, tokens):
    runtime = await intake_runtime(database_url, kafka_server.bootstrap_servers, tokens)
    client_id = uuid4()
    async with runtime.uow.transaction() as tx:
        event_id = await tx.publish(registered(client_id))
    for _ in range(3):  # further relay rounds must not publish it again
        await runtime.relay.relay_once()
    await runtime.relay.close()

    records = await read_until(
        kafka_server.bootstrap_servers,
        topics.CLIENTS.name,
        lambda rs: any(e.id == event_id for e in envelopes(rs)),
        timeout=20,
    )
    await asyncio.sleep(0.5)
    records = await read_until(kafka_server.bootstrap_servers, topics.CLIENTS.name, lambda rs: len(rs) >= len(records))
    assert [e.id for e in envelopes(records)].count(event_id) == 1
    assert await runtime.relay.pending_count() == 0
    await runtime.engine.dispose()


async def test_a_rolled_back_state_change_publishes_nothing(kafka_server, database_url, tokens):
    runtime = await intake_runtime(database_url, kafka_server.bootstrap_servers, tokens)
    try:
        async with runtime.uow.transaction() as tx:
            await tx.publish(registered(uuid4()))
            raise RuntimeError("the use case failed after staging its event")
    except RuntimeError:
        pass
    assert await runtime.relay.pending_count() == 0
    await runtime.engine.dispose()


async def test_a_relay_killed_between_publish_and_mark_sent_resends_the_same_id_and_the_inbox_absorbs_it(
    kafka_server, database_url, tokens, tmp_path
):
    bootstrap = kafka_server.bootstrap_servers
    dying = await intake_runtime(database_url, bootstrap, tokens, lease_seconds=2)
    client_id = uuid4()
    async with dying.uow.transaction() as tx:
        event_id = await tx.publish(registered(client_id))
    assert await dying.relay.lease.acquire()
    await dying.relay.publish(await dying.relay.pending(10))  # published, then "killed": never marked
    await dying.relay._drop_producer()

    successor = await intake_runtime(database_url, bootstrap, tokens, lease_seconds=2)
    assert await successor.relay.relay_once() == 0, "the dead relay's lease has not expired yet"
    await asyncio.sleep(2.1)
    assert await successor.relay.relay_once() == 1
    await successor.relay.close()

    records = await read_until(
        bootstrap, topics.CLIENTS.name, lambda rs: [e.id for e in envelopes(rs)].count(event_id) >= 2
    )
    assert [e.id for e in envelopes(records)].count(event_id) == 2

    coaching_db = f"sqlite+aiosqlite:///{tmp_path / 'coaching.db'}"
    async with running_service("coaching", coaching_db, bootstrap, tokens.public_key) as coaching:

        async def cases() -> int:
            async with coaching.runtime.uow.transaction() as tx:
                return int(
                    await tx.session.scalar(
                        select(func.count()).select_from(CaseRow).where(CaseRow.client_id == client_id)
                    )
                    or 0
                )

        await eventually(cases)
        await asyncio.sleep(1.0)  # give the duplicate time to arrive and be absorbed
        assert await cases() == 1
    await dying.engine.dispose()
    await successor.engine.dispose()


async def test_only_one_relay_is_active_per_service_database(kafka_server, database_url, tokens):
    first = await intake_runtime(database_url, kafka_server.bootstrap_servers, tokens)
    second = await intake_runtime(database_url, kafka_server.bootstrap_servers, tokens)
    assert await first.relay.lease.acquire()
    assert not await second.relay.lease.acquire()
    await first.relay.lease.release()
    assert await second.relay.lease.acquire()
    for runtime in (first, second):
        await runtime.engine.dispose()


async def test_with_kafka_stopped_state_changes_commit_and_are_delivered_in_order_per_key_when_it_returns(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    await upgrade_async("coaching", database_url)
    coaching = build_runtime(
        COACHING,
        ServiceSettings(
            service_name="coaching",
            database_url=database_url,
            kafka_bootstrap_servers=bootstrap,
            jwt_public_key_file=tokens.public_key,
            data_key_file=ensure_key_ring(tokens.public_key.parent / "coaching-data.key"),
        ),
    )
    clients = [uuid4() for _ in range(3)]
    async with coaching.uow.transaction() as tx:
        for client in clients:
            tx.session.add(
                CaseRow(
                    client_id=client,
                    household_id=client,
                    office_id="plon",
                    status="in_coaching",
                    opened_at=datetime.now(UTC),
                )
            )

    kafka_server.stop()
    try:
        start = datetime.now(UTC)
        for n in range(5):
            for client in clients:
                async with coaching.uow.transaction() as tx:
                    await tx.publish(
                        ContactRecordedV1(
                            client_id=client,
                            contact_id=UUID(int=n),
                            case_worker_id="cm-1",
                            channel=ContactChannel.PHONE,
                            occurred_at=start + timedelta(minutes=n),
                        )
                    )
        assert await coaching.relay.pending_count() == 15
        stop = asyncio.Event()
        relay = asyncio.create_task(coaching.relay.run(stop))
        await asyncio.sleep(1.0)  # the relay keeps retrying while Kafka is down
        assert await coaching.relay.pending_count() == 15
    finally:
        kafka_server.restart()
    await eventually(lambda: _zero(coaching.relay.pending_count()), timeout=60)
    stop.set()
    await relay

    records = await read_until(
        bootstrap,
        topics.CASES.name,
        lambda rs: sum(1 for e in envelopes(rs) if getattr(e.data, "client_id", None) in clients) >= 15,
    )
    for client in clients:
        mine = [e for e in envelopes(records) if getattr(e.data, "client_id", None) == client]
        unique = list(dict.fromkeys(e.id for e in mine))
        contact_order = [next(e for e in mine if e.id == i).data.contact_id.int for i in unique]
        assert contact_order == [0, 1, 2, 3, 4]
    await coaching.engine.dispose()


async def _zero(count) -> bool:
    return await count == 0


async def test_sent_rows_are_pruned_after_the_retention_period_and_unsent_rows_never(
    kafka_server, database_url, tokens
):
    runtime = await intake_runtime(database_url, kafka_server.bootstrap_servers, tokens)
    async with runtime.uow.transaction() as tx:
        for _ in range(3):
            await tx.publish(registered(uuid4()))
    assert await runtime.relay.relay_once() == 3
    async with runtime.uow.transaction() as tx:
        waiting = await tx.publish(registered(uuid4()))
    table = INTAKE.tables.outbox

    assert await runtime.relay.prune_sent(datetime.now(UTC) - timedelta(hours=1)) == 0
    assert await runtime.relay.prune_sent(datetime.now(UTC) + timedelta(seconds=1)) == 3
    async with runtime.uow.transaction() as tx:
        left = (await tx.session.execute(select(table.c.event_id))).scalars().all()
    assert left == [waiting]
    await runtime.relay.close()
    await runtime.engine.dispose()


@pytest.fixture
def own_postgres(tmp_path):
    """A PostgreSQL server of this test's own: it is stopped and started under a running relay."""
    with PostgresCluster(tmp_path / "postgres", free_port(), ephemeral=True) as cluster:
        cluster.create_database("intake")
        yield cluster


async def test_with_postgres_stopped_under_a_running_relay_it_waits_and_then_sends_every_event_once_in_order(
    kafka_server, own_postgres, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    client = uuid4()

    async def commit_contacts(service, numbers: range) -> None:
        for n in numbers:
            async with service.runtime.uow.transaction() as tx:
                await tx.publish(
                    ContactRecordedV1(
                        client_id=client,
                        contact_id=UUID(int=n),
                        case_worker_id="cm-1",
                        channel=ContactChannel.PHONE,
                        occurred_at=datetime(2026, 1, 1, tzinfo=UTC) + timedelta(minutes=n),
                    )
                )

    async def health(service) -> dict:
        response = await service.http.get("/health")
        return {"code": response.status_code, **response.json()}

    async with running_service(
        "intake", own_postgres.dsn("intake"), bootstrap, tokens.public_key, start_consumers=False
    ) as intake:
        relay = intake.runtime.relay
        await commit_contacts(intake, range(3))
        await eventually(lambda: _zero(relay.pending_count()), timeout=30)

        await asyncio.to_thread(own_postgres.stop)
        await eventually(lambda: relay.status.state == "waiting", timeout=30)
        await asyncio.sleep(1.0)  # several rounds against the stopped server
        during = await health(intake)
        assert relay.status.state == "waiting" and relay.status.crashes == 0

        await asyncio.to_thread(own_postgres.start)
        await commit_contacts(intake, range(3, 6))
        await eventually(lambda: _zero(relay.pending_count()), timeout=60)
        after = await health(intake)

    assert during["code"] == 503 and during["relay"]["state"] == "waiting", during
    assert after["code"] == 200 and after["relay"]["state"] == "publishing", after
    records = await read_until(
        bootstrap,
        topics.CASES.name,
        lambda rs: sum(1 for e in envelopes(rs) if getattr(e.data, "client_id", None) == client) >= 6,
    )
    await asyncio.sleep(0.5)
    records = await read_until(bootstrap, topics.CASES.name, lambda rs: len(rs) >= len(records))
    contacts = [e.data.contact_id.int for e in envelopes(records) if getattr(e.data, "client_id", None) == client]
    assert contacts == [0, 1, 2, 3, 4, 5]
