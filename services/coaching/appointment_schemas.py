"""Coaching's HTTP bodies for appointments, series, attendance, consultation days, reminders and calendar
feeds, and their mapping to the domain's commands."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, Field

from contracts.events import ContactChannel
from services.coaching.domain.appointment_commands import (
    Cancel,
    CancelSeries,
    Invitation,
    RecordAttendance,
    Reschedule,
    ScheduleAppointment,
    ScheduleSeries,
)
from services.coaching.domain.appointments import (
    MAX_GROUP_CAPACITY,
    AppointmentKind,
    AppointmentStatus,
    CancellationReason,
    RescheduleReason,
)
from services.coaching.domain.attendance import Attendance, ExcuseReason
from services.coaching.domain.reminders import Recipient
from services.coaching.schemas import LocationId, Strict
from services.platform.http.fields import OfficeId, StaffDate, StaffId, StaffMoment, Text

RoomId = Annotated[Text, Field(max_length=50, description="a room of the office (GET /rooms)")]
Minutes = Annotated[int, Field(ge=5, le=480)]


class InvitationIn(Strict):
    client_id: UUID
    notice_given_at: StaffMoment | None = Field(
        None, description="when the written notice of legal consequences (Rechtsfolgenbelehrung) was given"
    )

    def to_invitation(self) -> Invitation:
        return Invitation(self.client_id, self.notice_given_at)


class ScheduleIn(Strict):
    kind: AppointmentKind
    office_id: OfficeId
    staff_ids: list[StaffId] = Field(min_length=1, max_length=5)
    starts_at: StaffMoment
    duration_minutes: Minutes
    channel: ContactChannel
    participants: list[InvitationIn] = Field(default_factory=list, max_length=MAX_GROUP_CAPACITY)
    location_id: LocationId | None = None
    room_id: RoomId | None = None
    capacity: int | None = Field(None, ge=1, le=MAX_GROUP_CAPACITY, description="group sessions only")

    def to_command(self) -> ScheduleAppointment:
        return ScheduleAppointment(
            self.kind,
            self.office_id,
            list(self.staff_ids),
            self.starts_at,
            self.duration_minutes,
            self.channel,
            [p.to_invitation() for p in self.participants],
            self.location_id,
            self.room_id,
            self.capacity,
        )


class SeriesIn(ScheduleIn):
    until: StaffDate = Field(description="the last day an occurrence may fall on (Europe/Berlin)")

    def to_series(self) -> ScheduleSeries:
        return ScheduleSeries(self.to_command(), self.until)


class RescheduleIn(Strict):
    starts_at: StaffMoment
    duration_minutes: Minutes
    reason: RescheduleReason

    def to_command(self) -> Reschedule:
        return Reschedule(self.starts_at, self.duration_minutes, self.reason)


class CancelIn(Strict):
    reason: CancellationReason

    def to_command(self) -> Cancel:
        return Cancel(self.reason)


class CancelSeriesIn(Strict):
    cancelled_from: StaffDate
    reason: CancellationReason

    def to_command(self) -> CancelSeries:
        return CancelSeries(self.cancelled_from, self.reason)


class AttendanceIn(Strict):
    client_id: UUID
    attendance: Attendance
    reason: ExcuseReason | None = Field(None, description="excused only: why (a code, never free text)")

    def to_command(self) -> RecordAttendance:
        return RecordAttendance(self.client_id, self.attendance, self.reason)


class ParticipantOut(BaseModel):
    client_id: UUID
    invited_at: datetime
    notice_given_at: datetime | None
    attendance: Attendance | None
    excuse_reason: ExcuseReason | None


class AppointmentDetailOut(BaseModel):
    appointment_id: UUID
    kind: AppointmentKind
    status: AppointmentStatus
    office_id: str
    staff_ids: list[str]
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    location_id: str | None
    room_id: str | None
    capacity: int | None
    series_id: UUID | None
    sequence: int
    participants: list[ParticipantOut]
    cancellation_reason: CancellationReason | None
    reschedule_reason: RescheduleReason | None


class SeriesOut(BaseModel):
    series_id: UUID
    office_id: str
    until: date
    cancelled_from: date | None
    appointment_ids: list[UUID]
    skipped: list[date] = Field(description="weeks left out for a public holiday")


class ConsultationDateOut(BaseModel):
    office_id: str
    location_id: str
    name: str
    date: date


class SlotOut(BaseModel):
    starts_at: datetime
    duration_minutes: int
    free: bool


class RemindersRunIn(Strict):
    as_of: StaffMoment | None = Field(None, description="the moment to raise due reminders for; default now")


class ReminderOut(BaseModel):
    reminder_id: UUID
    appointment_id: UUID
    recipient: Recipient
    recipient_id: str
    due_at: datetime
    raised_at: datetime


class CalendarTokenOut(BaseModel):
    staff_id: str
    token: str = Field(description="shown once; issuing a new one revokes it")
    feed_path: str


class RoomOut(BaseModel):
    room_id: str
    office_id: str
    name: str
    capacity: int
