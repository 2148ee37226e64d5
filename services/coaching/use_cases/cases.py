"""A case's life: opened on registration, assigned, handed over, ready for placement, closed. One transaction each."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select, update
from sqlmodel import col

from contracts.events import CaseAssignedV1, ClientRegisteredV1, ContactChannel, EmploymentEndedV1, ReadyForPlacementV1
from services.coaching import plans, store
from services.coaching.domain.model import (
    CaseStatus,
    ClosureReason,
    TaskStatus,
    check_assigned,
    check_not_closed,
)
from services.coaching.domain.programmes import Programme
from services.coaching.domain.staffing import (
    CaseManagerLoad,
    check_new_case_worker,
    check_room,
    choose_case_manager,
    needs_of,
)
from services.coaching.reference import Reference
from services.coaching.schemas import (
    AppointmentOut,
    AssignmentIn,
    AssignmentOut,
    CaseOut,
    CaseWorkerChangeIn,
    ClosureIn,
    ClosureOut,
    ReadinessOut,
)
from services.coaching.tables import AppointmentRow, AssignmentRow, CaseRow, ContactRow, StaffRow, TaskRow, utc
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def open_case(tx: Transaction, event: ClientRegisteredV1) -> None:
    """A registered client gets a case in their office, waiting for a case manager."""
    if await tx.session.get(CaseRow, event.client_id) is not None:
        return
    tx.session.add(CaseRow(client_id=event.client_id, household_id=event.household_id,
                           office_id=event.office_id, status=CaseStatus.AWAITING_ASSIGNMENT,
                           target_groups=sorted(event.target_groups), opened_at=datetime.now(UTC)))


async def assign_case(tx: Transaction, client_id: UUID, body: AssignmentIn, ref: Reference,
                      by: StaffUser) -> AssignmentOut:
    """The best-fitting case manager with room takes the case; an assigned case keeps its assignment."""
    case = await store.case_for(tx.session, client_id, by, lock=True)
    check_not_closed(CaseStatus(case.status))
    if case.case_worker_id is not None:
        return store.assignment_out(case, ref.programmes.default.contact_interval_days)
    programme = ref.programmes.choose(body.program_id, case.target_groups)
    managers = await store.manager_loads(tx.session, case.office_id, lock=True)
    chosen = choose_case_manager(managers, needs_of(case.target_groups), programme)
    return await _hand_over(tx, case, chosen.staff_id, programme, by, reason=None)


async def change_case_worker(tx: Transaction, client_id: UUID, body: CaseWorkerChangeIn, ref: Reference,
                             by: StaffUser) -> AssignmentOut:
    case = await store.case_for(tx.session, client_id, by, lock=True)
    current = check_assigned(CaseStatus(case.status), case.case_worker_id)
    programme = ref.programmes.get(case.program_id or "") or ref.programmes.default
    if body.case_worker_id == current:
        return store.assignment_out(case, programme.contact_interval_days)
    row = await tx.session.get(StaffRow, body.case_worker_id, with_for_update=True)
    member = check_new_case_worker(store.member_of(row) if row else None, case.office_id)
    load = sum((await store.loads(tx.session, [member.staff_id]))[member.staff_id].values())
    check_room(CaseManagerLoad(member.staff_id, member.specialties, load), programme)
    return await _hand_over(tx, case, member.staff_id, programme, by, reason=body.reason)


async def _hand_over(tx: Transaction, case: CaseRow, staff_id: str, programme: Programme, by: StaffUser,
                     reason: str | None) -> AssignmentOut:
    now, previous = datetime.now(UTC), case.case_worker_id
    case.case_worker_id, case.assigned_at = staff_id, now
    case.program_id, case.contact_interval_days = programme.program_id, programme.contact_interval_days
    if case.status == CaseStatus.AWAITING_ASSIGNMENT:
        case.status = CaseStatus.IN_COACHING
    await tx.session.execute(update(TaskRow).where(col(TaskRow.client_id) == case.client_id,
                                                   col(TaskRow.status) == TaskStatus.OPEN)
                             .values(case_worker_id=staff_id))
    tx.session.add(AssignmentRow(assignment_id=new_id(), client_id=case.client_id, case_worker_id=staff_id,
                                 previous_case_worker_id=previous, program_id=programme.program_id,
                                 assigned_at=now, assigned_by=by.staff_id, reason=reason))
    await tx.publish(CaseAssignedV1(client_id=case.client_id, case_worker_id=staff_id, office_id=case.office_id,
                                    program_id=programme.program_id, assigned_at=now,
                                    previous_case_worker_id=previous))
    return store.assignment_out(case, programme.contact_interval_days, previous)


async def declare_ready(tx: Transaction, client_id: UUID, by: StaffUser) -> ReadinessOut:
    """The case manager declares the client ready for placement.

    Every declaration is announced (a retry with the same Idempotency-Key is answered once): after a job
    ended, a new declaration must reach the journey even if coaching has not yet heard of the end.
    """
    case = await store.case_for(tx.session, client_id, by, lock=True)
    case_worker_id = check_assigned(CaseStatus(case.status), case.case_worker_id)
    declared_at = datetime.now(UTC)
    case.status, case.ready_at = CaseStatus.READY_FOR_PLACEMENT, declared_at
    await tx.publish(ReadyForPlacementV1(client_id=case.client_id, case_worker_id=case_worker_id,
                                         declared_at=declared_at))
    return ReadinessOut(client_id=case.client_id, status=CaseStatus.READY_FOR_PLACEMENT,
                        case_worker_id=case_worker_id, declared_at=declared_at)


async def close_case(tx: Transaction, client_id: UUID, body: ClosureIn, by: StaffUser) -> ClosureOut:
    """Closing frees the case manager's caseload slot and cancels open tasks; closing again changes nothing."""
    case = await store.case_for(tx.session, client_id, by, lock=True)
    if case.status != CaseStatus.CLOSED:
        case.status, case.closed_at, case.closure_reason = CaseStatus.CLOSED, datetime.now(UTC), body.reason
        await tx.session.execute(update(TaskRow).where(col(TaskRow.client_id) == client_id,
                                                       col(TaskRow.status) == TaskStatus.OPEN)
                                 .values(status=TaskStatus.CANCELLED))
    assert case.closed_at is not None and case.closure_reason is not None
    return ClosureOut(client_id=case.client_id, status=CaseStatus.CLOSED, reason=ClosureReason(case.closure_reason),
                      closed_at=utc(case.closed_at), case_worker_id=case.case_worker_id)


async def return_to_coaching(tx: Transaction, event: EmploymentEndedV1) -> None:
    """An employment ended: a client who was ready for placement is back in coaching (as the journey is)."""
    case = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if case is not None and case.status == CaseStatus.READY_FOR_PLACEMENT:
        case.status, case.ready_at = CaseStatus.IN_COACHING, None


async def case_view(tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories,
                    purpose: str) -> CaseOut:
    case = await store.case_for(tx.session, client_id, by)
    contacts, last_contact = (await tx.session.execute(
        select(func.count(), func.max(col(ContactRow.occurred_at))).where(col(ContactRow.client_id) == client_id)
    )).one()
    plan = await plans.plan_view(tx, case, by, vault, purpose)
    appointments = (await tx.session.execute(
        select(AppointmentRow).where(col(AppointmentRow.client_id) == client_id)
        .order_by(col(AppointmentRow.starts_at).desc()).limit(20))).scalars()
    return CaseOut(
        client_id=case.client_id, household_id=case.household_id, office_id=case.office_id,
        status=CaseStatus(case.status), case_worker_id=case.case_worker_id, program_id=case.program_id,
        contact_interval_days=case.contact_interval_days, target_groups=list(case.target_groups),
        opened_at=utc(case.opened_at), assigned_at=_utc_or_none(case.assigned_at),
        ready_at=_utc_or_none(case.ready_at), closed_at=_utc_or_none(case.closed_at),
        closure_reason=ClosureReason(case.closure_reason) if case.closure_reason else None,
        contacts=int(contacts or 0), last_contact_at=_utc_or_none(last_contact), plan=plan,
        open_tasks=[store.task_out(t) for t in await store.open_tasks(tx.session, client_id)],
        appointments=[appointment_out(a, case.office_id) for a in appointments])


def appointment_out(row: AppointmentRow, office_id: str) -> AppointmentOut:
    return AppointmentOut(appointment_id=row.appointment_id, client_id=row.client_id, office_id=office_id,
                          staff_id=row.staff_id, starts_at=utc(row.starts_at),
                          duration_minutes=row.duration_minutes, channel=ContactChannel(row.channel),
                          location_id=row.location_id)


def _utc_or_none(value: datetime | None) -> datetime | None:
    return utc(value) if value is not None else None
