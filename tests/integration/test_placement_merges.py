"""A duplicate registration merged at intake (`client_merged.v1` over real Kafka, SQLite and PostgreSQL): placement
moves the duplicate's profile, searches, proposals and employment to the kept client and records what moved."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

from sqlalchemy import select

from contracts.events import ClientMergedV1
from services.placement.tables import ClientMergeRow, EmploymentRow, PlacementProfileRow, ProposalRow, plumbing
from tests.integration.test_placement import care_home, hire_body, officer, post, ready_client, send
from tests.integration.test_placement_occupations import PROFILE, put_profile
from tests.support.kafka_reading import eventually
from tests.support.running_service import RunningService, running_service


async def merge_record(placement: RunningService, gone: UUID) -> ClientMergeRow | None:
    async with placement.runtime.uow.transaction() as tx:
        return await tx.session.get(ClientMergeRow, gone)


async def owners(placement: RunningService, row: type, ids: list[str]) -> set[UUID]:
    table = row.__table__  # type: ignore[attr-defined]
    key = next(iter(table.primary_key.columns))
    async with placement.runtime.uow.transaction() as tx:
        return set(
            (await tx.session.execute(select(table.c.client_id).where(key.in_([UUID(i) for i in ids])))).scalars()
        )


async def test_the_duplicates_profile_proposal_and_employment_go_to_the_kept_client_once(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        kept, gone = await ready_client(placement, bootstrap, tokens), await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        body = {"client_id": str(gone), "vacancy_id": vacancies["laundry"]["vacancy_id"]}
        proposal = await post(placement, "/proposals", body, officer(tokens))
        hired = await post(placement, "/employments", hire_body(gone, vacancies), officer(tokens))
        assert (await put_profile(placement, gone, PROFILE, officer(tokens))).status_code == 200

        merge = ClientMergedV1(client_id=gone, merged_into=kept, office_id="celle", merged_at=datetime.now(UTC))
        await send(bootstrap, merge)
        await eventually(lambda: _recorded(placement, gone))
        record = await merge_record(placement, gone)
        assert record is not None and record.merged_into == kept
        assert record.moved["placement_profile"] == "taken"
        assert record.moved["proposals"] == [proposal["proposal_id"]]
        assert record.moved["employments"] == [hired["employment_id"]]
        assert await owners(placement, ProposalRow, [proposal["proposal_id"]]) == {kept}
        assert await owners(placement, EmploymentRow, [hired["employment_id"]]) == {kept}
        assert await owners(placement, PlacementProfileRow, []) == set()
        profile = await placement.http.get(f"/placement-profiles/{kept}", headers=officer(tokens))
        assert profile.status_code == 200 and profile.json()["target_occupations"] == PROFILE["target_occupations"]
        searches = await placement.http.get(f"/searches/{kept}", headers=officer(tokens))
        assert searches.json()["status"] == "open"  # the kept client's own search; the duplicate's closed at the hire

        again = uuid4()
        await send(bootstrap, merge, ids=[again])  # heard again (a new event id): nothing moves, the record stands
        await eventually(lambda: _claimed(placement, again))
        gone_again = await placement.http.get(f"/placement-profiles/{gone}", headers=officer(tokens))
        assert gone_again.status_code in (404, 409)  # placement knows the duplicate no more
        parts = placement.app.state.person_parts
        async with placement.runtime.uow.transaction() as tx:
            left = {p.table.name: len(await parts.data.rows(tx.session, p, gone)) for p in parts.data.tables}
        assert {name: n for name, n in left.items() if n} == {"client_merges": 1}
        assert (await merge_record(placement, gone)) == record


async def _claimed(placement: RunningService, event_id: UUID) -> bool:
    inbox = plumbing.inbox
    async with placement.runtime.uow.transaction() as tx:
        return (
            await tx.session.execute(select(inbox.c.event_id).where(inbox.c.event_id == event_id))
        ).first() is not None


async def _recorded(placement: RunningService, gone: UUID) -> bool:
    return await merge_record(placement, gone) is not None
