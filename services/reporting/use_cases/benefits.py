"""Households' benefit months and their needy members, as the latest decision for each month has them; payments.

A grant fills its approval period, a change rewrites the months from its effective month, an end removes them
from its effective month. The events of one household arrive in order (the topic's key is the household).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import delete, select
from sqlmodel import col

from contracts.events import EntitlementChangedV1, EntitlementEndedV1, EntitlementGrantedV1, PaymentOrderedV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import BenefitMonthRow, NeedyMonthRow, PaymentRow
from services.reporting.upserts import insert


def months(first: date, last: date) -> Iterator[date]:
    month = first
    while month <= last:
        yield month
        month = date(month.year + month.month // 12, month.month % 12 + 1, 1)


def split(entitlement: Decimal, subsistence: Decimal | None, housing: Decimal | None) -> tuple[Decimal, Decimal]:
    """Events from before the split was published count wholly as Lebensunterhalt: they cannot say more."""
    if subsistence is None or housing is None:
        return entitlement, Decimal("0.00")
    return subsistence, housing


async def record_grant(tx: Transaction, event: EntitlementGrantedV1) -> None:
    subsistence, housing = split(event.monthly_entitlement, event.subsistence_amount, event.housing_amount)
    period = list(months(event.period_start, event.period_end))
    await _forget_from(tx, event.household_id, event.period_start, only=period)
    for month in period:
        tx.session.add(
            BenefitMonthRow(
                household_id=event.household_id,
                month=month,
                subsistence=subsistence,
                housing=housing,
                monthly_entitlement=event.monthly_entitlement,
                decision_id=event.decision_id,
            )
        )
    await _add_needy(tx, event.household_id, event.client_ids, period)


async def record_change(tx: Transaction, event: EntitlementChangedV1) -> None:
    subsistence, housing = split(event.monthly_entitlement, event.subsistence_amount, event.housing_amount)
    rows = (
        await tx.session.scalars(
            select(BenefitMonthRow).where(
                col(BenefitMonthRow.household_id) == event.household_id,
                col(BenefitMonthRow.month) >= event.effective_month,
            )
        )
    ).all()
    for row in rows:
        row.subsistence, row.housing, row.monthly_entitlement = subsistence, housing, event.monthly_entitlement
        row.decision_id = event.decision_id
    if event.client_ids:  # older events named no members: the members stay as granted
        await _forget_needy_from(tx, event.household_id, event.effective_month)
        await _add_needy(tx, event.household_id, event.client_ids, [row.month for row in rows])


async def record_end(tx: Transaction, event: EntitlementEndedV1) -> None:
    await _forget_from(tx, event.household_id, event.effective_month)


async def record_payment(tx: Transaction, event: PaymentOrderedV1) -> None:
    await record_payments(tx, [event])


async def record_payments(tx: Transaction, events: Sequence[PaymentOrderedV1]) -> None:
    """In one statement; the first order of a payment id stands, a repeated one changes nothing."""
    if not events:
        return
    rows = [
        {
            "payment_id": e.payment_id,
            "household_id": e.household_id,
            "office_id": e.office_id,
            "month": e.month,
            "amount": e.amount,
        }
        for e in events
    ]
    await tx.session.execute(insert(tx.session, PaymentRow).on_conflict_do_nothing(index_elements=["payment_id"]), rows)


async def _forget_from(tx: Transaction, household_id: UUID, month: date, only: Sequence[date] | None = None) -> None:
    """Remove the household's months from `month` on (or just `only` those), with their needy members."""
    for table in (BenefitMonthRow, NeedyMonthRow):
        statement = delete(table).where(col(table.household_id) == household_id, col(table.month) >= month)
        if only is not None:
            statement = statement.where(col(table.month).in_(only))
        await tx.session.execute(statement)


async def _forget_needy_from(tx: Transaction, household_id: UUID, month: date) -> None:
    await tx.session.execute(
        delete(NeedyMonthRow).where(col(NeedyMonthRow.household_id) == household_id, col(NeedyMonthRow.month) >= month)
    )


async def _add_needy(tx: Transaction, household_id: UUID, client_ids: Sequence[UUID], period: Sequence[date]) -> None:
    """One row per member and month; a member who moved households keeps the household that decided last."""
    members = list(dict.fromkeys(client_ids))
    if not members or not period:
        return
    await tx.session.execute(
        delete(NeedyMonthRow).where(col(NeedyMonthRow.client_id).in_(members), col(NeedyMonthRow.month).in_(period))
    )
    tx.session.add_all(
        NeedyMonthRow(client_id=client_id, month=month, household_id=household_id)
        for client_id in members
        for month in period
    )
