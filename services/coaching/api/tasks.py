"""Coaching's HTTP routes for the case managers' tasks."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from services.coaching.api.dependencies import CoachingStaff
from services.coaching.domain.commands import FindTasks
from services.coaching.domain.model import TaskStatus
from services.coaching.schemas import TaskOut, TaskPage
from services.coaching.use_cases import tasks
from services.platform.http.fields import OfficeId, StaffId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("", response_model=TaskPage, summary="Tasks, a page at a time")
async def list_tasks(
    runtime: RuntimeDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    office_id: OfficeId | None = None,
    case_worker_id: StaffId | None = None,
    status: TaskStatus | None = None,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> TaskPage:
    """Each task's detail is shown to case managers and coaches of its office; each such read is audited."""
    query = FindTasks(office_id, case_worker_id, status, after, limit)
    async with runtime.uow.transaction() as tx:
        return await reply(TaskPage, tasks.find_tasks(tx, query, user, vault, purpose))


@router.post("/{task_id}/completion", response_model=TaskOut, summary="Complete a task")
async def complete_task(
    task_id: UUID, runtime: RuntimeDep, user: CoachingStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: reply(TaskOut, tasks.complete_task(tx, task_id, user)), 200
    )
