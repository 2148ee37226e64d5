"""Look-ups several of coaching's use cases share, inside their transaction: a case within the caller's
offices, staff and their loads, the newest plan, open tasks.

`lock=True` takes row locks on PostgreSQL (SELECT … FOR UPDATE) so concurrent assignments
cannot push a case manager over the ratio; SQLite serialises writers by itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.coaching.domain.model import ACTIVE_STATUSES, CaseStatus, TaskStatus
from services.coaching.domain.staffing import CaseManagerLoad, Specialty, caseload_weight
from services.coaching.domain.worklists import next_contact_due
from services.coaching.tables import CaseRow, CooperationPlanRow, StaffRow, TaskRow, to_member
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.privacy.audit import Access


async def case_for(session: AsyncSession, client_id: UUID, by: StaffUser, lock: bool = False) -> CaseRow:
    case = await session.get(CaseRow, client_id, with_for_update=lock)
    if case is None:
        raise NotFound("case of client", client_id)
    by.require_office(case.office_id)
    return case


def keep_next_due(case: CaseRow) -> None:
    """After a contact, a hand-over or a closure: when the case's next contact is due, for the worklist."""
    case.next_contact_due_at = next_contact_due(
        CaseStatus(case.status), case.assigned_at, case.last_contact_at, case.contact_interval_days
    )


def case_access(by: StaffUser, case: CaseRow, field: str, purpose: str) -> Access:
    """A use of one of the case's sealed fields, for the audit trail."""
    return Access(by, case.client_id, case.office_id, field, purpose)


async def staff_rows(session: AsyncSession, office_ids: list[str] | None, lock: bool = False) -> list[StaffRow]:
    query = select(StaffRow).order_by(col(StaffRow.staff_id))
    if office_ids is not None:
        query = query.where(col(StaffRow.office_id).in_(office_ids))
    if lock:
        query = query.with_for_update()
    return list((await session.execute(query)).scalars())


async def loads(session: AsyncSession, staff_ids: list[str]) -> dict[str, Counter[str | None]]:
    """Active cases per case manager and programme."""
    rows = await session.execute(
        select(col(CaseRow.case_worker_id), col(CaseRow.program_id), func.count())
        .where(col(CaseRow.case_worker_id).in_(staff_ids), col(CaseRow.status).in_(list(ACTIVE_STATUSES)))
        .group_by(col(CaseRow.case_worker_id), col(CaseRow.program_id))
    )
    result: dict[str, Counter[str | None]] = {staff_id: Counter() for staff_id in staff_ids}
    for staff_id, program_id, count in rows:
        result[str(staff_id)][program_id] += int(count)
    return result


async def manager_loads(
    session: AsyncSession, office_id: str, ratio: Callable[[str | None], int], lock: bool = False
) -> list[CaseManagerLoad]:
    """The office's case managers with their current load and its weight (rows locked while assigning)."""
    managers = [to_member(r) for r in await staff_rows(session, [office_id], lock)]
    managers = [m for m in managers if m.is_case_manager]
    counted = await loads(session, [m.staff_id for m in managers])
    return [weighed(m.staff_id, m.specialties, counted[m.staff_id], ratio) for m in managers]


def weighed(
    staff_id: str, specialties: frozenset[Specialty], counts: Counter[str | None], ratio: Callable[[str | None], int]
) -> CaseManagerLoad:
    return CaseManagerLoad(staff_id, specialties, sum(counts.values()), caseload_weight(counts, ratio))


async def latest_plan(session: AsyncSession, client_id: UUID) -> CooperationPlanRow | None:
    return (
        (
            await session.execute(
                select(CooperationPlanRow)
                .where(col(CooperationPlanRow.client_id) == client_id)
                .order_by(col(CooperationPlanRow.recorded_at).desc(), col(CooperationPlanRow.plan_id).desc())
                .limit(1)
            )
        )
        .scalars()
        .first()
    )


async def open_tasks(session: AsyncSession, client_id: UUID) -> list[TaskRow]:
    return list(
        (
            await session.execute(
                select(TaskRow)
                .where(col(TaskRow.client_id) == client_id, col(TaskRow.status) == TaskStatus.OPEN)
                .order_by(col(TaskRow.due_at), col(TaskRow.task_id))
            )
        ).scalars()
    )
