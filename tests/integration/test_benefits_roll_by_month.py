"""The payment roll by month on SQLite and PostgreSQL: each month's run pays what the decision in force *for that
month* says, whenever a later month is decided; and one transaction may decide a household twice.

A single adult granted from July 2026: 563 € Regelbedarf + 450 € rent + 90 € heating = 1,103 € (the appropriate
rent is 475 €, so a rent of up to 475 € counts in full)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.benefits.domain.decisions import Cause
from services.benefits.use_cases.decisions import Trigger, decide
from services.benefits.use_cases.household_facts import load_facts
from services.benefits.use_cases.special_categories import AUTOMATIC_USER, Sealing
from tests.integration.test_benefits import clerk
from tests.integration.test_benefits_reductions import FULL, JULY, benefits, granted_single, paid

__all__ = ["benefits"]  # the fixture, shared with the reduction tests

AUGUST, SEPTEMBER = date(2026, 8, 1), date(2026, 9, 1)


def rent_rise_from_august(client_id: UUID) -> dict[str, object]:
    """The single adult's entry with the rent raised from 450 € to 470 € from August (1,123 € a month)."""
    return {
        "month": AUGUST.isoformat(),
        "members": [{"client_id": str(client_id), "role": "adult", "birth_date": "1986-02-11"}],
        "housing": {"rent": "470.00", "heating": "90.00", "appropriate_rent": "475.00"},
    }


async def test_a_change_decided_in_july_from_august_leaves_julys_payment_as_decided(benefits, kafka_server, tokens):
    """§ 48 SGB X with § 41 Abs. 1 SGB II: a rent rise from August, entered and decided in July, changes the roll
    from August; July's run, made afterwards, pays July's 1,103 €, and a what-if for July compares with them."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    body = rent_rise_from_august(client_id)
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200 and response.json()["decision"]["monthly_amount"] == "1123.00", response.text
    assert await paid(benefits, tokens, household_id, JULY) == FULL
    assert await paid(benefits, tokens, household_id, AUGUST.isoformat()) == Decimal("1123.00")
    report = await benefits.http.get("/payment-runs/2026-07", headers=clerk(tokens))
    assert report.status_code == 200 and report.json()["reconciliation"]["reconciled"], report.text
    # the what-if (the inputs as entered now, rent 470 €) compares with what the decision for July pays, not with
    # the latest decision
    asked = await benefits.http.post(
        f"/households/{household_id}/what-if", headers=clerk(tokens), json={"month": JULY, "earned_incomes": []}
    )
    assert asked.status_code == 200, asked.text
    assert (asked.json()["current_monthly_amount"], asked.json()["difference"]) == (str(FULL), "20.00")


async def test_two_decisions_for_one_household_in_one_transaction_follow_each_other(benefits, kafka_server, tokens):
    """The facts are read once; the second decision (from September) is numbered after the first (from August),
    changes what the first set and supersedes it — no conflict on the decision sequence."""
    household_id, _ = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    sealing = Sealing(benefits.app.state.special_categories, AUTOMATIC_USER, "test", automatic=True)
    async with benefits.runtime.uow.transaction() as tx:
        facts = await load_facts(tx, household_id, lock=True, sealing=sealing)
        assert facts is not None and facts.inputs is not None
        outcomes = []
        for month, rent in ((AUGUST, "460.00"), (SEPTEMBER, "470.00")):
            housing = replace(facts.inputs.housing, rent=Decimal(rent))
            changed = replace(facts, inputs=replace(facts.inputs, housing=housing))
            trigger = Trigger(Cause.HOUSEHOLD_CHANGE, month, date(2026, 7, 20), "staff-1")
            outcomes.append(await decide(tx, changed, trigger, sealing))
    first, second = (o.decision for o in outcomes)
    assert first is not None and second is not None
    assert (first.sequence, second.sequence) == (2, 3)
    assert (second.supersedes, second.previous_amount, outcomes[1].before) == (
        first.decision_id,
        Decimal("1113.00"),
        Decimal("1113.00"),
    )
    paid_by_month = {m: await paid(benefits, tokens, household_id, m) for m in (JULY, "2026-08-01", "2026-09-01")}
    assert paid_by_month == {JULY: FULL, "2026-08-01": Decimal("1113.00"), "2026-09-01": Decimal("1123.00")}


async def test_the_household_shows_the_entitlement_in_force_for_the_month_and_the_one_decided_ahead(
    benefits, kafka_server, tokens
):
    """§ 48 SGB X, § 41 Abs. 1 SGB II: a rent rise decided in July from August governs August, not July. The
    household asked for July shows July's 1,103 € with August's 1,123 € beside it; asked for August, 1,123 € and
    nothing ahead; a month before the grant shows the grant, the only decision there is."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    body = rent_rise_from_august(client_id)
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    august_decision = response.json()["decision"]["decision_id"]

    async def shown(month: str) -> dict:
        reply = await benefits.http.get(f"/households/{household_id}", params={"month": month}, headers=clerk(tokens))
        assert reply.status_code == 200, reply.text
        return reply.json()

    july = await shown(JULY)
    assert (july["current_entitlement"]["monthly_amount"], july["current_entitlement"]["effective_month"]) == (
        str(FULL),
        JULY,
    )
    assert july["current_entitlement"]["explanation"], "the decision in force is opened for the clerk"
    ahead = july["next_entitlement"]
    assert (ahead["decision_id"], ahead["monthly_amount"], ahead["effective_month"]) == (
        august_decision,
        "1123.00",
        AUGUST.isoformat(),
    )
    august = await shown("2026-08-15")  # any day of the month names the month
    assert august["current_entitlement"]["decision_id"] == august_decision and august["next_entitlement"] is None
    june = await shown("2026-06-01")
    assert june["current_entitlement"]["effective_month"] == JULY and june["next_entitlement"]["effective_month"] == (
        AUGUST.isoformat()
    )
    refused = await benefits.http.get(
        f"/households/{household_id}", params={"month": "2026-13-01"}, headers=clerk(tokens)
    )
    assert refused.status_code == 422 and "month" in refused.text, refused.text
