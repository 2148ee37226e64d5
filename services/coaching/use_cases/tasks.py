"""Tasks for case managers (contact overdue, plan review): raised, listed, completed. One transaction each.

A task's detail is free text: sealed like the plan's content, shown only to SPECIAL_CATEGORY_READERS of the
client's office (each such read audited), and left out of replies to writes, which are kept for retries.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.coaching.domain.commands import FindTasks, RaiseTask
from services.coaching.domain.model import CaseStatus, TaskStatus, check_completable, check_not_closed
from services.coaching.domain.views import Task, TaskPage
from services.coaching.tables import TASK_DETAIL, TaskRow, to_task
from services.coaching.use_cases.lookups import case_access, case_for
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.privacy.audit import Access
from services.platform.privacy.vault import Sealed, SpecialCategories
from services.platform.unit_of_work import Transaction


async def raise_task(
    tx: Transaction, client_id: UUID, cmd: RaiseTask, by: StaffUser, vault: SpecialCategories, purpose: str
) -> Task:
    """A task for the case's case manager, e.g. raised by the journey when a contact is overdue."""
    case = await case_for(tx.session, client_id, by)
    check_not_closed(CaseStatus(case.status))
    task_id = new_id()
    sealed = await vault.seal(tx.session, case_access(by, case, TASK_DETAIL, purpose), task_id, {"detail": cmd.detail})
    row = TaskRow(
        task_id=task_id,
        client_id=client_id,
        office_id=case.office_id,
        case_worker_id=case.case_worker_id,
        kind=cmd.kind,
        status=TaskStatus.OPEN,
        due_at=cmd.due_at,
        sealed_detail=sealed,
        created_at=datetime.now(UTC),
        created_by=by.staff_id,
    )
    tx.session.add(row)
    return to_task(row, detail=None)


async def find_tasks(
    tx: Transaction, query: FindTasks, by: StaffUser, vault: SpecialCategories, purpose: str
) -> TaskPage:
    """Tasks in creation order (ids are UUIDv7), a page at a time; `after` is the last id of the previous page."""
    select_tasks = select(TaskRow).order_by(col(TaskRow.task_id)).limit(query.limit + 1)
    if (offices := by.visible_offices(query.office_id)) is not None:
        select_tasks = select_tasks.where(col(TaskRow.office_id).in_(sorted(offices)))
    if query.case_worker_id is not None:
        select_tasks = select_tasks.where(col(TaskRow.case_worker_id) == query.case_worker_id)
    if query.status is not None:
        select_tasks = select_tasks.where(col(TaskRow.status) == query.status)
    if query.due_before is not None:
        select_tasks = select_tasks.where(col(TaskRow.due_at) < query.due_before)
    if query.after is not None:
        select_tasks = select_tasks.where(col(TaskRow.task_id) > query.after)
    rows = list((await tx.session.execute(select_tasks)).scalars())
    page = rows[: query.limit]
    return TaskPage(
        items=await tasks_as_seen(tx, page, by, vault, purpose),
        next_cursor=str(page[-1].task_id) if len(rows) > query.limit else None,
    )


async def tasks_as_seen(
    tx: Transaction, rows: list[TaskRow], by: StaffUser, vault: SpecialCategories, purpose: str
) -> list[Task]:
    """The tasks with their details for the readers of each task's office (every read audited, in one insert)."""
    sealed = [
        Sealed(Access(by, r.client_id, r.office_id, TASK_DETAIL, purpose), r.task_id, r.sealed_detail) for r in rows
    ]
    revealed = await vault.reveal_all(tx.session, sealed)
    return [to_task(row, found["detail"] if found else None) for row, found in zip(rows, revealed, strict=True)]


async def complete_task(tx: Transaction, task_id: UUID, by: StaffUser) -> Task:
    """Mark a task done; completing it again changes nothing."""
    row = await tx.session.get(TaskRow, task_id, with_for_update=True)
    if row is None:
        raise NotFound("task", task_id)
    by.require_office(row.office_id)
    check_completable(TaskStatus(row.status))
    if row.status == TaskStatus.OPEN:
        row.status, row.completed_at, row.completed_by = TaskStatus.DONE, datetime.now(UTC), by.staff_id
    return to_task(row, detail=None)
