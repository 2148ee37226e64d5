"""The monthly payment run (Zahlungslauf): one batch reads a page of the roll and pays who is owed and not yet
paid, in one commit.

The caller's cursor (`after`) only says where to read; whether a household is paid is decided
by the database (unique (month, household), "on conflict do nothing"), so a batch repeated by a
retry, a second run of the month or a concurrent caller pays nobody twice, and only payments
actually inserted get a `PaymentOrderedV1` in the outbox of the same commit.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Table, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from contracts.events import PaymentOrderedV1
from services.benefits.domain.payment_runs import (
    BatchResult,
    Candidate,
    Failure,
    Payable,
    PayBatch,
    payment_problem,
    run_id_of,
)
from services.benefits.tables import PAYMENT_FAILURES, PAYMENT_RUNS, PAYMENTS, EntitlementMonthRow, owed_for
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def pay_batch(tx: Transaction, request: PayBatch) -> BatchResult:
    """Pay the next page after `request.after`: each new payment row and its event in this transaction."""
    month, run_id, now = request.month, run_id_of(request.month), datetime.now(UTC)
    await open_run(tx.session, run_id, month, now)  # a write first: SQLite takes its write lock here
    page, done = await _page(tx, request)
    payable, refused = _split(page)
    paid = await insert_payments(tx.session, run_id, month, payable, now)
    await clear_failures(tx.session, month, list(paid))
    refused = await _not_paid_already(tx, month, refused)
    await record_failures(tx.session, run_id, month, refused, now)
    new = [p for p in payable if p.household_id in paid]
    await tx.publish_many([_ordered(p, paid[p.household_id], run_id, month) for p in new])
    return BatchResult(
        run_id,
        month,
        paid_count=len(new),
        paid_sum=sum((p.amount for p in new), Decimal("0.00")),
        failed_count=len(refused),
        last_household_id=page[-1].household_id if page else request.after,
        done=done,
        failures=[Failure(p.household_id, p.office_id, reason) for p, reason in refused],
    )


def _ordered(p: Payable, payment_id: UUID, run_id: str, month: date) -> PaymentOrderedV1:
    return PaymentOrderedV1(
        payment_id=payment_id,
        run_id=run_id,
        household_id=p.household_id,
        office_id=p.office_id,
        month=month,
        amount=p.amount,
    )


async def _page(tx: Transaction, request: PayBatch) -> tuple[list[Payable], bool]:
    """The next page of the roll, cut at the shard's upper bound; and whether nothing follows it."""
    page = await payable_entitlements(tx.session, request.month, request.after, request.limit)
    done = len(page) < request.limit
    if request.until is not None and page and page[-1].household_id >= request.until:
        page = [p for p in page if p.household_id <= request.until]
        done = True
    return page, done


def _split(page: Sequence[Payable]) -> tuple[list[Payable], list[tuple[Payable, str]]]:
    payable, refused = [], []
    for p in page:
        problem = payment_problem(Candidate(p.household_id, p.office_id, p.amount))
        if problem is None:
            payable.append(p)
        else:
            refused.append((p, problem))
    return payable, refused


async def _not_paid_already(
    tx: Transaction, month: date, refused: list[tuple[Payable, str]]
) -> list[tuple[Payable, str]]:
    """A household paid earlier this month is not a failure, even if its case changed since."""
    if not refused:
        return refused
    ids: list[UUID] = [p.household_id for p, _ in refused]
    paid = set(
        (
            await tx.session.scalars(
                select(PAYMENTS.c.household_id).where(PAYMENTS.c.month == month, PAYMENTS.c.household_id.in_(ids))
            )
        ).all()
    )
    return [(p, reason) for p, reason in refused if p.household_id not in paid]


async def payable_entitlements(session: AsyncSession, month: date, after: UUID | None, limit: int) -> list[Payable]:
    """The roll's rows of `month` with a positive amount (what the decision in force for the month says), ordered by
    household id after `after`.

    Keyset-paginated by household id so a run over 500,000 households reads in bounded, resumable pages
    (the last id paid is the cursor); the roll's primary key (month, household id) is that order.
    """
    roll = EntitlementMonthRow
    query = select(roll).where(owed_for(month)).order_by(col(roll.household_id)).limit(limit)
    if after is not None:
        query = query.where(col(roll.household_id) > after)
    rows = (await session.scalars(query)).all()
    return [Payable(r.household_id, r.office_id, r.amount, r.decision_id) for r in rows]


async def owed(session: AsyncSession, household_id: UUID, month: date) -> Decimal:
    """What the roll says one household is owed for `month` (0.00: nothing)."""
    amount = await session.scalar(
        select(col(EntitlementMonthRow.amount)).where(
            owed_for(month), col(EntitlementMonthRow.household_id) == household_id
        )
    )
    return Decimal("0.00") if amount is None else amount


# --- The ledger's bulk writes, efficient on PostgreSQL and SQLite.
# "insert … on conflict do nothing returning" is one multi-row statement per batch (SQLAlchemy's
# insertmanyvalues) and lets the database decide atomically which payments are new: a
# concurrent or repeated batch waits on the unique index and then inserts nothing, so only the
# rows returned here are announced.

Insert = postgresql.Insert | sqlite.Insert


def _insert(session: AsyncSession, table: Table) -> Insert:
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(table)
    return sqlite.insert(table)


async def open_run(session: AsyncSession, run_id: str, month: date, now: datetime) -> None:
    """The month's run row, created by whichever batch comes first."""
    await session.execute(
        _insert(session, PAYMENT_RUNS)
        .values(run_id=run_id, month=month, started_at=now)
        # No conflict target: run_id and month are both unique, and a concurrent batch may clash on either.
        .on_conflict_do_nothing()
    )


async def insert_payments(
    session: AsyncSession, run_id: str, month: date, payables: Sequence[Payable], now: datetime
) -> dict[UUID, UUID]:
    """Insert the payments not yet made for `month`; returns household id → payment id of those inserted."""
    if not payables:
        return {}
    rows = [
        {
            "payment_id": new_id(),
            "run_id": run_id,
            "month": month,
            "household_id": p.household_id,
            "office_id": p.office_id,
            "amount": p.amount,
            "decision_id": p.decision_id,
            "ordered_at": now,
        }
        for p in payables
    ]
    statement = (
        _insert(session, PAYMENTS)
        .on_conflict_do_nothing(index_elements=["month", "household_id"])
        .returning(PAYMENTS.c.household_id, PAYMENTS.c.payment_id)
    )
    result = await session.execute(statement, rows)
    return {household_id: payment_id for household_id, payment_id in result}


async def record_failures(
    session: AsyncSession, run_id: str, month: date, failures: Sequence[tuple[Payable, str]], now: datetime
) -> None:
    """Record (or refresh) why these households were not paid."""
    if not failures:
        return
    rows: list[dict[str, Any]] = [
        {
            "month": month,
            "household_id": p.household_id,
            "run_id": run_id,
            "office_id": p.office_id,
            "amount": p.amount,
            "reason": reason,
            "recorded_at": now,
        }
        for p, reason in failures
    ]
    statement = _insert(session, PAYMENT_FAILURES)
    await session.execute(
        statement.on_conflict_do_update(
            index_elements=["month", "household_id"],
            set_={c: statement.excluded[c] for c in ("run_id", "office_id", "amount", "reason", "recorded_at")},
        ),
        rows,
    )


async def clear_failures(session: AsyncSession, month: date, household_ids: Sequence[UUID]) -> None:
    """Households paid now are no longer failures of this month (a clerk fixed their case)."""
    if household_ids:
        await session.execute(
            delete(PAYMENT_FAILURES).where(
                PAYMENT_FAILURES.c.month == month, PAYMENT_FAILURES.c.household_id.in_(household_ids)
            )
        )
