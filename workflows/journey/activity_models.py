"""Inputs and results of the journey's activities: pure models the workflow sandbox may import.

Every request carries its `idempotency_key` (workflow id, first run id and step; never the
attempt), so a retried activity repeats the same request and the service answers it once.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict

# Activity names, so the workflow can call them without importing the HTTP clients.
ASSIGN_CASE_MANAGER = "assign_case_manager"
RAISE_TASK = "raise_task"
CLOSE_CASE = "close_case"
CHANGE_CASE_WORKER = "change_case_worker"
REQUEST_CONTINUATION_CHECK = "request_continuation_check"
CARRY_MIGRATION = "carry_migration"

TaskKind = Literal["contact_overdue", "plan_review", "programme_end", "post_hire_contact", "job_at_risk"]


class _Reply(BaseModel):
    model_config = ConfigDict(extra="ignore")


class AssignCase(BaseModel):
    client_id: UUID
    program_id: str | None = None
    idempotency_key: str
    assigned_on: date | None = None  # the demo's calendar day (`dating.py`); None: coaching dates it today


class CaseAssignment(_Reply):
    client_id: UUID
    case_worker_id: str
    program_id: str | None = None
    contact_interval_days: int
    assigned_at: datetime | None = None
    assigned_on: date | None = None  # the day coaching dated it (older coaching: absent)


class RaiseTask(BaseModel):
    client_id: UUID
    kind: TaskKind
    due_at: datetime
    detail: str | None = None
    idempotency_key: str


class RaisedTask(_Reply):
    task_id: UUID
    kind: str
    status: str
    due_at: datetime
    case_worker_id: str | None = None


class CloseCase(BaseModel):
    client_id: UUID
    reason: str
    idempotency_key: str


class ChangeCaseWorker(BaseModel):
    client_id: UUID
    case_worker_id: str
    reason: str
    idempotency_key: str


class RequestContinuationCheck(BaseModel):
    employment_id: UUID
    month: date
    idempotency_key: str


class ContinuationCheck(_Reply):
    check_id: UUID
    employment_id: UUID
    month: date
    status: str


class CarryMigration(BaseModel):
    """Carry a migrated client's legacy record into coaching and benefits and report back to intake. Ids only:
    the obstacles and the household travel between the services inside the activity, never through the workflow's
    history."""

    client_id: UUID
    idempotency_key: str


class CarriedPart(BaseModel):
    part: Literal["case_manager", "appointments", "obstacles", "household"]
    outcome: Literal["carried", "refused"]


class MigrationCarried(BaseModel):
    """What came of each part, as intake's import report now shows it (the reasons stay in the services)."""

    client_id: UUID
    parts: list[CarriedPart]
