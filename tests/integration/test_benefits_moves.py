"""A household moves into another district (`client_moved.v1` over real Kafka, SQLite and PostgreSQL): its
appropriate rent becomes the new district's from the month of the move (§ 22 Abs. 1 S. 1, Abs. 4 S. 2–3,
§ 41 Abs. 1 S. 1 SGB II) as a change decision; within the district nothing changes."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from contracts.events import ClientMergedV1, ClientMovedV1
from services.benefits.tables import DecisionRow, HouseholdMemberRow
from tests.integration.test_benefits import (
    announce,
    clerk,
    entitlement_events,
    envelope,
    registered_household,
    single_parent,
    stored,
)
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

AFTER_KARENZZEIT = {"rent": "500.00", "appropriate_rent": "475.00", "grace_period_start": "2024-01-01"}


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def moved(client_id: UUID, household_id: UUID, to: tuple[str, str], on: date) -> ClientMovedV1:
    return ClientMovedV1(
        client_id=client_id,
        household_id=household_id,
        move_id=uuid4(),
        from_office_id="plon",
        office_id=to[0],
        from_district="kreis-ploen",
        district=to[1],
        moved_on=on,
        recorded_at=datetime.now(UTC),
    )


async def test_a_move_from_ploen_to_celle_counts_celles_appropriate_rent_from_the_month_of_the_move(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    entered = await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id, **AFTER_KARENZZEIT), headers=clerk(tokens)
    )
    assert entered.json()["decision"]["kind"] == "grant", entered.text

    await announce(
        bootstrap, envelope(moved(client_id, household_id, ("celle", "landkreis-celle"), date(2026, 10, 17)))
    )
    granted, changed = await entitlement_events(bootstrap, household_id, 2)
    assert changed.type == "de.lotse.benefits.entitlement_changed.v1"
    # 500 rent above the 475 entered in Plön for two people; Celle's 606.10 (§ 12 Abs. 1 WoGG, Mietenstufe III 551
    # + 10 %) covers it: 25 EUR more from October, the move month.
    assert (changed.data.effective_month, changed.data.monthly_entitlement - granted.data.monthly_entitlement) == (
        date(2026, 10, 1),
        Decimal("25.00"),
    )
    assert "moved to another district" in changed.data.reason
    (change,) = [d for d in await stored(benefits, DecisionRow, household_id) if d.kind == "change"]
    assert change.cause == "moved"
    (member,) = await stored(benefits, HouseholdMemberRow, household_id)
    assert member.office_id == "celle"


async def test_a_move_within_the_district_moves_the_household_to_the_new_office_without_a_decision(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    entered = await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id, **AFTER_KARENZZEIT), headers=clerk(tokens)
    )
    assert entered.json()["decision"]["kind"] == "grant"
    await announce(bootstrap, envelope(moved(client_id, household_id, ("preetz", "kreis-ploen"), date(2026, 10, 17))))

    async def in_preetz() -> bool:
        view = await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))
        return view.json()["office_id"] == "preetz"

    await eventually(in_preetz)
    assert [d.kind for d in await stored(benefits, DecisionRow, household_id)] == ["grant"]


async def test_a_merged_duplicate_leaves_the_household_and_the_kept_client_is_its_member_once(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, gone = await registered_household(benefits, bootstrap, tokens)
    kept = uuid4()
    merge = ClientMergedV1(client_id=gone, merged_into=kept, office_id="plon", merged_at=datetime.now(UTC))
    await announce(bootstrap, envelope(merge), envelope(merge))  # heard twice: applied once

    async def only_the_kept_client() -> bool:
        members = await stored(benefits, HouseholdMemberRow, household_id)
        return [m.client_id for m in members] == [kept]

    await eventually(only_the_kept_client)
