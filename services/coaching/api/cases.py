"""Coaching's HTTP routes for cases and tasks: parse, call a use case, shape the reply.

Endpoints the journey worker calls ([W] in the spec) admit the `journey_worker` role as well.
"""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from services.coaching import plans, records, use_cases
from services.coaching.domain.model import TaskStatus
from services.coaching.reference import Reference
from services.coaching.schemas import (
    AppointmentIn,
    AppointmentOut,
    AssignmentIn,
    AssignmentOut,
    CaseOut,
    CaseWorkerChangeIn,
    ClosureIn,
    ClosureOut,
    ContactIn,
    ContactOut,
    CooperationPlanIn,
    CooperationPlanOut,
    ReadinessOut,
    TaskIn,
    TaskOut,
    TaskPage,
)
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep


def reference(request: Request) -> Reference:
    ref: Reference = request.app.state.reference
    return ref


ReferenceDep = Annotated[Reference, Depends(reference)]
CoachingStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH))]
StaffOrWorker = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.JOURNEY_WORKER))]
# Reading a case: also placement officers, who match the client to vacancies (health and addiction left out).
CaseReader = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.JOURNEY_WORKER,
                                                        Role.PLACEMENT_OFFICER))]

router = APIRouter(prefix="/cases", tags=["cases"])
tasks_router = APIRouter(prefix="/tasks", tags=["tasks"])


@router.get("/{client_id}", response_model=CaseOut, summary="A client's case")
async def get_case(client_id: UUID, runtime: RuntimeDep, user: CaseReader, vault: SpecialCategoriesDep,
                   purpose: Purpose) -> CaseOut:
    """Status, case manager, programme, the current cooperation plan and open tasks. The plan as agreed —
    health and addiction obstacles (GDPR Art. 9), notes and goals — is shown to case managers and coaches of
    the client's office, and each such read is audited; everyone else sees the ordinary obstacles' kinds and
    statuses (`goals` null)."""
    async with runtime.uow.transaction() as tx:
        return await use_cases.case_view(tx, client_id, user, vault, purpose)


@router.post("/{client_id}/assignment", response_model=AssignmentOut, summary="Assign a case manager")
async def assign(client_id: UUID, body: AssignmentIn, runtime: RuntimeDep, ref: ReferenceDep, user: StaffOrWorker,
                 idempotency_key: IdempotencyKey = None) -> Response:
    """The office's best-fitting case manager with room under the programme's caseload ratio takes the case.
    An assigned case returns its assignment (no new event). 404 until the registration arrived; 409
    `no-capacity` when nobody has room. Emits `case_assigned.v1`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: use_cases.assign_case(tx, client_id, body, ref, user), 200)


@router.put("/{client_id}/case-worker", response_model=AssignmentOut, summary="Hand the case to another manager")
async def change_case_worker(client_id: UUID, body: CaseWorkerChangeIn, runtime: RuntimeDep, ref: ReferenceDep,
                             user: StaffOrWorker, idempotency_key: IdempotencyKey = None) -> Response:
    """422 naming `case_worker_id` for an unknown person, another office or no case manager; 409 when they
    have no room. Emits `case_assigned.v1` with `previous_case_worker_id`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: use_cases.change_case_worker(tx, client_id, body, ref, user), 200)


@router.post("/{client_id}/contacts", status_code=201, response_model=ContactOut, summary="Record a contact")
async def record_contact(client_id: UUID, body: ContactIn, runtime: RuntimeDep, ref: ReferenceDep,
                         user: CoachingStaff, idempotency_key: IdempotencyKey = None) -> Response:
    """In person only inside the office's opening hours. Emits `contact_recorded.v1`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: records.record_contact(tx, client_id, body, ref, user))


@router.post("/{client_id}/appointments", status_code=201, response_model=AppointmentOut,
             summary="Book an appointment")
async def book_appointment(client_id: UUID, body: AppointmentIn, runtime: RuntimeDep, ref: ReferenceDep,
                           user: CoachingStaff, idempotency_key: IdempotencyKey = None) -> Response:
    """An in-person appointment must lie wholly inside the office's opening hours (Europe/Berlin), or inside
    a consultation day when `location_id` names one (JobLokal); 422 naming `starts_at` otherwise."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: records.book_appointment(tx, client_id, body, ref, user))


@router.put("/{client_id}/cooperation-plan", response_model=CooperationPlanOut, summary="Agree the cooperation plan")
async def agree_plan(client_id: UUID, body: CooperationPlanIn, runtime: RuntimeDep, user: CoachingStaff,
                     vault: SpecialCategoriesDep, purpose: Purpose, idempotency_key: IdempotencyKey = None) -> Response:
    """Kooperationsplan (§ 15 SGB II): placement obstacles and goals; review due six months after the
    agreement (§ 15 Abs. 3). Emits `cooperation_plan_agreed.v1` (ids and dates only). The plan's content is
    stored encrypted and the write audited; this reply, kept in clear for retries, shows only the ordinary
    obstacles' kinds and statuses (`goals` null)."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: plans.agree_plan(tx, client_id, body, user, vault, purpose), 200)


@router.post("/{client_id}/readiness", response_model=ReadinessOut, summary="Declare ready for placement")
async def declare_ready(client_id: UUID, runtime: RuntimeDep, user: CoachingStaff,
                        idempotency_key: IdempotencyKey = None) -> Response:
    """409 while no case manager is assigned. Emits `ready_for_placement.v1` for each declaration; a retry
    with the same `Idempotency-Key` is answered once."""
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: use_cases.declare_ready(tx, client_id, user), 200)


@router.post("/{client_id}/closure", response_model=ClosureOut, summary="Close the case")
async def close_case(client_id: UUID, body: ClosureIn, runtime: RuntimeDep, user: StaffOrWorker,
                     idempotency_key: IdempotencyKey = None) -> Response:
    """Frees the case manager's caseload slot and cancels open tasks. Closing again changes nothing."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: use_cases.close_case(tx, client_id, body, user), 200)


@router.post("/{client_id}/tasks", status_code=201, response_model=TaskOut, summary="Raise a task")
async def raise_task(client_id: UUID, body: TaskIn, runtime: RuntimeDep, user: StaffOrWorker,
                     idempotency_key: IdempotencyKey = None) -> Response:
    """A task for the case manager (contact overdue, plan review). Idempotent by `Idempotency-Key`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: records.raise_task(tx, client_id, body, user))


@tasks_router.get("", response_model=TaskPage, summary="Tasks, a page at a time")
async def list_tasks(runtime: RuntimeDep, user: CoachingStaff, office_id: str | None = None,
                     case_worker_id: str | None = None, status: TaskStatus | None = None,
                     after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 100) -> TaskPage:
    async with runtime.uow.transaction() as tx:
        return await records.list_tasks(tx, user, office_id, case_worker_id, status, after, limit)


@tasks_router.post("/{task_id}/completion", response_model=TaskOut, summary="Complete a task")
async def complete_task(task_id: UUID, runtime: RuntimeDep, user: CoachingStaff,
                        idempotency_key: IdempotencyKey = None) -> Response:
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: records.complete_task(tx, task_id, user), 200)
