"""A case's life: opened on registration, assigned, handed over, ready for placement, closed. One transaction each."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import func, select, update
from sqlmodel import col

from contracts.events import CaseAssignedV1, ClientRegisteredV1, EmploymentEndedV1, ReadyForPlacementV1
from services.coaching.domain.commands import AssignCase, ChangeCaseWorker, CloseCase
from services.coaching.domain.dating import assignment_day, check_assigned_on, registration_day
from services.coaching.domain.model import CaseStatus, ClosureReason, TaskStatus, check_assigned, check_not_closed
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.programmes import Programme, under_25_on
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import (
    check_new_case_worker,
    check_room,
    choose_case_manager,
    needs_of,
)
from services.coaching.domain.views import Assignment, Case, Closure, Readiness
from services.coaching.tables import (
    AppointmentRow,
    AssignmentRow,
    CaseRow,
    ContactRow,
    StaffRow,
    TaskRow,
    to_appointment,
    to_assignment,
    to_member,
)
from services.coaching.use_cases import migrated_obstacles, participation_records, plans
from services.coaching.use_cases.lookups import case_for, keep_next_due, loads, manager_loads, open_tasks, weighed
from services.coaching.use_cases.tasks import tasks_as_seen
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def open_case(tx: Transaction, event: ClientRegisteredV1) -> None:
    """A registered client gets a case in their office, waiting for a case manager."""
    if await tx.session.get(CaseRow, event.client_id) is not None:
        return
    tx.session.add(
        CaseRow(
            client_id=event.client_id,
            household_id=event.household_id,
            office_id=event.office_id,
            status=CaseStatus.AWAITING_ASSIGNMENT,
            target_groups=sorted(event.target_groups),
            opened_at=datetime.now(UTC),
            age_band=event.age_band,
            turns_25_on=event.turns_25_on,
            registered_on=registration_day(event.registered_on, event.registered_at),
        )
    )


async def assign_case(tx: Transaction, client_id: UUID, cmd: AssignCase, ref: Reference, by: StaffUser) -> Assignment:
    """The best-fitting case manager with room takes the case; an assigned case keeps its assignment.
    `cmd.assigned_on` (the caller may give it: see the route) dates it, else today."""
    case = await case_for(tx.session, client_id, by, lock=True)
    check_not_closed(CaseStatus(case.status))
    if case.case_worker_id is not None:
        return to_assignment(case, ref.programmes.default.contact_interval_days)
    today = datetime.now(BERLIN).date()
    day = check_assigned_on(cmd.assigned_on, today, case.registered_on) if cmd.assigned_on else today
    office = ref.offices.get(case.office_id)
    under_25 = under_25_on(case.age_band, case.turns_25_on, day)
    offered = office.programmes if office is not None else None
    programme = ref.programmes.choose(cmd.program_id, case.target_groups, under_25, offered)
    managers = await manager_loads(tx.session, case.office_id, ref.programmes.ratio, lock=True)
    chosen = choose_case_manager(managers, needs_of(case.target_groups), programme)
    return await hand_over(tx, case, chosen.staff_id, programme, by, reason=None, on=day)


async def change_case_worker(
    tx: Transaction, client_id: UUID, cmd: ChangeCaseWorker, ref: Reference, by: StaffUser
) -> Assignment:
    case = await case_for(tx.session, client_id, by, lock=True)
    current = check_assigned(CaseStatus(case.status), case.case_worker_id)
    programme = ref.programmes.get(case.program_id or "") or ref.programmes.default
    if cmd.case_worker_id == current:
        return to_assignment(case, programme.contact_interval_days)
    row = await tx.session.get(StaffRow, cmd.case_worker_id, with_for_update=True)
    member = check_new_case_worker(to_member(row) if row else None, case.office_id)
    counts = (await loads(tx.session, [member.staff_id]))[member.staff_id]
    check_room(weighed(member.staff_id, member.specialties, counts, ref.programmes.ratio), programme)
    return await hand_over(tx, case, member.staff_id, programme, by, reason=cmd.reason, on=_today_after(case))


def _today_after(case: CaseRow) -> date:
    """Today, or the current assignment's day when that lies later (a hand-over at a participation dated ahead)."""
    today, current = datetime.now(BERLIN).date(), assignment_day(case.assigned_on, case.assigned_at)
    return max(today, current) if current is not None else today


async def hand_over(
    tx: Transaction,
    case: CaseRow,
    staff_id: str,
    programme: Programme,
    by: StaffUser,
    reason: str | None,
    on: date,
) -> Assignment:
    """`on`: the day the case manager takes the case on (the assignment's, the participation's), never after today:
    a participation planned to start, or an outcome recorded for a day, later than today hands the case over today
    (a later enrolment today would otherwise lie "before the assignment"); `assigned_at` is when coaching recorded
    it."""
    now, previous = datetime.now(UTC), case.case_worker_id
    on = min(on, now.astimezone(BERLIN).date())
    case.case_worker_id, case.assigned_at, case.assigned_on = staff_id, now, on
    case.program_id, case.contact_interval_days = programme.program_id, programme.contact_interval_days
    if case.status == CaseStatus.AWAITING_ASSIGNMENT:
        case.status = CaseStatus.IN_COACHING
    keep_next_due(case)
    await tx.session.execute(
        update(TaskRow)
        .where(col(TaskRow.client_id) == case.client_id, col(TaskRow.status) == TaskStatus.OPEN)
        .values(case_worker_id=staff_id)
    )
    tx.session.add(
        AssignmentRow(
            assignment_id=new_id(),
            client_id=case.client_id,
            case_worker_id=staff_id,
            previous_case_worker_id=previous,
            program_id=programme.program_id,
            assigned_at=now,
            assigned_by=by.staff_id,
            reason=reason,
        )
    )
    await tx.publish(
        CaseAssignedV1(
            client_id=case.client_id,
            case_worker_id=staff_id,
            office_id=case.office_id,
            program_id=programme.program_id,
            assigned_at=now,
            previous_case_worker_id=previous,
            assigned_on=on,
        )
    )
    return to_assignment(case, programme.contact_interval_days, previous)


async def declare_ready(tx: Transaction, client_id: UUID, by: StaffUser) -> Readiness:
    """The case manager declares the client ready for placement.

    Every declaration is announced (a retry with the same Idempotency-Key is answered once): after a job
    ended, a new declaration must reach the journey even if coaching has not yet heard of the end.
    """
    case = await case_for(tx.session, client_id, by, lock=True)
    case_worker_id = check_assigned(CaseStatus(case.status), case.case_worker_id)
    declared_at = datetime.now(UTC)
    case.status, case.ready_at = CaseStatus.READY_FOR_PLACEMENT, declared_at
    await tx.publish(
        ReadyForPlacementV1(client_id=case.client_id, case_worker_id=case_worker_id, declared_at=declared_at)
    )
    return Readiness(
        client_id=case.client_id,
        status=CaseStatus.READY_FOR_PLACEMENT,
        case_worker_id=case_worker_id,
        declared_at=declared_at,
    )


async def close_case(tx: Transaction, client_id: UUID, cmd: CloseCase, ref: Reference, by: StaffUser) -> Closure:
    """Closing frees the case manager's caseload slot and the programme's place, cancels open tasks; closing again
    changes nothing."""
    case = await case_for(tx.session, client_id, by, lock=True)
    if case.status != CaseStatus.CLOSED:
        await participation_records.end_with_case(tx, case, ref, by)
        case.status, case.closed_at, case.closure_reason = CaseStatus.CLOSED, datetime.now(UTC), cmd.reason
        keep_next_due(case)
        await tx.session.execute(
            update(TaskRow)
            .where(col(TaskRow.client_id) == client_id, col(TaskRow.status) == TaskStatus.OPEN)
            .values(status=TaskStatus.CANCELLED)
        )
    assert case.closed_at is not None and case.closure_reason is not None
    return Closure(
        client_id=case.client_id,
        status=CaseStatus.CLOSED,
        reason=ClosureReason(case.closure_reason),
        closed_at=case.closed_at,
        case_worker_id=case.case_worker_id,
    )


async def return_to_coaching(tx: Transaction, event: EmploymentEndedV1) -> None:
    """An employment ended: a client who was ready for placement is back in coaching (as the journey is)."""
    case = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if case is not None and case.status == CaseStatus.READY_FOR_PLACEMENT:
        case.status, case.ready_at = CaseStatus.IN_COACHING, None


async def case_view(tx: Transaction, client_id: UUID, by: StaffUser, vault: SpecialCategories, purpose: str) -> Case:
    case = await case_for(tx.session, client_id, by)
    contacts, last_contact = (
        await tx.session.execute(
            select(func.count(), func.max(col(ContactRow.occurred_at))).where(col(ContactRow.client_id) == client_id)
        )
    ).one()
    appointments = (
        await tx.session.execute(
            select(AppointmentRow)
            .where(col(AppointmentRow.client_id) == client_id)
            .order_by(col(AppointmentRow.starts_at).desc())
            .limit(20)
        )
    ).scalars()
    return Case(
        client_id=case.client_id,
        household_id=case.household_id,
        office_id=case.office_id,
        status=CaseStatus(case.status),
        case_worker_id=case.case_worker_id,
        program_id=case.program_id,
        contact_interval_days=case.contact_interval_days,
        target_groups=list(case.target_groups),
        opened_at=case.opened_at,
        assigned_at=case.assigned_at,
        assigned_on=assignment_day(case.assigned_on, case.assigned_at),
        ready_at=case.ready_at,
        closed_at=case.closed_at,
        closure_reason=ClosureReason(case.closure_reason) if case.closure_reason else None,
        contacts=int(contacts or 0),
        last_contact_at=last_contact,
        plan=await plans.plan_view(tx, case, by, vault, purpose),
        open_tasks=await tasks_as_seen(tx, await open_tasks(tx.session, client_id), by, vault, purpose),
        appointments=[to_appointment(a, case.office_id) for a in appointments],
        migrated_obstacles=await migrated_obstacles.imported_obstacles(tx, case, by, vault, purpose),
    )
