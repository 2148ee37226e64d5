"""Upgrading a benefits database from the roll by household (`entitlements`, 0009) to the roll by month
(`entitlement_months`, 0010) rebuilds each month from the stored decisions — the decision in force for the month —
and the downgrade restores the roll by household from the latest decisions. SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa

from tests.integration.migration_support import downgrade, migrate, run, table

NOW = datetime(2026, 7, 24, 10, 0, tzinfo=UTC)
JULY = date(2026, 7, 1)
decisions = table(
    "decisions",
    decision_id=sa.Uuid(),
    household_id=sa.Uuid(),
    sequence=sa.Integer(),
    office_id=sa.String(),
    kind=sa.String(),
    cause=sa.String(),
    computed_for=sa.Date(),
    effective_month=sa.Date(),
    decided_on=sa.Date(),
    previous_amount=sa.Numeric(),
    new_amount=sa.Numeric(),
    entitlement=sa.Numeric(),
    income_covers_need=sa.Boolean(),
    provisional=sa.Boolean(),
    period_start=sa.Date(),
    period_end=sa.Date(),
    period_months=sa.Integer(),
    period_paragraph=sa.String(),
    period_reason=sa.String(),
    sealed_computation=sa.Text(),
    decided_by=sa.String(),
    created_at=sa.DateTime(timezone=True),
)
entitlements = table(
    "entitlements",
    household_id=sa.Uuid(),
    office_id=sa.String(),
    monthly_amount=sa.Numeric(),
    period_start=sa.Date(),
    period_end=sa.Date(),
    active=sa.Boolean(),
    decision_id=sa.Uuid(),
    updated_at=sa.DateTime(timezone=True),
)
months = table(
    "entitlement_months",
    month=sa.Date(),
    household_id=sa.Uuid(),
    office_id=sa.String(),
    amount=sa.Numeric(),
    decision_id=sa.Uuid(),
)


def decision(household_id: UUID, sequence: int, kind: str, effective: date, amount: str) -> dict[str, object]:
    return {
        "decision_id": uuid4(),
        "household_id": household_id,
        "sequence": sequence,
        "office_id": "plon",
        "kind": kind,
        "cause": "household_change",
        "computed_for": effective,
        "effective_month": effective,
        "decided_on": NOW.date(),
        "previous_amount": Decimal("0.00"),
        "new_amount": Decimal(amount),
        "entitlement": Decimal(amount),
        "income_covers_need": kind == "end",
        "provisional": False,
        "period_start": JULY,
        "period_end": date(2027, 6, 30),
        "period_months": 12,
        "period_paragraph": "§ 41 Abs. 3 S. 1 SGB II",
        "period_reason": "regular approval period",
        "sealed_computation": "",
        "decided_by": "clerk-1",
        "created_at": NOW,
    }


def old_roll(d: dict[str, object]) -> dict[str, object]:
    """The old roll's row: what the latest decision set, whatever month."""
    return {
        "household_id": d["household_id"],
        "office_id": d["office_id"],
        "monthly_amount": d["new_amount"],
        "period_start": d["period_start"],
        "period_end": d["period_end"],
        "active": d["kind"] != "end",
        "decision_id": d["decision_id"],
        "updated_at": NOW,
    }


async def test_the_roll_by_month_is_rebuilt_from_the_decisions_and_back(database_url: str) -> None:
    reduced, ended, by_hand = uuid4(), uuid4(), uuid4()
    # a grant from July, a reduction determined in July from August (§ 31b Abs. 1 S. 1), its end from September
    reduced_decisions = [
        decision(reduced, 1, "grant", JULY, "1103.00"),
        decision(reduced, 2, "change", date(2026, 8, 1), "934.10"),
        decision(reduced, 3, "change", date(2026, 9, 1), "1103.00"),
    ]
    ended_decisions = [decision(ended, 1, "grant", JULY, "800.00"), decision(ended, 2, "end", date(2026, 10, 1), "0")]
    await migrate("benefits", database_url, "0009_sperrzeit_days")
    await run(database_url, sa.insert(decisions).values([*reduced_decisions, *ended_decisions]))
    by_hand_row = {**old_roll(reduced_decisions[0]), "household_id": by_hand, "period_end": date(2026, 12, 31)}
    old = [old_roll(reduced_decisions[-1]), old_roll(ended_decisions[-1]), by_hand_row]
    await run(database_url, sa.insert(entitlements).values(old))

    await migrate("benefits", database_url, "0010_entitlement_months")
    rows = await run(database_url, sa.select(months).order_by(months.c.household_id, months.c.month))
    owed = {(r.household_id, r.month): (Decimal(str(r.amount)), r.decision_id) for r in rows}
    first, reduction, end = (d["decision_id"] for d in reduced_decisions)
    assert owed[(reduced, JULY)] == (Decimal("1103.00"), first)
    assert owed[(reduced, date(2026, 8, 1))] == (Decimal("934.10"), reduction)
    assert owed[(reduced, date(2027, 6, 1))] == (Decimal("1103.00"), end)
    assert len([k for k in owed if k[0] == reduced]) == 12
    assert sorted(m for h, m in owed if h == ended) == [JULY, date(2026, 8, 1), date(2026, 9, 1)]
    assert len([k for k in owed if k[0] == by_hand]) == 6  # no decisions: its row's months, July to December
    with pytest.raises(sa.exc.DBAPIError):  # the roll by household is gone
        await run(database_url, sa.select(entitlements))

    await downgrade("benefits", database_url, "0009_sperrzeit_days")
    restored = await run(database_url, sa.select(entitlements).order_by(entitlements.c.household_id))
    assert {(r.household_id, Decimal(str(r.monthly_amount)), r.active) for r in restored} == {
        (reduced, Decimal("1103.00"), True),
        (ended, Decimal("0.00"), False),
    }
