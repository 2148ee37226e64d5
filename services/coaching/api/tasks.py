"""Coaching's HTTP routes for the case managers' tasks."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated, TypeVar
from uuid import UUID

from fastapi import APIRouter, Query, Response

from services.coaching.api.dependencies import CoachingStaff
from services.coaching.api.worklists import staff_or_me
from services.coaching.domain.commands import FindTasks
from services.coaching.domain.model import TaskStatus
from services.coaching.schemas import TaskOut, TaskPage
from services.coaching.use_cases import tasks
from services.platform.errors import RuleViolation
from services.platform.http.fields import OfficeId, StaffId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/tasks", tags=["tasks"])
T = TypeVar("T")


class TaskState(StrEnum):
    OPEN = "open"
    OVERDUE = "overdue"


def _one(name: str, value: T | None, alias: T | None) -> T | None:
    """`assignee`/`case_worker_id` and `cursor`/`after` are two names of one parameter: give one, or both equal."""
    if value is not None and alias is not None and value != alias:
        raise RuleViolation(f"query.{name}", "differs from the parameter it stands for")
    return value if value is not None else alias


def _status(status: TaskStatus | None, state: TaskState | None) -> TaskStatus | None:
    if state is None:
        return status
    if status not in {None, TaskStatus.OPEN}:
        raise RuleViolation("query.state", "open and overdue tasks have the status open")
    return TaskStatus.OPEN


@router.get("", response_model=TaskPage, summary="Tasks, a page at a time")
async def list_tasks(
    runtime: RuntimeDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    office_id: OfficeId | None = None,
    case_worker_id: StaffId | None = None,
    assignee: Annotated[StaffId | None, Query(description="a case manager's id or `me`")] = None,
    status: TaskStatus | None = None,
    state: Annotated[TaskState | None, Query(description="open, or overdue: open and past its due date")] = None,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    cursor: Annotated[UUID | None, Query(description="the same as `after`")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> TaskPage:
    """Each task's detail is shown to case managers and coaches of its office; each such read is audited."""
    query = FindTasks(
        office_id,
        staff_or_me(_one("assignee", assignee, case_worker_id), user),
        _status(status, state),
        _one("cursor", cursor, after),
        limit,
        datetime.now(UTC) if state is TaskState.OVERDUE else None,
    )
    async with runtime.uow.transaction() as tx:
        return await reply(TaskPage, tasks.find_tasks(tx, query, user, vault, purpose))


@router.post("/{task_id}/completion", response_model=TaskOut, summary="Complete a task")
async def complete_task(
    task_id: UUID, runtime: RuntimeDep, user: CoachingStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: reply(TaskOut, tasks.complete_task(tx, task_id, user)), 200
    )
