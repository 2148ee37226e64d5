"""Coaching's tables (its own database) and their mapping to the domain.

Moments are `UtcDateTime` columns: stored and handed back in UTC on SQLite and PostgreSQL alike.
Cooperation-plan obstacles are stored as kinds and statuses; special-category kinds never carry text.
A plan's content as agreed — every obstacle with its note, and the goals — is sealed in `sealed_content`
(AES-256-GCM, bound to the plan's id; see services.platform.privacy): health and addiction obstacles are
special-category data (GDPR Art. 9), and free text is where they get described ("referral to addiction
counselling"). Only the ordinary obstacles' kinds and statuses are kept in clear, in `obstacles`. For the
same reason a contact's note and a task's detail are sealed (`sealed_note`, `sealed_detail`); every row has a
sealed value, also without text, so an empty column tells nothing.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Column, Text, UniqueConstraint, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from contracts.events import ContactChannel
from services.coaching.domain.dating import day_of
from services.coaching.domain.model import Obstacle, ObstacleKind, ObstacleStatus, TaskKind, TaskStatus
from services.coaching.domain.programmes import DEFAULT_PROGRAMME
from services.coaching.domain.staffing import Specialty, StaffMember
from services.coaching.domain.views import Appointment, Assignment, CooperationPlan, Task
from services.platform.auth.staff import Role
from services.platform.columns import moment_field
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.person_keys import add_person_key_tables


class CoachingTable(SQLModel, registry=registry()):
    pass


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default=text("'[]'")))


def _sealed() -> Any:
    return Field(sa_column=Column(Text, nullable=False))


class CaseRow(CoachingTable, table=True):
    __tablename__ = "cases"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID
    office_id: str = Field(index=True, max_length=50)
    status: str = Field(max_length=30, index=True)
    case_worker_id: str | None = Field(default=None, max_length=100, index=True)
    opened_at: datetime = moment_field()
    target_groups: list[str] = _json_list()
    program_id: str | None = Field(default=None, max_length=30)
    contact_interval_days: int | None = None
    assigned_at: datetime | None = moment_field(nullable=True)
    # The days rules measure against (the demo dates them on its calendar): None before 0014, then the
    # registration's unknown and the assignment is `assigned_at`'s day.
    registered_on: date | None = None
    assigned_on: date | None = None
    ready_at: datetime | None = moment_field(nullable=True)
    closed_at: datetime | None = moment_field(nullable=True)
    closure_reason: str | None = Field(default=None, max_length=30)
    # Kept with each contact and hand-over, for the caseload worklist (its order and `due_before`).
    last_contact_at: datetime | None = moment_field(nullable=True)
    next_contact_due_at: datetime | None = moment_field(nullable=True, index=True)
    # What coaching knows of the age, for the programme (intake keeps the birth date): None before 0006.
    age_band: str | None = Field(default=None, max_length=20)
    turns_25_on: date | None = None


class MigratedTakeoverRow(CoachingTable, table=True):
    """What coaching took over of a migrated client's legacy record, per part (`case_manager`, `appointments`):
    [{part, outcome: carried|refused, reasons}], for the journey's worker to write into the import's report."""

    __tablename__ = "migrated_takeovers"

    client_id: UUID = Field(primary_key=True)
    parts: list[dict[str, Any]] = _json_list()
    recorded_at: datetime = moment_field()


class MigratedObstaclesRow(CoachingTable, table=True):
    """A migrated client's obstacles as imported, sealed under the person's key (MIGRATED_OBSTACLES: {"obstacles":
    [kinds]}) until the case manager agrees the first plan; then the seal is dropped (`settled_at`, the plan's id):
    what the plan holds is what was agreed with the client. No kind is kept in clear, not even the ordinary ones."""

    __tablename__ = "migrated_obstacles"

    client_id: UUID = Field(primary_key=True)
    sealed_obstacles: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    recorded_at: datetime = moment_field()
    settled_at: datetime | None = moment_field(nullable=True)
    settled_plan_id: UUID | None = None


class AssignmentRow(CoachingTable, table=True):
    """Who held the case when, and why it changed hands: the assignment history."""

    __tablename__ = "assignments"

    assignment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    previous_case_worker_id: str | None = Field(default=None, max_length=100)
    program_id: str = Field(max_length=30)
    assigned_at: datetime = moment_field()
    assigned_by: str = Field(max_length=100)
    reason: str | None = Field(default=None, max_length=500)


class StaffRow(CoachingTable, table=True):
    __tablename__ = "staff"

    staff_id: str = Field(primary_key=True, max_length=100)
    office_id: str = Field(index=True, max_length=50)
    roles: list[str] = _json_list()
    specialties: list[str] = _json_list()
    updated_at: datetime = moment_field()


class ContactRow(CoachingTable, table=True):
    __tablename__ = "contacts"

    contact_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    channel: str = Field(max_length=20)
    occurred_at: datetime = moment_field()
    sealed_note: str = _sealed()  # sealed {"note": ...}


class AppointmentRow(CoachingTable, table=True):
    """One appointment of any kind. `client_id` and `staff_id` name the one client (none for a group session)
    and the first staff member; who takes part is in `appointment_staff` and `appointment_participants`."""

    __tablename__ = "appointments"

    appointment_id: UUID = Field(primary_key=True)
    client_id: UUID | None = Field(default=None, foreign_key="cases.client_id", index=True)
    staff_id: str = Field(max_length=100, index=True)
    starts_at: datetime = moment_field(index=True)
    duration_minutes: int
    channel: str = Field(max_length=20)
    location_id: str | None = Field(default=None, max_length=50)
    booked_at: datetime = moment_field()
    office_id: str = Field(max_length=50, index=True)
    kind: str = Field(default="individual", max_length=20)
    status: str = Field(default="booked", max_length=20)
    room_id: str | None = Field(default=None, max_length=50)
    capacity: int | None = None
    series_id: UUID | None = Field(default=None, index=True)
    sequence: int = 0
    cancelled_at: datetime | None = moment_field(nullable=True)
    cancellation_reason: str | None = Field(default=None, max_length=30)
    reschedule_reason: str | None = Field(default=None, max_length=30)


class AppointmentStaffRow(CoachingTable, table=True):
    __tablename__ = "appointment_staff"

    appointment_id: UUID = Field(foreign_key="appointments.appointment_id", primary_key=True)
    staff_id: str = Field(max_length=100, primary_key=True, index=True)


class AppointmentParticipantRow(CoachingTable, table=True):
    """A client's invitation to an appointment and, afterwards, their attendance. The written notice of legal
    consequences (Rechtsfolgenbelehrung) is recorded with the moment it was given."""

    __tablename__ = "appointment_participants"

    appointment_id: UUID = Field(foreign_key="appointments.appointment_id", primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", primary_key=True, index=True)
    invited_at: datetime = moment_field()
    notice_given_at: datetime | None = moment_field(nullable=True)
    attendance: str | None = Field(default=None, max_length=20)
    # An excused absence's reason code, sealed {"reason": ...}: "incapacity_certified" is data concerning health
    # (GDPR Art. 9), and each excused row has a sealed value whatever its code, so the column tells nothing.
    sealed_excuse_reason: str | None = Field(default=None, sa_column=Column(Text, nullable=True))
    attendance_recorded_at: datetime | None = moment_field(nullable=True)
    attendance_recorded_by: str | None = Field(default=None, max_length=100)


class AppointmentSeriesRow(CoachingTable, table=True):
    """A weekly series (a cohort's sessions); its occurrences are appointments with its `series_id`."""

    __tablename__ = "appointment_series"

    series_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    first_starts_at: datetime = moment_field()
    until: date
    cancelled_from: date | None = None
    cancellation_reason: str | None = Field(default=None, max_length=30)
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)


class AppointmentReminderRow(CoachingTable, table=True):
    """A reminder raised: a task for a staff member or a message to a client; once per recipient."""

    __tablename__ = "appointment_reminders"
    __table_args__ = (UniqueConstraint("appointment_id", "recipient", "recipient_id"),)

    reminder_id: UUID = Field(primary_key=True)
    appointment_id: UUID = Field(foreign_key="appointments.appointment_id", index=True)
    recipient: str = Field(max_length=10)
    recipient_id: str = Field(max_length=100, index=True)
    due_at: datetime = moment_field()
    raised_at: datetime = moment_field()


class CalendarFeedRow(CoachingTable, table=True):
    """A staff member's calendar feed token, kept as its SHA-256 only; issuing a new one revokes the old."""

    __tablename__ = "calendar_feeds"

    staff_id: str = Field(primary_key=True, max_length=100)
    token_sha256: str = Field(max_length=64, unique=True)
    issued_at: datetime = moment_field()


class RoomLockRow(CoachingTable, table=True):
    """One row per room (or consultation location) ever booked: a booking writes it first, so bookings of
    the same room wait for each other and each sees the other's appointment (no double booking of a room)."""

    __tablename__ = "room_locks"

    room_key: str = Field(primary_key=True, max_length=80)
    locked_at: datetime = moment_field()


class TaskRow(CoachingTable, table=True):
    __tablename__ = "tasks"

    task_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    office_id: str = Field(index=True, max_length=50)
    case_worker_id: str | None = Field(default=None, max_length=100, index=True)
    kind: str = Field(max_length=30)
    status: str = Field(max_length=20, index=True)
    due_at: datetime = moment_field()
    sealed_detail: str = _sealed()  # sealed {"detail": ...}
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)
    completed_at: datetime | None = moment_field(nullable=True)
    completed_by: str | None = Field(default=None, max_length=100)


class CooperationPlanRow(CoachingTable, table=True):
    """One agreement (or review) of the cooperation plan (Kooperationsplan, § 15 SGB II); the newest counts."""

    __tablename__ = "cooperation_plans"

    plan_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    agreed_at: datetime = moment_field()
    review_due: date
    obstacles: list[dict[str, Any]] = _json_list()  # ordinary kinds and statuses only
    sealed_content: str = _sealed()  # sealed {"obstacles": [...], "goals": [...]}
    recorded_at: datetime = moment_field()


class ParticipationRow(CoachingTable, table=True):
    """A client's participation in a programme (domain/participations.py); `ended_on` null while current."""

    __tablename__ = "participations"

    participation_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    program_id: str = Field(max_length=30)
    office_id: str = Field(max_length=50)
    started_on: date
    planned_end_on: date | None = None
    ended_on: date | None = None
    end_reason: str | None = Field(default=None, max_length=30)
    transferred_from: UUID | None = None
    started_by: str = Field(max_length=100)
    ended_by: str | None = Field(default=None, max_length=100)
    recorded_at: datetime = moment_field()


class CohortRow(CoachingTable, table=True):
    """A cohort of a programme with a duration (domain/cohorts.py); its sessions are the series `series_id`."""

    __tablename__ = "cohorts"

    cohort_id: UUID = Field(primary_key=True)
    program_id: str = Field(max_length=30)
    office_id: str = Field(max_length=50, index=True)
    name: str = Field(max_length=100)
    starts_on: date
    ends_on: date
    room_id: str = Field(max_length=50)
    capacity: int
    status: str = Field(default="open", max_length=20)
    series_id: UUID | None = Field(default=None, foreign_key="appointment_series.series_id")
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)
    closed_at: datetime | None = moment_field(nullable=True)


class CohortMemberRow(CoachingTable, table=True):
    """A participation that belongs to a cohort, the childcare arranged for it (personal data: read within the
    office only) and its outcome at the end."""

    __tablename__ = "cohort_members"
    __table_args__ = (UniqueConstraint("participation_id"),)

    cohort_id: UUID = Field(foreign_key="cohorts.cohort_id", primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", primary_key=True, index=True)
    participation_id: UUID = Field(foreign_key="participations.participation_id")
    joined_on: date
    childcare: dict[str, Any] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    outcome: str | None = Field(default=None, max_length=20)
    outcome_on: date | None = None
    outcome_recorded_by: str | None = Field(default=None, max_length=100)


class ReferralRow(CoachingTable, table=True):
    """A § 16a referral (domain/referrals.py). Its kind, provider and note are sealed for every referral, so no
    clear column tells Nr. 3/4 (health, addiction) from Nr. 1/2; statuses and dates are in clear."""

    __tablename__ = "referrals"

    referral_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    office_id: str = Field(max_length=50, index=True)
    status: str = Field(max_length=30)
    history: list[dict[str, Any]] = _json_list()  # [{"status", "on", "by"}], oldest first
    follow_up_on: date | None = None
    follow_up_task_id: UUID | None = None
    consent_given_on: date | None = None
    sealed_details: str = _sealed()  # sealed {"kind", "provider_id", "provider_name", "note"}
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)


class OfficeClosureRow(CoachingTable, table=True):
    """An office closed for a period (domain/closures.py): why, which office stands in, the hours it reopens with,
    and what moving its appointments did (how many moved, which found no slot)."""

    __tablename__ = "office_closures"

    closure_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    starts_on: date
    ends_on: date
    reason: str = Field(max_length=200)
    substitute_office_id: str = Field(max_length=50)
    reopening_hours: list[dict[str, Any]] | None = Field(default=None, sa_column=Column(JSON, nullable=True))
    moved_appointments: int = 0
    unmoved_appointments: list[str] = Field(default_factory=list, sa_column=Column(JSON, nullable=False))
    # Which appointments moved, so the closure can list them (0010_closure_moved_ids).
    moved_appointment_ids: list[str] = Field(
        default_factory=list, sa_column=Column(JSON, nullable=False, server_default="[]")
    )
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)


metadata = CoachingTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
person_keys = add_person_key_tables(metadata)
# The sealed fields: audit names and associated data.
PLAN_CONTENT = "cooperation_plans.sealed_content"
CONTACT_NOTE = "contacts.sealed_note"
TASK_DETAIL = "tasks.sealed_detail"
EXCUSE_REASON = "appointment_participants.sealed_excuse_reason"
REFERRAL_DETAILS = "referrals.sealed_details"
MIGRATED_OBSTACLES = "migrated_obstacles.sealed_obstacles"


def to_member(row: StaffRow) -> StaffMember:
    return StaffMember(
        row.staff_id,
        row.office_id,
        frozenset(Role(r) for r in row.roles),
        frozenset(Specialty(s) for s in row.specialties),
    )


def to_assignment(case: CaseRow, programme_interval: int, previous: str | None = None) -> Assignment:
    assert case.case_worker_id is not None and case.assigned_at is not None
    return Assignment(
        client_id=case.client_id,
        office_id=case.office_id,
        case_worker_id=case.case_worker_id,
        program_id=case.program_id or DEFAULT_PROGRAMME,
        contact_interval_days=case.contact_interval_days or programme_interval,
        assigned_at=case.assigned_at,
        assigned_on=case.assigned_on or day_of(case.assigned_at),
        previous_case_worker_id=previous,
    )


def to_appointment(row: AppointmentRow, office_id: str | None = None) -> Appointment:
    return Appointment(
        appointment_id=row.appointment_id,
        client_id=row.client_id,
        office_id=office_id or row.office_id,
        staff_id=row.staff_id,
        starts_at=row.starts_at,
        duration_minutes=row.duration_minutes,
        channel=ContactChannel(row.channel),
        location_id=row.location_id,
        kind=row.kind,
        status=row.status,
    )


def to_task(row: TaskRow, detail: str | None) -> Task:
    return Task(
        task_id=row.task_id,
        client_id=row.client_id,
        office_id=row.office_id,
        kind=TaskKind(row.kind),
        status=TaskStatus(row.status),
        due_at=row.due_at,
        case_worker_id=row.case_worker_id,
        detail=detail,
        created_at=row.created_at,
        completed_at=row.completed_at,
        completed_by=row.completed_by,
    )


def to_plan(row: CooperationPlanRow, obstacles: list[Obstacle], goals: list[str] | None) -> CooperationPlan:
    return CooperationPlan(
        plan_id=row.plan_id,
        client_id=row.client_id,
        case_worker_id=row.case_worker_id,
        agreed_at=row.agreed_at,
        review_due=row.review_due,
        goals=goals,
        obstacles=obstacles,
    )


def obstacle_from_data(data: dict[str, Any]) -> Obstacle:
    return Obstacle(ObstacleKind(data["kind"]), ObstacleStatus(data["status"]), data.get("note"))


def obstacle_data(obstacle: Obstacle) -> dict[str, Any]:
    return {"kind": obstacle.kind.value, "status": obstacle.status.value, "note": obstacle.note}
