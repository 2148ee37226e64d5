"""Reminders before appointments: raised from the booked appointments whenever coaching looks (see README,
"Appointments"). Raising is idempotent — a reminder already raised is skipped by its unique key — so the
periodic look of the service and a call of `POST /reminders/run` may overlap."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.coaching.domain.appointment_policy import ReminderPolicy
from services.coaching.domain.appointments import AppointmentStatus
from services.coaching.domain.reminders import Recipient, due, lookahead, reminders_for
from services.coaching.tables import AppointmentReminderRow, AppointmentRow
from services.coaching.use_cases.appointment_rows import details
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class RaisedReminder:
    reminder_id: UUID
    appointment_id: UUID
    recipient: Recipient
    recipient_id: str
    due_at: datetime
    raised_at: datetime


def _raised(row: AppointmentReminderRow) -> RaisedReminder:
    return RaisedReminder(
        row.reminder_id, row.appointment_id, Recipient(row.recipient), row.recipient_id, row.due_at, row.raised_at
    )


async def raise_due_reminders(tx: Transaction, as_of: datetime, policy: ReminderPolicy) -> list[RaisedReminder]:
    """The reminders due by `as_of` for booked appointments still ahead, each raised once."""
    rows = (
        await tx.session.execute(
            select(AppointmentRow).where(
                col(AppointmentRow.status) == AppointmentStatus.BOOKED,
                col(AppointmentRow.starts_at) > as_of,
                col(AppointmentRow.starts_at) <= as_of + lookahead(policy),
            )
        )
    ).scalars()
    wanted = [
        reminder
        for d in await details(tx.session, rows)
        for reminder in due(
            reminders_for(d.appointment_id, d.starts_at, d.staff_ids, [p.client_id for p in d.participants], policy),
            as_of,
            d.starts_at,
        )
    ]
    ids = list({r.appointment_id for r in wanted})
    known = await tx.session.execute(
        select(AppointmentReminderRow).where(col(AppointmentReminderRow.appointment_id).in_(ids))
    )
    have = {(r.appointment_id, r.recipient, r.recipient_id) for r in known.scalars()}
    new = [
        AppointmentReminderRow(
            reminder_id=new_id(),
            appointment_id=r.appointment_id,
            recipient=r.recipient,
            recipient_id=r.recipient_id,
            due_at=r.due_at,
            raised_at=as_of,
        )
        for r in wanted
        if (r.appointment_id, r.recipient.value, r.recipient_id) not in have
    ]
    tx.session.add_all(new)
    return [_raised(r) for r in new]


async def staff_reminders(tx: Transaction, staff_id: str, since: datetime, by: StaffUser) -> list[RaisedReminder]:
    """A staff member's reminder tasks raised since `since`, newest appointment last."""
    query = (
        select(AppointmentReminderRow)
        .join(AppointmentRow, col(AppointmentRow.appointment_id) == col(AppointmentReminderRow.appointment_id))
        .where(
            col(AppointmentReminderRow.recipient) == Recipient.STAFF,
            col(AppointmentReminderRow.recipient_id) == staff_id,
            col(AppointmentReminderRow.raised_at) >= since,
        )
        .order_by(col(AppointmentReminderRow.due_at), col(AppointmentReminderRow.reminder_id))
    )
    if (offices := by.visible_offices()) is not None:
        query = query.where(col(AppointmentRow.office_id).in_(sorted(offices)))
    rows = await tx.session.execute(query)
    return [_raised(r) for r in rows.scalars()]


async def client_reminders(tx: Transaction, appointment_id: UUID) -> list[RaisedReminder]:
    rows = await tx.session.execute(
        select(AppointmentReminderRow)
        .where(col(AppointmentReminderRow.appointment_id) == appointment_id)
        .order_by(col(AppointmentReminderRow.recipient), col(AppointmentReminderRow.recipient_id))
    )
    return [_raised(r) for r in rows.scalars()]
