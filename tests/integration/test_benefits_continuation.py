"""A continuation application (Weiterbewilligungsantrag) over HTTP, with real Kafka, on SQLite and PostgreSQL: the
next approval period is granted from the month after the last one ends (§ 41 Abs. 3 S. 1 SGB II), or from the month
of a late application (§ 37 Abs. 2 S. 2), as a decision of its own announced as `entitlement_granted.v1`."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

import pytest

from services.benefits.tables import EntitlementMonthRow
from tests.integration.test_benefits import (
    clerk,
    entitlement_events,
    registered_household,
    single_parent,
    stored,
)
from tests.support.running_service import running_service

FIRST = "2025-08-01"  # a first grant of Aug 2025 – Jul 2026: its period ended before today (2026-12)


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def granted_household(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    entered = await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id, month=FIRST), headers=clerk(tokens)
    )
    assert entered.json()["decision"]["approval_period"]["end"] == "2026-07-31", entered.text
    return household_id, client_id


async def test_a_continuation_applied_for_in_july_grants_the_next_twelve_months_from_august_and_announces_them(
    benefits, kafka_server, tokens
):
    household_id, _ = await granted_household(benefits, kafka_server, tokens)
    path = f"/households/{household_id}/continuation"
    keyed = {**clerk(tokens), "Idempotency-Key": f"wba-{household_id}"}
    answer = await benefits.http.post(path, json={"applied_on": "2026-07-10"}, headers=keyed)
    assert answer.status_code == 200, answer.text
    decision = answer.json()["decision"]
    assert answer.json()["first_month"] == "2026-08-01"
    assert (decision["kind"], decision["cause"]) == ("grant", "continuation")
    assert decision["cause_label"] == "Weiterbewilligungsantrag" and "§ 41 Abs. 3" in answer.json()["reason"]
    assert {k: decision["approval_period"][k] for k in ("start", "end", "months")} == {
        "start": "2026-08-01",
        "end": "2027-07-31",
        "months": 12,
    }
    retried = await benefits.http.post(path, json={"applied_on": "2026-07-10"}, headers=keyed)
    assert retried.headers["idempotent-replayed"] == "true" and retried.json()["decision"] == decision

    _, second = await entitlement_events(kafka_server.bootstrap_servers, household_id, 2)
    assert second.type == "de.lotse.benefits.entitlement_granted.v1"
    assert (second.data.period_start, second.data.period_end) == (date(2026, 8, 1), date(2027, 7, 1))
    assert second.data.monthly_entitlement == Decimal(decision["monthly_amount"])
    roll = {r.month: r for r in await stored(benefits, EntitlementMonthRow, household_id)}
    continued = [date(2026 + (7 + n) // 12, (7 + n) % 12 + 1, 1) for n in range(12)]  # Aug 2026 – Jul 2027
    assert set(continued) <= set(roll) and date(2027, 8, 1) not in roll
    assert {roll[m].decision_id for m in continued} == {UUID(decision["decision_id"])}

    again = await benefits.http.post(path, json={"applied_on": "2026-07-20"}, headers=clerk(tokens))
    assert again.status_code == 422 and again.json()["errors"][0]["field"] == "applied_on", again.text
    assert "already continued" in again.text
    history = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
    assert [(d["kind"], d["cause"]) for d in history] == [("grant", "household_change"), ("grant", "continuation")]


async def test_a_late_continuation_starts_with_its_own_month_and_takes_changed_inputs(benefits, kafka_server, tokens):
    """§ 37 Abs. 2 S. 1–2: applied for on 5 October, the new period starts on 1 October; August and September stay
    unpaid. The higher rent the application brings counts from then on (within the appropriate 475.00)."""
    household_id, client_id = await granted_household(benefits, kafka_server, tokens)
    changed = single_parent(client_id, rent="470.00")
    del changed["month"]
    answer = await benefits.http.post(
        f"/households/{household_id}/continuation",
        json={"applied_on": "2026-10-05", "household": changed},
        headers=clerk(tokens),
    )
    assert answer.status_code == 200, answer.text
    decision = answer.json()["decision"]
    assert (decision["approval_period"]["start"], decision["approval_period"]["end"]) == ("2026-10-01", "2027-09-30")
    # 1,428.68 a month in 2026 at the rent of 450.00 entered first (test_benefits), plus the 20.00 more rent.
    assert decision["monthly_amount"] == "1448.68"
    view = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert view["inputs_month"] == "2026-10-01" and view["inputs"]["housing"]["rent"] == "470.00"


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"applied_on": "2026-05-31"}, "applied_on"),  # the period runs until July: a change, not a continuation
        ({"applied_on": "2099-01-04"}, "applied_on"),  # not received yet
        ({"applied_on": "2026-07-10", "household": {"members": []}}, "household.members"),
        ({}, "applied_on"),
    ],
)
async def test_a_continuation_that_cannot_be_one_is_refused_naming_the_field(
    benefits, kafka_server, tokens, body, field
):
    household_id, _ = await granted_household(benefits, kafka_server, tokens)
    answer = await benefits.http.post(f"/households/{household_id}/continuation", json=body, headers=clerk(tokens))
    assert answer.status_code == 422, answer.text
    assert any(e["field"] == field for e in answer.json()["errors"]), answer.text


async def test_a_household_without_a_grant_cannot_apply_for_a_continuation(benefits, kafka_server, tokens):
    household_id, _ = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    answer = await benefits.http.post(
        f"/households/{household_id}/continuation", json={"applied_on": "2026-07-10"}, headers=clerk(tokens)
    )
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "household_id", answer.text


async def test_the_list_of_periods_ending_in_july_shows_the_offices_households_not_yet_continued(
    benefits, kafka_server, tokens
):
    """The worklist "Bewilligungszeitraum endet" (§ 41 Abs. 3 SGB II): a period in force ending in the month, not
    yet continued, of the caller's office; by household id, a page at a time."""
    bootstrap = kafka_server.bootstrap_servers
    waiting = [(await granted_household(benefits, kafka_server, tokens))[0] for _ in range(2)]
    continued, _ = await granted_household(benefits, kafka_server, tokens)
    ok = await benefits.http.post(
        f"/households/{continued}/continuation", json={"applied_on": "2026-07-01"}, headers=clerk(tokens)
    )
    assert ok.status_code == 200, ok.text
    elsewhere, client_id = await registered_household(benefits, bootstrap, tokens, office_id="preetz")
    await benefits.http.put(
        f"/households/{elsewhere}", json=single_parent(client_id, month=FIRST), headers=clerk(tokens)
    )
    later, client_id = await registered_household(benefits, bootstrap, tokens)
    await benefits.http.put(
        f"/households/{later}", json=single_parent(client_id, month="2026-02-01"), headers=clerk(tokens)
    )

    plon = clerk(tokens, offices=("plon",))
    first = await benefits.http.get(
        "/approval-periods/ending", params={"month": "2026-07-01", "limit": 1}, headers=plon
    )
    assert first.status_code == 200, first.text
    rest = await benefits.http.get(
        "/approval-periods/ending",
        params={"month": "2026-07-01", "limit": 1, "after": first.json()["next_cursor"]},
        headers=plon,
    )
    listed = [item["household_id"] for page in (first, rest) for item in page.json()["items"]]
    assert listed == sorted(str(h) for h in waiting) and rest.json()["next_cursor"] is None
    assert first.json()["items"][0]["period_end"] == "2026-07-31"

    preetz = await benefits.http.get(
        "/approval-periods/ending", params={"month": "2026-07-01", "office_id": "preetz"}, headers=clerk(tokens)
    )
    assert [item["household_id"] for item in preetz.json()["items"]] == [str(elsewhere)]
    january = await benefits.http.get("/approval-periods/ending", params={"month": "2027-01-01"}, headers=plon)
    assert [item["household_id"] for item in january.json()["items"]] == [str(later)]
    assert (await benefits.http.get("/approval-periods/ending", params={"month": "2026-07-01", "office_id": "preetz"},
                                    headers=plon)).status_code == 403  # fmt: skip
    odd = await benefits.http.get("/approval-periods/ending", params={"month": "2026-07-15"}, headers=plon)
    assert odd.status_code == 422 and "month" in odd.text
