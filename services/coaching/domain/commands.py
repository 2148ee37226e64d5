"""What staff and the journey ask of coaching, as the use cases take it (the routes map HTTP bodies to these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from uuid import UUID

from contracts.events import ContactChannel
from services.coaching.domain.model import ClosureReason, Obstacle, TaskKind, TaskStatus


@dataclass(frozen=True)
class AssignCase:
    program_id: str | None  # None: derived from the client's target groups
    assigned_on: date | None = None  # None: today; another day only from the journey's worker and operators


@dataclass(frozen=True)
class ChangeCaseWorker:
    case_worker_id: str
    reason: str


@dataclass(frozen=True)
class RecordContact:
    channel: ContactChannel
    occurred_at: datetime
    note: str | None  # free text: sealed like the plan's (it is where health gets described)
    location_id: str | None


@dataclass(frozen=True)
class BookAppointment:
    starts_at: datetime
    duration_minutes: int
    channel: ContactChannel
    location_id: str | None
    notice_given_at: datetime | None = None  # the written notice of legal consequences (Rechtsfolgenbelehrung)


@dataclass(frozen=True)
class AgreePlan:
    obstacles: list[Obstacle]
    goals: list[str]
    agreed_at: datetime


@dataclass(frozen=True)
class RaiseTask:
    kind: TaskKind
    due_at: datetime
    detail: str | None  # free text: sealed like the plan's


@dataclass(frozen=True)
class CloseCase:
    reason: ClosureReason


@dataclass(frozen=True)
class FindTasks:
    office_id: str | None
    case_worker_id: str | None
    status: TaskStatus | None
    after: UUID | None  # the last id of the previous page
    limit: int
    due_before: datetime | None = None  # with status open: the overdue tasks
