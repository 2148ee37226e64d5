"""What coaching's use cases hand back: a case and its parts as the caller may see them. No I/O here.

Free text and special-category data (plan goals and notes, health and addiction obstacles, task details) are
None or left out for everyone but SPECIAL_CATEGORY_READERS of the client's office, and in replies to writes.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from contracts.events import ContactChannel
from services.coaching.domain.model import CaseStatus, ClosureReason, Obstacle, ObstacleKind, TaskKind, TaskStatus


@dataclass(frozen=True)
class Assignment:
    client_id: UUID
    office_id: str
    case_worker_id: str
    program_id: str
    contact_interval_days: int
    assigned_at: datetime
    assigned_on: date
    previous_case_worker_id: str | None = None


@dataclass(frozen=True)
class Contact:
    contact_id: UUID
    client_id: UUID
    case_worker_id: str
    channel: ContactChannel
    occurred_at: datetime


@dataclass(frozen=True)
class Appointment:
    appointment_id: UUID
    client_id: UUID | None  # None for a group session (see AppointmentDetail)
    office_id: str
    staff_id: str
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    location_id: str | None
    kind: str = "individual"
    status: str = "booked"


@dataclass(frozen=True)
class CooperationPlan:
    plan_id: UUID
    client_id: UUID
    case_worker_id: str
    agreed_at: datetime
    review_due: date
    goals: list[str] | None
    obstacles: list[Obstacle]


@dataclass(frozen=True)
class Readiness:
    client_id: UUID
    status: CaseStatus
    case_worker_id: str
    declared_at: datetime


@dataclass(frozen=True)
class Closure:
    client_id: UUID
    status: CaseStatus
    reason: ClosureReason
    closed_at: datetime
    case_worker_id: str | None


@dataclass(frozen=True)
class Task:
    task_id: UUID
    client_id: UUID
    office_id: str
    kind: TaskKind
    status: TaskStatus
    due_at: datetime
    case_worker_id: str | None
    detail: str | None
    created_at: datetime
    completed_at: datetime | None
    completed_by: str | None


@dataclass(frozen=True)
class TaskPage:
    items: list[Task]
    next_cursor: str | None


@dataclass(frozen=True)
class Case:
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
    assigned_on: date | None  # the assignment's day (a demo journey dates it on its calendar), else assigned_at's
    ready_at: datetime | None
    closed_at: datetime | None
    closure_reason: ClosureReason | None
    contacts: int
    last_contact_at: datetime | None
    plan: CooperationPlan | None
    open_tasks: list[Task]
    appointments: list[Appointment]
    migrated_obstacles: list[ObstacleKind] | None = None  # as imported, until the first plan (readers only)


@dataclass(frozen=True)
class Caseload:
    """A case manager's load against the caseload ratios (Betreuungsschlüssel, § 44c Abs. 4 SGB II)."""

    staff_id: str
    office_id: str
    load: int
    capacity: int
    capacity_by_programme: Mapping[str, int]
    load_by_programme: Mapping[str, int]
    specialties: list[str]
