"""Coaching's HTTP bodies, and their mapping to the domain's commands."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated, Any, ClassVar, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, SerializerFunctionWrapHandler, StringConstraints, model_serializer

from contracts.events import ContactChannel
from services.coaching.domain.commands import (
    AgreePlan,
    AssignCase,
    BookAppointment,
    ChangeCaseWorker,
    CloseCase,
    RaiseTask,
    RecordContact,
)
from services.coaching.domain.model import (
    CaseStatus,
    ClosureReason,
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    TaskKind,
    TaskStatus,
)
from services.coaching.domain.staffing import Specialty, StaffMember
from services.platform.auth.staff import Role
from services.platform.http.fields import MultilineText, OfficeId, StaffId, StaffMoment, Text

HHMM = Annotated[str, Field(pattern=r"^\d{2}:\d{2}$", examples=["08:00"])]
LocationId = Annotated[
    Text, Field(max_length=50, description="a consultation location (e.g. JobLokal) instead of the office")
]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class HashedAsBefore(Strict):
    """A body that gained optional fields: the idempotency store hashes its dump, so a request leaving them out
    must dump as it did before they existed, or a retry across the upgrade is refused its own key."""

    _added_optional: ClassVar[tuple[str, ...]] = ()

    @model_serializer(mode="wrap")
    def _without_unset_additions(self, handler: SerializerFunctionWrapHandler) -> dict[str, Any]:
        dumped: dict[str, Any] = handler(self)
        for name in self._added_optional:
            if dumped.get(name) is None:
                dumped.pop(name, None)
        return dumped


# --- reference data -------------------------------------------------------------------------


class OpeningHoursOut(BaseModel):
    weekday: int = Field(ge=0, le=6, description="0 = Monday … 6 = Sunday")
    opens: HHMM
    closes: HHMM = Field(description="exclusive")


class ConsultationDayOut(BaseModel):
    location_id: str
    name: str
    week_of_month: int
    weekday: int
    opens: HHMM
    closes: HHMM


class OfficeOut(BaseModel):
    office_id: str
    name: str
    district: str
    kind: str
    timezone: str = "Europe/Berlin"
    opening_hours: list[OpeningHoursOut]
    consultation_days: list[ConsultationDayOut]
    opening_hours_text: str
    programmes: list[str] | None = Field(None, description="the programmes the office offers; null: every programme")
    places: dict[str, int] = Field(default_factory=dict, description="places of the programmes with limited places")


class ProgrammeOut(BaseModel):
    program_id: str
    name: str
    caseload_ratio: int = Field(description="clients per case manager (1:n), § 44c Abs. 4 SGB II")
    contact_interval_days: int
    max_contacts_per_month: int
    duration_months: int | None
    target_groups: list[str] = Field(description="eligible target groups; empty = every client")
    description: str
    partner_employers: list[PartnerEmployerOut] = Field(default_factory=list)


class PartnerEmployerOut(BaseModel):
    employer_id: str
    name: str


class StaffIn(Strict):
    staff_id: StaffId
    office_id: OfficeId
    roles: list[Role] = Field(min_length=1, description="case_manager and/or coach")
    specialties: list[Specialty] = Field(default_factory=list)

    def to_member(self) -> StaffMember:
        return StaffMember(self.staff_id, self.office_id, frozenset(self.roles), frozenset(self.specialties))


class StaffOut(BaseModel):
    staff_id: str
    office_id: str
    roles: list[str]
    specialties: list[str]

    @classmethod
    def of(cls, member: StaffMember) -> StaffOut:
        return cls(
            staff_id=member.staff_id,
            office_id=member.office_id,
            roles=sorted(member.roles),
            specialties=sorted(member.specialties),
        )


class CaseloadOut(BaseModel):
    staff_id: str
    office_id: str
    load: int = Field(description="active cases (in coaching or ready for placement)")
    capacity: int = Field(description="the most cases any programme's ratio allows (the loosest ratio)")
    capacity_by_programme: dict[str, int] = Field(description="a client of programme P fits while load < ratio(P)")
    load_by_programme: dict[str, int]
    specialties: list[str]


# --- cases ----------------------------------------------------------------------------------


class AssignmentIn(HashedAsBefore):
    _added_optional: ClassVar[tuple[str, ...]] = ("assigned_on",)
    program_id: str | None = Field(None, description="null: derived from the client's target groups")
    assigned_on: date | None = Field(
        None,
        description="the day the case manager takes the client on (Europe/Berlin; null: today); only the "
        "journey's worker and operators: not after today, not before the registration's day",
    )

    def to_command(self) -> AssignCase:
        return AssignCase(self.program_id, self.assigned_on)


class CaseWorkerChangeIn(Strict):
    case_worker_id: StaffId
    reason: MultilineText = Field(min_length=1, max_length=500)

    def to_command(self) -> ChangeCaseWorker:
        return ChangeCaseWorker(self.case_worker_id, self.reason)


class AssignmentOut(BaseModel):
    client_id: UUID
    office_id: str
    case_worker_id: str
    program_id: str
    contact_interval_days: int
    assigned_at: datetime = Field(description="when coaching recorded the assignment")
    assigned_on: date = Field(description="the day the case manager took the client on (Europe/Berlin)")
    previous_case_worker_id: str | None = None


class ContactIn(Strict):
    channel: ContactChannel
    occurred_at: StaffMoment
    note: MultilineText | None = Field(
        None, max_length=2000, description="sealed like the plan's content; never shown in replies"
    )
    location_id: LocationId | None = None

    def to_command(self) -> RecordContact:
        return RecordContact(self.channel, self.occurred_at, self.note, self.location_id)


class ContactOut(BaseModel):
    contact_id: UUID
    client_id: UUID
    case_worker_id: str
    channel: ContactChannel
    occurred_at: datetime


class AppointmentIn(Strict):
    starts_at: StaffMoment
    duration_minutes: int = Field(ge=5, le=480)
    channel: ContactChannel
    location_id: LocationId | None = None
    notice_given_at: StaffMoment | None = Field(
        None, description="when the written notice of legal consequences (Rechtsfolgenbelehrung) was given"
    )

    def to_command(self) -> BookAppointment:
        return BookAppointment(
            self.starts_at, self.duration_minutes, self.channel, self.location_id, self.notice_given_at
        )


class AppointmentOut(BaseModel):
    appointment_id: UUID
    client_id: UUID | None = Field(description="the client; null for a group session")
    office_id: str
    staff_id: str = Field(description="the staff member who holds it (the first of a team)")
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    location_id: str | None
    kind: str = Field("individual", description="individual, team or group")
    status: str = Field("booked", description="booked or cancelled")


class ObstacleIn(Strict):
    kind: ObstacleKind
    status: ObstacleStatus = ObstacleStatus.IDENTIFIED
    note: MultilineText | None = Field(
        None, max_length=500, description="not allowed for health and addiction (GDPR Art. 9)"
    )


class CooperationPlanIn(Strict):
    obstacles: list[ObstacleIn] = Field(default_factory=list, max_length=7)
    goals: list[Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=300)]] = Field(
        default_factory=list, max_length=20
    )
    agreed_at: StaffMoment

    def to_command(self) -> AgreePlan:
        return AgreePlan([Obstacle(o.kind, o.status, o.note) for o in self.obstacles], list(self.goals), self.agreed_at)


class CooperationPlanOut(BaseModel):
    plan_id: UUID
    client_id: UUID
    case_worker_id: str
    agreed_at: datetime
    review_due: date
    goals: list[str] | None = Field(
        description="free text, shown to case managers and coaches of the client's "
        "office; null (withheld) for everyone else and in replies to writes"
    )
    obstacles: list[ObstacleIn] = Field(
        description="health and addiction obstacles and notes only for case managers "
        "and coaches of the client's office (GDPR Art. 9)"
    )


class ReadinessOut(BaseModel):
    client_id: UUID
    status: CaseStatus
    case_worker_id: str
    declared_at: datetime


class ClosureIn(Strict):
    reason: ClosureReason

    def to_command(self) -> CloseCase:
        return CloseCase(self.reason)


class ClosureOut(BaseModel):
    client_id: UUID
    status: CaseStatus
    reason: ClosureReason
    closed_at: datetime
    case_worker_id: str | None


# --- tasks ----------------------------------------------------------------------------------


class TaskIn(Strict):
    kind: TaskKind
    due_at: StaffMoment
    detail: MultilineText | None = Field(None, max_length=500, description="sealed like the plan's content")

    def to_command(self) -> RaiseTask:
        return RaiseTask(self.kind, self.due_at, self.detail)


class TaskOut(BaseModel):
    task_id: UUID
    client_id: UUID
    office_id: str
    kind: TaskKind
    status: TaskStatus
    due_at: datetime
    case_worker_id: str | None
    detail: str | None = Field(
        description="free text, shown to case managers and coaches of the client's office; "
        "null (withheld) for everyone else and in replies to writes"
    )
    created_at: datetime
    completed_at: datetime | None
    completed_by: str | None


class TaskPage(BaseModel):
    items: list[TaskOut]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")


class TakeoverPartOut(BaseModel):
    part: Literal["case_manager", "appointments", "obstacles"]
    outcome: Literal["carried", "refused"]
    reasons: list[str] = Field(description="why the rules refused it, as the office's migrated_assignment task says")


class MigratedObstaclesIn(Strict):
    """The obstacles of a migrated client's legacy record, as intake imported them (journey worker only)."""

    obstacles: list[Annotated[str, StringConstraints(min_length=1, max_length=50)]] = Field(
        max_length=20, description="kinds as imported; kinds coaching does not know are refused (not named)"
    )


class TakeoverOut(BaseModel):
    """What coaching took over of a migrated client's legacy record (for the import's report)."""

    client_id: UUID
    parts: list[TakeoverPartOut]
    recorded_at: datetime


class CaseOut(BaseModel):
    client_id: UUID
    household_id: UUID
    office_id: str
    status: CaseStatus
    case_worker_id: str | None
    program_id: str | None
    contact_interval_days: int | None
    target_groups: list[str]
    opened_at: datetime
    assigned_at: datetime | None
    assigned_on: date | None = Field(
        None, description="the day the case manager took the client on (Europe/Berlin); null while unassigned"
    )
    ready_at: datetime | None
    closed_at: datetime | None
    closure_reason: ClosureReason | None
    contacts: int
    last_contact_at: datetime | None
    plan: CooperationPlanOut | None
    open_tasks: list[TaskOut]
    appointments: list[AppointmentOut]
    migrated_obstacles: list[ObstacleKind] | None = Field(
        None,
        description="a migrated client's obstacles as imported („aus der Migration übernommen“), until the first "
        "plan is agreed: for case managers and coaches of the client's office (the read is audited); null otherwise",
    )


# --- worklists ------------------------------------------------------------------------------


class CaseListingOut(BaseModel):
    client_id: UUID
    office_id: str
    case_worker_id: str | None
    status: CaseStatus = Field(description="the case's stage")
    program_id: str | None
    last_contact_at: datetime | None
    next_due_at: datetime | None = Field(
        description="when the next contact is due (the programme's cadence after the last contact or the "
        "assignment); null for cases without a case manager"
    )
    open_task_count: int
    overdue_task_count: int = Field(description="open tasks whose due date has passed")


class CaseListingPage(BaseModel):
    items: list[CaseListingOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")


class AppointmentPage(BaseModel):
    items: list[AppointmentOut]
    next_cursor: str | None = Field(description="pass as `cursor` for the next page; null on the last page")
