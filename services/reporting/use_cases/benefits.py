"""Households' benefit months and their needy members, as the latest decision for each month has them; payments.

A grant fills its approval period, a change rewrites the months from its effective month, an end removes them
from its effective month. The events of one household arrive in order (the topic's key is the household).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlalchemy import and_, delete, or_, select
from sqlmodel import col

from contracts.events import (
    EntitlementChangedV1,
    EntitlementEndedV1,
    EntitlementGrantedV1,
    MemberShareV1,
    PaymentOrderedV1,
)
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


def shares_of(shares: Sequence[MemberShareV1]) -> dict[UUID, MemberShareV1]:
    return {share.client_id: share for share in shares}


def _share(shares: Mapping[UUID, MemberShareV1], client_id: UUID) -> dict[str, Decimal | None]:
    """A member's part of the household's K1 sums (§ 9 Abs. 2 S. 3 SGB II); None where the event named none: a
    decision published before the shares were, or a member without a share of it."""
    share = shares.get(client_id)
    if share is None:
        return {"subsistence": None, "housing": None}
    return {"subsistence": share.subsistence_amount, "housing": share.housing_amount}


async def record_grant(tx: Transaction, event: EntitlementGrantedV1) -> None:
    await record_grants(tx, [event])


async def record_grants(tx: Transaction, events: Sequence[EntitlementGrantedV1]) -> None:
    """Grants in as few statements as applying them one by one allows (the rebuild hands over a run of them).

    A grant replaces its household's months of its period and its members' needy months of it. Grants whose
    (household, month) and (member, month) pairs do not meet cannot remove what another of them wrote, so they are
    applied together, every delete before every insert; where a grant's pairs meet an earlier one's, a new run
    begins. Runs are capped so that a statement's parameters stay within the databases' limits.
    """
    for run in _runs(events):
        await _grant_all(tx, run)


RUN = 200  # grants per statement: 200 × 12 months × (household + members) pairs stay far below 32,767 parameters


def _period(event: EntitlementGrantedV1) -> list[date]:
    return list(months(event.period_start, event.period_end))


def _runs(events: Sequence[EntitlementGrantedV1]) -> Iterator[list[EntitlementGrantedV1]]:
    run: list[EntitlementGrantedV1] = []
    households: set[tuple[UUID, date]] = set()
    members: set[tuple[UUID, date]] = set()
    for event in events:
        period = _period(event)
        own = {(event.household_id, m) for m in period}
        theirs = {(c, m) for c in event.client_ids for m in period}
        if len(run) == RUN or own & households or theirs & members:
            yield run
            run, households, members = [], set(), set()
        run.append(event)
        households |= own
        members |= theirs
    if run:
        yield run


async def _grant_all(tx: Transaction, run: Sequence[EntitlementGrantedV1]) -> None:
    benefit_months, needy_months = [], []
    for event in run:
        subsistence, housing = split(event.monthly_entitlement, event.subsistence_amount, event.housing_amount)
        shares = shares_of(event.member_shares)
        for month in _period(event):
            benefit_months.append(
                {
                    "household_id": event.household_id,
                    "month": month,
                    "subsistence": subsistence,
                    "housing": housing,
                    "monthly_entitlement": event.monthly_entitlement,
                    "decision_id": event.decision_id,
                }
            )
            needy_months += [
                {"client_id": c, "month": month, "household_id": event.household_id, **_share(shares, c)}
                for c in dict.fromkeys(event.client_ids)
            ]
    if not benefit_months:
        return
    # Each grant's months as a range of its household (and of each member): an OR of index range scans on both
    # databases, where a list of (id, month) pairs was a scan of the whole table on PostgreSQL (row values
    # compared one by one with every pair; 2.6 s a run of 200 grants, most of the PostgreSQL rebuild's time).
    benefit, needy = BenefitMonthRow.__table__, NeedyMonthRow.__table__  # type: ignore[attr-defined]
    spans = [(event, period[0], period[-1]) for event in run if (period := _period(event))]
    await tx.session.execute(
        delete(benefit).where(
            or_(*(and_(benefit.c.household_id == e.household_id, benefit.c.month.between(a, b)) for e, a, b in spans))
        )
    )
    of_households = (and_(needy.c.household_id == e.household_id, needy.c.month.between(a, b)) for e, a, b in spans)
    of_members = (
        and_(needy.c.client_id == c, needy.c.month.between(a, b))
        for e, a, b in spans
        for c in dict.fromkeys(e.client_ids)
    )
    await tx.session.execute(delete(needy).where(or_(*of_households, *of_members)))
    await tx.session.execute(benefit.insert(), benefit_months)
    if needy_months:
        await tx.session.execute(needy.insert(), needy_months)


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
        shares = shares_of(event.member_shares)
        await _add_needy(tx, event.household_id, event.client_ids, [row.month for row in rows], shares)


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


async def _add_needy(
    tx: Transaction,
    household_id: UUID,
    client_ids: Sequence[UUID],
    period: Sequence[date],
    shares: Mapping[UUID, MemberShareV1],
) -> None:
    """One row per member and month with the member's share; a member who moved households keeps the household
    that decided last."""
    members = list(dict.fromkeys(client_ids))
    if not members or not period:
        return
    await tx.session.execute(
        delete(NeedyMonthRow).where(col(NeedyMonthRow.client_id).in_(members), col(NeedyMonthRow.month).in_(period))
    )
    tx.session.add_all(
        NeedyMonthRow(client_id=client_id, month=month, household_id=household_id, **_share(shares, client_id))
        for client_id in members
        for month in period
    )
