"""The reading side of the run: its plan (size and shards) and the reconciled report.

Reconciliation compares the ledger with the roll as it is now: every household the roll
says is owed for the month (its row of that month) must be either paid or recorded as failed, in count and in sum.
A household granted after the run shows up as "unaccounted" — a further batch (re-running
the month) pays exactly those.
"""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from itertools import pairwise
from typing import Any
from uuid import UUID

from sqlalchemy import and_, func, select
from sqlmodel import col

from services.benefits.domain.payment_reports import (
    LedgerReconciliation,
    OfficeTotal,
    Partition,
    PaymentRunReport,
    RunPlan,
)
from services.benefits.domain.payment_runs import Failure, run_id_of
from services.benefits.tables import PAYMENT_FAILURES, PAYMENTS, EntitlementMonthRow, PaymentRunRow, owed_for
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.unit_of_work import Transaction

CENT = Decimal("0.01")
E, P, F = EntitlementMonthRow, PAYMENTS.c, PAYMENT_FAILURES.c


def money(value: Any) -> Decimal:
    """A SQL sum as euros (SQLite sums NUMERIC as floating point; cents are exact after rounding)."""
    return Decimal(str(value or 0)).quantize(CENT)


async def plan_run(tx: Transaction, month: date, shards: int) -> RunPlan:
    """How many households are owed, and `shards` contiguous id ranges of about equal size."""
    count, total = (await tx.session.execute(select(func.count(), func.sum(E.amount)).where(owed_for(month)))).one()
    bounds: list[UUID] = []
    for k in range(1, shards):
        offset = k * count // shards - 1
        if offset >= 0:
            bound = await tx.session.scalar(
                select(col(E.household_id)).where(owed_for(month)).order_by(col(E.household_id)).offset(offset).limit(1)
            )
            if bound is not None and (not bounds or bound > bounds[-1]):
                bounds.append(bound)
    edges: list[UUID | None] = [None, *bounds, None]
    return RunPlan(
        run_id=run_id_of(month),
        month=month,
        payable_count=count,
        payable_sum=money(total),
        partitions=[Partition(a, u) for a, u in pairwise(edges)],
    )


async def run_report(tx: Transaction, month: date, by: StaffUser) -> PaymentRunReport:
    run = await tx.session.get(PaymentRunRow, run_id_of(month))
    if run is None:
        raise NotFound("payment run", run_id_of(month))
    offices = await _office_totals(tx, month)
    failures = (
        await tx.session.execute(
            select(F.household_id, F.office_id, F.reason).where(F.month == month).order_by(F.household_id)
        )
    ).all()
    reconciliation = await _reconcile(tx, month)
    return PaymentRunReport(
        run_id=run.run_id,
        month=month,
        started_at=run.started_at,
        last_ordered_at=await tx.session.scalar(select(func.max(P.ordered_at)).where(P.month == month)),
        paid_count=reconciliation.paid_count,
        paid_sum=reconciliation.paid_sum,
        failed_count=reconciliation.failed_count,
        offices=[o for o in offices if by.may_act_for(o.office_id)],
        failures=[Failure(h, o, r) for h, o, r in failures if by.may_act_for(o)],
        reconciliation=reconciliation,
    )


async def _office_totals(tx: Transaction, month: date) -> list[OfficeTotal]:
    paid = (
        await tx.session.execute(
            select(P.office_id, func.count(), func.sum(P.amount)).where(P.month == month).group_by(P.office_id)
        )
    ).all()
    failed: dict[str, int] = {
        office: n
        for office, n in await tx.session.execute(
            select(F.office_id, func.count()).where(F.month == month).group_by(F.office_id)
        )
    }
    totals = {office: OfficeTotal(office, n, money(s), failed.get(office, 0)) for office, n, s in paid}
    for office, n in failed.items():
        totals.setdefault(office, OfficeTotal(office, 0, CENT * 0, n))
    return [totals[o] for o in sorted(totals)]


async def _reconcile(tx: Transaction, month: date) -> LedgerReconciliation:
    s = tx.session
    payable_count, payable_sum = (
        await s.execute(select(func.count(), func.sum(E.amount)).where(owed_for(month)))
    ).one()
    paid_count, paid_sum = (await s.execute(select(func.count(), func.sum(P.amount)).where(P.month == month))).one()
    failed_count, failed_sum = (
        await s.execute(
            select(func.count(F.household_id), func.sum(E.amount))
            .select_from(PAYMENT_FAILURES)
            .outerjoin(E, and_(col(E.household_id) == F.household_id, owed_for(month)))
            .where(F.month == month)
        )
    ).one()
    unaccounted = await s.scalar(
        select(func.count())
        .select_from(E)
        .outerjoin(PAYMENTS, and_(P.household_id == E.household_id, P.month == month))
        .outerjoin(PAYMENT_FAILURES, and_(F.household_id == E.household_id, F.month == month))
        .where(owed_for(month), P.payment_id.is_(None), F.household_id.is_(None))
    )
    paid_not_payable = await s.scalar(
        select(func.count())
        .select_from(PAYMENTS)
        .outerjoin(E, and_(col(E.household_id) == P.household_id, owed_for(month)))
        .where(P.month == month, col(E.household_id).is_(None))
    )
    counts_match = payable_count == paid_count + failed_count
    sums_match = money(payable_sum) == money(paid_sum) + money(failed_sum)
    return LedgerReconciliation(
        payable_count=payable_count,
        payable_sum=money(payable_sum),
        paid_count=paid_count,
        paid_sum=money(paid_sum),
        failed_count=failed_count,
        failed_sum=money(failed_sum),
        unaccounted_count=unaccounted or 0,
        paid_not_payable_count=paid_not_payable or 0,
        reconciled=counts_match and sums_match and not unaccounted and not paid_not_payable,
    )
