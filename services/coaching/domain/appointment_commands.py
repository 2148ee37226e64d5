"""What staff ask of coaching's appointments, as the use cases take it (the routes map HTTP bodies to these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from contracts.events import ContactChannel
from services.coaching.domain.appointments import AppointmentKind, CancellationReason, RescheduleReason
from services.coaching.domain.attendance import Attendance, ExcuseReason


@dataclass(frozen=True)
class Invitation:
    client_id: UUID
    notice_given_at: datetime | None  # when the written notice of legal consequences was given, if it was


@dataclass(frozen=True)
class ScheduleAppointment:
    kind: AppointmentKind
    office_id: str
    staff_ids: list[str]
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    participants: list[Invitation]
    location_id: str | None = None  # a consultation day's location (JobLokal's town hall)
    room_id: str | None = None
    capacity: int | None = None


@dataclass(frozen=True)
class Reschedule:
    starts_at: datetime
    duration_minutes: int
    reason: RescheduleReason


@dataclass(frozen=True)
class Cancel:
    reason: CancellationReason


@dataclass(frozen=True)
class RecordAttendance:
    client_id: UUID
    attendance: Attendance
    reason: ExcuseReason | None


@dataclass(frozen=True)
class ScheduleSeries:
    first: ScheduleAppointment
    until: date


@dataclass(frozen=True)
class CancelSeries:
    cancelled_from: date
    reason: CancellationReason
