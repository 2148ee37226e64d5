"""Reporting counts a merged duplicate once and keeps an erased person anonymous, live and after a rebuild from
the topics (real Kafka; SQLite and PostgreSQL)."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import select

from contracts.envelope import Envelope
from contracts.events import ClientMergedV1, ContactRecordedV1
from services.platform.auth.staff import Role
from services.reporting.rebuild import rebuild
from tests.integration import test_reporting_rebuild
from tests.integration.reporting_district import SmallDistrict, applied, envelope, publish
from tests.integration.test_reporting_rebuild import every_breakdown, figures_in, settings
from tests.support.running_service import running_service

another_database_url = test_reporting_rebuild.another_database_url  # a second empty database, same backend


def with_duplicate_of_a(district: SmallDistrict) -> tuple[UUID, list[Envelope]]:
    """A registered a second time (another household), needy in the same months, with a contact in August."""
    twin = SmallDistrict(office_id=district.office_id, a=uuid4(), b=uuid4(), c=uuid4(), d=uuid4())
    registration = [r for r in twin.people() if r.data.client_id == twin.a]  # type: ignore[attr-defined]
    return twin.a, [*registration, *twin.grants(registration)]


def _contact(client_id: UUID) -> ContactRecordedV1:
    return ContactRecordedV1(
        client_id=client_id,
        contact_id=uuid4(),
        case_worker_id="cm-1",
        channel="phone",
        occurred_at=datetime(2026, 8, 20, 10, 0, tzinfo=UTC),
    )


async def rows_naming(service, client_id: UUID) -> dict[str, int]:
    parts = service.app.state.person_parts
    async with service.runtime.uow.transaction() as tx:
        counts = {p.table.name: len(await parts.data.rows(tx.session, p, client_id)) for p in parts.data.tables}
    return {table: n for table, n in counts.items() if n}


async def test_a_merged_duplicate_counts_once_live_and_after_a_rebuild(
    kafka_server, database_url, another_database_url, tokens
):
    """#13 Duplicates: the duplicate's facts are the survivor's; the person is needy once per month (§ 48a SGB II
    figures count persons, KennzahlenV § 3)."""
    district = SmallDistrict()
    duplicate, twin_events = with_duplicate_of_a(district)
    sent = [*district.events(), *twin_events]
    merge = envelope(
        ClientMergedV1(
            client_id=duplicate, merged_into=district.a, office_id=district.office_id, merged_at=datetime.now(UTC)
        )
    )
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("reporting", database_url, bootstrap, tokens.public_key) as live:
        await publish(bootstrap, sent)
        await applied(live, sent)
        twice = await every_breakdown(live, tokens, district.office_id)
        await publish(bootstrap, [merge])
        await applied(live, [merge])
        merged = await every_breakdown(live, tokens, district.office_id)
        assert await rows_naming(live, duplicate) == {"merged_clients": 1}
    assert merged != twice
    await rebuild(settings(another_database_url, kafka_server, tokens))
    assert await figures_in(another_database_url, kafka_server, tokens, district.office_id) == merged


async def test_a_rebuild_keeps_an_erased_person_anonymous_and_the_figures_as_they_were(
    kafka_server, database_url, tokens
):
    """Art. 17 GDPR: the rebuild reads the erased person's id from the topics again; the tombstone keeps it out."""
    district = SmallDistrict()
    sent = district.events()
    bootstrap = kafka_server.bootstrap_servers
    eraser = tokens.headers(Role.JOURNEY_WORKER, offices=("*",), staff_id="erasure")
    async with running_service("reporting", database_url, bootstrap, tokens.public_key) as live:
        await publish(bootstrap, sent)
        await applied(live, sent)
        response = await live.http.post(f"/persons/{district.a}/erasure", headers=eraser)
        assert response.status_code == 200, response.text
        assert await rows_naming(live, district.a) == {}
        late = [envelope(_contact(district.a))]  # a fact about the person that arrives after the erasure
        await publish(bootstrap, late)
        await applied(live, late)
        assert await rows_naming(live, district.a) == {}
        erased = await every_breakdown(live, tokens, district.office_id)
    await rebuild(settings(database_url, kafka_server, tokens))
    assert await figures_in(database_url, kafka_server, tokens, district.office_id) == erased
    async with running_service("reporting", database_url, bootstrap, tokens.public_key, start_consumers=False) as again:
        assert await rows_naming(again, district.a) == {}
        assert await rows_naming(again, district.b) != {}  # another person untouched
        async with again.runtime.uow.transaction() as tx:
            tables = again.app.state.person_parts.keys
            assert (await tx.session.execute(select(tables.erased.c.client_id))).scalars().all().count(district.a) == 1
