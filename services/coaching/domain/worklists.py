"""What a worklist asks and what it answers: the caseload, a day's appointments. No I/O here.

A case's next contact is due `contact_interval_days` after its last contact, or after the assignment
while there has been none (the programme's cadence, as the journey counts it); closed cases and cases
without a case manager have nothing due.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from uuid import UUID

from services.coaching.domain.model import ACTIVE_STATUSES, CaseStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.views import Appointment


def next_contact_due(
    status: CaseStatus, assigned_at: datetime | None, last_contact_at: datetime | None, interval_days: int | None
) -> datetime | None:
    if status not in ACTIVE_STATUSES or assigned_at is None or interval_days is None:
        return None
    anchor = max(assigned_at, last_contact_at) if last_contact_at is not None else assigned_at
    return anchor + timedelta(days=interval_days)


def berlin_day(day: date) -> tuple[datetime, datetime]:
    """The moments a day of the office's calendar begins and ends (Europe/Berlin; 23 or 25 hours at the change)."""
    start = datetime.combine(day, time(0), BERLIN)
    return start, datetime.combine(day + timedelta(days=1), time(0), BERLIN)


@dataclass(frozen=True)
class FindCases:
    office_id: str | None
    case_worker_id: str | None
    statuses: frozenset[CaseStatus]  # empty: every status but closed
    program_id: str | None
    due_before: datetime | None
    cursor: str | None
    limit: int


@dataclass(frozen=True)
class FindAppointments:
    day: date
    staff_id: str | None
    office_id: str | None
    cursor: str | None
    limit: int


@dataclass(frozen=True)
class CaseListing:
    client_id: UUID
    office_id: str
    case_worker_id: str | None
    status: CaseStatus
    program_id: str | None
    last_contact_at: datetime | None
    next_due_at: datetime | None
    open_task_count: int
    overdue_task_count: int


@dataclass(frozen=True)
class CaseListingPage:
    items: list[CaseListing]
    next_cursor: str | None


@dataclass(frozen=True)
class AppointmentPage:
    items: list[Appointment]
    next_cursor: str | None
