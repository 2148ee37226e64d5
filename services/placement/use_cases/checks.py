"""Continuation checks after a hire (K2E3) and the employer's monthly confirmations."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError
from sqlmodel import col

from contracts.events import EmploymentConfirmedV1
from services.placement.domain.commands import ConfirmMonth
from services.placement.domain.employment import (
    CheckStatus,
    Pay,
    check_month_employed,
    is_repeat_confirmation,
    status_of_new_check,
)
from services.placement.domain.views import Check, Confirmation
from services.placement.tables import (
    ClientProfileRow,
    ContinuationCheckRow,
    EmploymentRow,
    to_check,
    to_confirmation,
)
from services.placement.use_cases.lookups import employment_for
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def request_check(tx: Transaction, employment_id: UUID, month: date, by: StaffUser) -> Check:
    """One check per (employment, month): asking again returns the same check."""
    employment, office_id = await employment_for(tx, employment_id, by)
    existing = await _check_of(tx, employment_id, month)
    if existing is None:
        status = status_of_new_check(month, employment.start_date, employment.end_date)
        row = ContinuationCheckRow(
            check_id=new_id(), employment_id=employment_id, month=month, status=status, created_at=datetime.now(UTC)
        )
        try:
            async with tx.session.begin_nested():
                tx.session.add(row)
        except IntegrityError:  # a concurrent request created it first
            row = await _check_of(tx, employment_id, month) or row
        existing = row
    return to_check(existing, employment.client_id, office_id)


async def _check_of(tx: Transaction, employment_id: UUID, month: date) -> ContinuationCheckRow | None:
    return (
        await tx.session.scalars(
            select(ContinuationCheckRow).where(
                col(ContinuationCheckRow.employment_id) == employment_id, col(ContinuationCheckRow.month) == month
            )
        )
    ).first()


async def list_checks(
    tx: Transaction, status: CheckStatus | None, office_id: str | None, by: StaffUser, after: UUID | None, limit: int
) -> list[Check]:
    """Checks still to be answered; staff bound to offices see those of their offices' clients."""
    query = (
        select(ContinuationCheckRow, col(EmploymentRow.client_id), col(ClientProfileRow.office_id))
        .join(EmploymentRow, col(EmploymentRow.employment_id) == col(ContinuationCheckRow.employment_id))
        .outerjoin(ClientProfileRow, col(ClientProfileRow.client_id) == col(EmploymentRow.client_id))
        .order_by(col(ContinuationCheckRow.check_id))
        .limit(limit)
    )
    if status is not None:
        query = query.where(col(ContinuationCheckRow.status) == status)
    if office_id is not None:
        query = query.where(col(ClientProfileRow.office_id) == office_id)
    if (offices := by.visible_offices()) is not None:
        query = query.where(col(ClientProfileRow.office_id).in_(sorted(offices)))
    if after is not None:
        query = query.where(col(ContinuationCheckRow.check_id) > after)
    return [to_check(check, client_id, office) for check, client_id, office in await tx.session.execute(query)]


async def is_confirmed(tx: Transaction, employment_id: UUID, cmd: ConfirmMonth, by: StaffUser) -> bool:
    """Whether the month is already confirmed with these figures (409 when with other figures)."""
    await employment_for(tx, employment_id, by)
    check = await _check_of(tx, employment_id, cmd.month)
    return is_repeat_confirmation(cmd.month, _recorded_pay(check), Pay(cmd.gross_pay, cmd.net_pay))


async def confirm_month(tx: Transaction, employment_id: UUID, cmd: ConfirmMonth, by: StaffUser) -> Confirmation:
    """The employer confirmed the month. Emits `employment_confirmed.v1`; a repeat emits nothing."""
    # The row lock (PostgreSQL) lets a concurrent confirmation of the month see this one and repeat it.
    employment, _ = await employment_for(tx, employment_id, by, for_update=True)
    pay = Pay(cmd.gross_pay, cmd.net_pay)
    pay.check()
    check_month_employed(cmd.month, employment.start_date, employment.end_date)
    check = await _check_of(tx, employment_id, cmd.month)
    if is_repeat_confirmation(cmd.month, _recorded_pay(check), pay):
        assert check is not None
        return to_confirmation(check, employment.client_id)
    now = datetime.now(UTC)
    check = check or ContinuationCheckRow(
        check_id=new_id(), employment_id=employment_id, month=cmd.month, status=CheckStatus.CONFIRMED, created_at=now
    )
    check.status, check.gross_pay, check.net_pay = CheckStatus.CONFIRMED, pay.gross, pay.net
    check.confirmed_at, check.confirmed_by = now, by.staff_id
    tx.session.add(check)
    await tx.publish(
        EmploymentConfirmedV1(
            client_id=employment.client_id,
            employment_id=employment_id,
            month=cmd.month,
            gross_pay=pay.gross,
            net_pay=pay.net,
        )
    )
    return to_confirmation(check, employment.client_id)


def _recorded_pay(check: ContinuationCheckRow | None) -> Pay | None:
    if check is None or check.gross_pay is None or check.net_pay is None:
        return None
    return Pay(check.gross_pay, check.net_pay)
