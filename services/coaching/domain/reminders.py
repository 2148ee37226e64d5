"""Reminders before an appointment: a task for each staff member and a message record for each client, raised
a number of days before it (services/coaching/data/appointments.json). No I/O here.

The timer is the database: coaching computes which reminders are due from the booked appointments, so a
restart, a reschedule or a cancellation needs no timer to be moved or cancelled. See README ("Appointments").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta
from enum import StrEnum
from uuid import UUID

from services.coaching.domain.appointment_policy import ReminderPolicy


class Recipient(StrEnum):
    STAFF = "staff"  # a reminder task on the staff member's list
    CLIENT = "client"  # a reminder message to the client (letter, text message), recorded


@dataclass(frozen=True)
class Reminder:
    appointment_id: UUID
    recipient: Recipient
    recipient_id: str
    due_at: datetime


def reminders_for(
    appointment_id: UUID,
    starts_at: datetime,
    staff_ids: Iterable[str],
    client_ids: Iterable[UUID],
    policy: ReminderPolicy,
) -> list[Reminder]:
    staff_due = starts_at - timedelta(days=policy.staff_days_before)
    client_due = starts_at - timedelta(days=policy.client_days_before)
    return [Reminder(appointment_id, Recipient.STAFF, s, staff_due) for s in staff_ids] + [
        Reminder(appointment_id, Recipient.CLIENT, str(c), client_due) for c in client_ids
    ]


def due(reminders: Iterable[Reminder], as_of: datetime, starts_at: datetime) -> list[Reminder]:
    """Those due by `as_of` for an appointment not yet begun; a reminder after the fact helps nobody."""
    return [r for r in reminders if r.due_at <= as_of < starts_at]


def lookahead(policy: ReminderPolicy) -> timedelta:
    return timedelta(days=max(policy.staff_days_before, policy.client_days_before))
