"""Bulk writes of one batch, efficient on PostgreSQL and SQLite.

"insert … on conflict do nothing returning" is one multi-row statement per batch (SQLAlchemy's
insertmanyvalues) and lets the database decide atomically which payments are new: a
concurrent or repeated batch waits on the unique index and then inserts nothing, so only the
rows returned here are announced.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Table, delete
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.benefits.entitlement_roll import Payable
from services.benefits.payments.tables import PAYMENT_FAILURES, PAYMENT_RUNS, PAYMENTS
from services.platform.ids import new_id

Insert = postgresql.Insert | sqlite.Insert


def _insert(session: AsyncSession, table: Table) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


async def open_run(session: AsyncSession, run_id: str, month: date, now: datetime) -> None:
    """The month's run row, created by whichever batch comes first."""
    await session.execute(
        _insert(session, PAYMENT_RUNS).values(run_id=run_id, month=month, started_at=now)
        # No conflict target: run_id and month are both unique, and a concurrent batch may clash on either.
        .on_conflict_do_nothing()
    )


async def insert_payments(session: AsyncSession, run_id: str, month: date, payables: Sequence[Payable],
                          now: datetime) -> dict[UUID, UUID]:
    """Insert the payments not yet made for `month`; returns household id → payment id of those inserted."""
    if not payables:
        return {}
    rows = [{"payment_id": new_id(), "run_id": run_id, "month": month, "household_id": p.household_id,
             "office_id": p.office_id, "amount": p.amount, "decision_id": p.decision_id, "ordered_at": now}
            for p in payables]
    statement = (_insert(session, PAYMENTS).on_conflict_do_nothing(index_elements=["month", "household_id"])
                 .returning(PAYMENTS.c.household_id, PAYMENTS.c.payment_id))
    result = await session.execute(statement, rows)
    return {household_id: payment_id for household_id, payment_id in result}


async def record_failures(session: AsyncSession, run_id: str, month: date,
                          failures: Sequence[tuple[Payable, str]], now: datetime) -> None:
    """Record (or refresh) why these households were not paid."""
    if not failures:
        return
    rows: list[dict[str, Any]] = [
        {"month": month, "household_id": p.household_id, "run_id": run_id, "office_id": p.office_id,
         "amount": p.amount, "reason": reason, "recorded_at": now}
        for p, reason in failures
    ]
    statement = _insert(session, PAYMENT_FAILURES)
    await session.execute(statement.on_conflict_do_update(
        index_elements=["month", "household_id"],
        set_={c: statement.excluded[c] for c in ("run_id", "office_id", "amount", "reason", "recorded_at")},
    ), rows)


async def clear_failures(session: AsyncSession, month: date, household_ids: Sequence[UUID]) -> None:
    """Households paid now are no longer failures of this month (a clerk fixed their case)."""
    if household_ids:
        await session.execute(delete(PAYMENT_FAILURES).where(
            PAYMENT_FAILURES.c.month == month, PAYMENT_FAILURES.c.household_id.in_(household_ids)))
