"""A generated payment roll in the benefits database (test and benchmark set-up only) and ledger counts.

The roll is written straight into `entitlement_months`, as the benefits decisions would have left it: each
generated entitlement (one per household, an amount over an approval period) becomes the household's rows for the
months of its period, none when inactive; ids are UUIDv7 like the service's own, households spread over the demo
offices.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, select, text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.benefits.domain.approval import add_months
from services.benefits.tables import ENTITLEMENT_MONTHS, PAYMENT_FAILURES, PAYMENTS
from services.platform.ids import new_id

DEMO_OFFICES = ("plon", "preetz", "heikendorf", "lutjenburg", "celle")
ROLL_FROM, ROLL_UNTIL = date(2031, 1, 1), date(2031, 12, 31)


@dataclass(frozen=True)
class Roll:
    rows: list[dict[str, object]]
    payable: list[dict[str, object]]  # the rows the run should pay
    refused: list[dict[str, object]]  # the rows it must not pay (no cash office, over the limit)

    def sum(self, rows: list[dict[str, object]] | None = None) -> Decimal:
        return sum(
            (Decimal(str(r["monthly_amount"])) for r in (self.payable if rows is None else rows)), Decimal("0.00")
        )


def entitlement(
    office_id: str, amount: Decimal, *, start: date = ROLL_FROM, end: date = ROLL_UNTIL, active: bool = True
) -> dict[str, object]:
    return {
        "household_id": new_id(),
        "office_id": office_id,
        "monthly_amount": amount,
        "period_start": start,
        "period_end": end,
        "active": active,
        "decision_id": new_id(),
        "updated_at": datetime.now(UTC),
    }


def generated_roll(households: int, *, unknown_office: int = 0, over_limit: int = 0) -> Roll:
    """`households` payable entitlements over the demo offices, plus some the run must refuse."""
    rows = [
        entitlement(DEMO_OFFICES[i % len(DEMO_OFFICES)], Decimal(420 + (i * 37) % 1500) + Decimal(i % 100) / 100)
        for i in range(households)
    ]
    refused = [entitlement("gutersloh", Decimal("812.40")) for _ in range(unknown_office)]
    refused += [entitlement("celle", Decimal("12500.00")) for _ in range(over_limit)]
    return Roll(rows + refused, rows, refused)


def month_rows(entitlement: dict[str, Any]) -> list[dict[str, Any]]:
    """The roll's rows of one generated entitlement: each month of its period, none when inactive."""
    if not entitlement["active"]:
        return []
    months, month, last = [], entitlement["period_start"].replace(day=1), entitlement["period_end"].replace(day=1)
    while month <= last:
        months.append(month)
        month = add_months(month, 1)
    keep = ("household_id", "office_id", "decision_id")
    return [{"month": m, "amount": entitlement["monthly_amount"], **{k: entitlement[k] for k in keep}} for m in months]


async def seed(engine: AsyncEngine, rows: list[dict[str, object]]) -> None:
    months = [month for row in rows for month in month_rows(row)]
    async with engine.begin() as connection:
        for start in range(0, len(months), 20_000):
            await connection.execute(insert(ENTITLEMENT_MONTHS), months[start : start + 20_000])
    await analysed(engine)


async def analysed(engine: AsyncEngine) -> None:
    """Table statistics as autovacuum leaves them shortly after a bulk load: without them PostgreSQL guesses a few
    dozen rows a month and reads the rest of the month for every page (6 ms instead of 0.4 ms a page of 500)."""
    if engine.dialect.name == "postgresql":
        async with engine.begin() as connection:
            await connection.execute(text("ANALYZE entitlement_months"))


async def payments_of(engine: AsyncEngine, month: date) -> list[tuple[UUID, UUID, Decimal]]:
    """(payment id, household id, amount) of every payment for `month`."""
    async with engine.connect() as connection:
        result = await connection.execute(
            select(PAYMENTS.c.payment_id, PAYMENTS.c.household_id, PAYMENTS.c.amount).where(PAYMENTS.c.month == month)
        )
        return [(p, h, Decimal(str(a))) for p, h, a in result]


async def failures_of(engine: AsyncEngine, month: date) -> dict[UUID, str]:
    async with engine.connect() as connection:
        result = await connection.execute(
            select(PAYMENT_FAILURES.c.household_id, PAYMENT_FAILURES.c.reason).where(PAYMENT_FAILURES.c.month == month)
        )
        return {household: reason for household, reason in result}


async def payment_count(engine: AsyncEngine, month: date) -> int:
    async with engine.connect() as connection:
        return int(
            await connection.scalar(select(func.count()).select_from(PAYMENTS).where(PAYMENTS.c.month == month)) or 0
        )


def paid_twice(payments: list[tuple[UUID, UUID, Decimal]]) -> list[UUID]:
    return [household for household, n in Counter(h for _, h, _ in payments).items() if n > 1]
