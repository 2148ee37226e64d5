"""Coaching's HTTP bodies for cohorts, their members' childcare and outcomes, and their mapping to the domain."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, ClassVar
from uuid import UUID

from pydantic import BaseModel, Field, StringConstraints

from services.coaching.appointment_schemas import Minutes, RoomId
from services.coaching.domain.appointments import AppointmentStatus
from services.coaching.domain.cohorts import (
    MAX_COHORT_CAPACITY,
    Childcare,
    CohortStatus,
    Outcome,
    Weekday,
)
from services.coaching.programme_schemas import ProgramId, Strict
from services.coaching.schemas import HashedAsBefore, PartnerEmployerOut
from services.coaching.use_cases.cohorts import OpenCohort
from services.platform.http.fields import SINGLE_LINE, LocalTime, OfficeId, StaffDate, StaffId, StaffMoment

Name = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), SINGLE_LINE]


class OpenCohortIn(Strict):
    program_id: ProgramId
    office_id: OfficeId
    name: Name
    first_session_at: StaffMoment = Field(description="the first weekly session; the cohort starts on its day")
    duration_minutes: Minutes
    room_id: RoomId = Field(description="a room of the office or a named place it books (town hall, centre)")
    capacity: int = Field(ge=1, le=MAX_COHORT_CAPACITY)
    staff_ids: list[StaffId] = Field(min_length=1, max_length=5, description="who holds the sessions")

    def to_command(self) -> OpenCohort:
        return OpenCohort(
            self.program_id,
            self.office_id,
            self.name,
            self.first_session_at,
            self.duration_minutes,
            self.room_id,
            self.capacity,
            list(self.staff_ids),
        )


class ChildcareIn(Strict):
    provider: Name
    days: list[Weekday] = Field(min_length=1, max_length=7)
    from_time: LocalTime
    to_time: LocalTime

    def to_childcare(self) -> Childcare:
        return Childcare(self.provider, tuple(self.days), self.from_time, self.to_time)


class JoinIn(HashedAsBefore):
    _added_optional: ClassVar[tuple[str, ...]] = ("joins_on",)
    client_id: UUID
    childcare: ChildcareIn | None = None
    notice_given_at: StaffMoment | None = Field(
        None, description="when the written notice of legal consequences for the sessions was given"
    )
    joins_on: StaffDate | None = Field(
        None,
        description="the day the client joins (null: the cohort's first day, or today once it has begun); not in "
        "the future, within the cohort, not before the client's participation start or case manager's hand-over",
    )


class ChildcareChangeIn(Strict):
    childcare: ChildcareIn | None = Field(description="null: none arranged (any more)")


class OutcomeIn(Strict):
    outcome: Outcome
    on: StaffDate = Field(description="the day it happened (work or training taken up, dropped out)")


class ClosingIn(Strict):
    as_of: StaffDate | None = Field(
        None, description="the journey worker's or operator's day (the timer's clock); staff: today"
    )


class ChildcareOut(BaseModel):
    provider: str
    days: list[Weekday]
    from_time: LocalTime
    to_time: LocalTime


class MemberOut(BaseModel):
    client_id: UUID
    participation_id: UUID
    joined_on: date
    childcare: ChildcareOut | None
    outcome: Outcome | None
    outcome_on: date | None
    outcome_missing: bool


class CohortOut(BaseModel):
    cohort_id: UUID
    program_id: str
    office_id: str
    name: str
    starts_on: date
    ends_on: date
    room_id: str
    capacity: int
    status: CohortStatus
    series_id: UUID | None


class CohortSummaryOut(BaseModel):
    cohort: CohortOut
    members: int
    places_free: int


class SessionOut(BaseModel):
    appointment_id: UUID
    starts_at: datetime
    duration_minutes: int
    status: AppointmentStatus


class CohortDetailOut(BaseModel):
    cohort: CohortOut
    members: list[MemberOut]
    places_free: int
    partner_employers: list[PartnerEmployerOut]
    sessions: list[SessionOut] = Field(description="the weekly group sessions (appointments) in order")


class ClosingOut(BaseModel):
    cohort_id: UUID
    closed_on: date
    ended: list[UUID]
    outcomes_missing: list[UUID]


class RemindedOut(BaseModel):
    cohort_id: UUID
    task_ids: list[UUID]
