"""Reading coaching's tables inside a use case's transaction, and shaping rows into replies.

`lock=True` takes row locks on PostgreSQL (SELECT … FOR UPDATE) so concurrent assignments
cannot push a case manager over the ratio; SQLite serialises writers by itself.
"""

from __future__ import annotations

from collections import Counter
from uuid import UUID

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.coaching.domain.model import ACTIVE_STATUSES
from services.coaching.domain.programmes import DEFAULT_PROGRAMME
from services.coaching.domain.staffing import CaseManagerLoad, Specialty, StaffMember
from services.coaching.schemas import AssignmentOut, StaffOut, TaskOut
from services.coaching.tables import CaseRow, CooperationPlanRow, StaffRow, TaskRow, utc
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import NotFound, NotPermitted


async def case_for(session: AsyncSession, client_id: UUID, by: StaffUser, lock: bool = False) -> CaseRow:
    case = await session.get(CaseRow, client_id, with_for_update=lock)
    if case is None:
        raise NotFound("case of client", client_id)
    check_office(by, case.office_id)
    return case


def check_office(by: StaffUser, office_id: str) -> None:
    if not by.may_act_for(office_id):
        raise NotPermitted(f"not authorised for office '{office_id}'")


def member_of(row: StaffRow) -> StaffMember:
    return StaffMember(row.staff_id, row.office_id, frozenset(Role(r) for r in row.roles),
                       frozenset(Specialty(s) for s in row.specialties))


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
        .group_by(col(CaseRow.case_worker_id), col(CaseRow.program_id)))
    result: dict[str, Counter[str | None]] = {staff_id: Counter() for staff_id in staff_ids}
    for staff_id, program_id, count in rows:
        result[str(staff_id)][program_id] += int(count)
    return result


async def manager_loads(session: AsyncSession, office_id: str, lock: bool = False) -> list[CaseManagerLoad]:
    """The office's case managers with their current load (rows locked while assigning)."""
    managers = [member_of(r) for r in await staff_rows(session, [office_id], lock)]
    managers = [m for m in managers if m.is_case_manager]
    counted = await loads(session, [m.staff_id for m in managers])
    return [CaseManagerLoad(m.staff_id, m.specialties, sum(counted[m.staff_id].values())) for m in managers]


async def latest_plan(session: AsyncSession, client_id: UUID) -> CooperationPlanRow | None:
    return (await session.execute(
        select(CooperationPlanRow).where(col(CooperationPlanRow.client_id) == client_id)
        .order_by(col(CooperationPlanRow.recorded_at).desc(), col(CooperationPlanRow.plan_id).desc()).limit(1)
    )).scalars().first()


async def open_tasks(session: AsyncSession, client_id: UUID) -> list[TaskRow]:
    return list((await session.execute(
        select(TaskRow).where(col(TaskRow.client_id) == client_id, col(TaskRow.status) == "open")
        .order_by(col(TaskRow.due_at), col(TaskRow.task_id)))).scalars())


def assignment_out(case: CaseRow, programme_interval: int, previous: str | None = None) -> AssignmentOut:
    assert case.case_worker_id is not None and case.assigned_at is not None
    return AssignmentOut(client_id=case.client_id, office_id=case.office_id, case_worker_id=case.case_worker_id,
                         program_id=case.program_id or DEFAULT_PROGRAMME,
                         contact_interval_days=case.contact_interval_days or programme_interval,
                         assigned_at=utc(case.assigned_at), previous_case_worker_id=previous)


def task_out(row: TaskRow) -> TaskOut:
    return TaskOut.model_validate({
        **row.model_dump(), "due_at": utc(row.due_at), "created_at": utc(row.created_at),
        "completed_at": utc(row.completed_at) if row.completed_at else None})


def staff_out(row: StaffRow) -> StaffOut:
    return StaffOut(staff_id=row.staff_id, office_id=row.office_id, roles=list(row.roles),
                    specialties=list(row.specialties))
