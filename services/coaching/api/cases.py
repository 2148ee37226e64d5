"""Coaching's HTTP routes for cases: parse, call a use case, shape the reply."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response

from services.coaching.api.appointments import PolicyDep
from services.coaching.api.dependencies import (
    CaseReader,
    CoachingStaff,
    JourneyWorker,
    ReferenceDep,
    StaffOrWorker,
    StaffWorkerOrOperator,
    WorkerOrOperator,
)
from services.coaching.domain.dating import check_may_date_assignment
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
    MigratedObstaclesIn,
    ReadinessOut,
    TakeoverOut,
    TaskIn,
    TaskOut,
)
from services.coaching.use_cases import cases, contacts, migrated_cases, migrated_obstacles, plans, tasks
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/cases", tags=["cases"])


@router.get("/{client_id}", response_model=CaseOut, summary="A client's case")
async def get_case(
    client_id: UUID, runtime: RuntimeDep, user: CaseReader, vault: SpecialCategoriesDep, purpose: Purpose
) -> CaseOut:
    """Status, case manager, programme, the current cooperation plan and open tasks. The plan as agreed —
    health and addiction obstacles (GDPR Art. 9), notes and goals — and the tasks' details are shown to case
    managers and coaches of the client's office, and each such read is audited; everyone else sees the
    ordinary obstacles' kinds and statuses (`goals` and `detail` null)."""
    async with runtime.uow.transaction() as tx:
        return await reply(CaseOut, cases.case_view(tx, client_id, user, vault, purpose))


@router.post("/{client_id}/assignment", response_model=AssignmentOut, summary="Assign a case manager")
async def assign(
    client_id: UUID,
    body: AssignmentIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: StaffWorkerOrOperator,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The office's best-fitting case manager with room under the programme's caseload ratio takes the case.
    An assigned case returns its assignment (no new event). 404 until the registration arrived; 409
    `no-capacity` when nobody has room. Emits `case_assigned.v1` with `assigned_on`.

    `assigned_on` (default today, Europe/Berlin) is taken from the journey's worker and operators only — the
    journey dates the assignment on its calendar —; from anyone else 422 naming it. 422 naming it after today
    or before the client's registration day."""
    if body.assigned_on is not None:
        check_may_date_assignment(user)
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(AssignmentOut, cases.assign_case(tx, client_id, command, ref, user)),
        200,
    )


@router.put("/{client_id}/case-worker", response_model=AssignmentOut, summary="Hand the case to another manager")
async def change_case_worker(
    client_id: UUID,
    body: CaseWorkerChangeIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: StaffOrWorker,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """422 naming `case_worker_id` for an unknown person, another office or no case manager; 409 when they
    have no room. Emits `case_assigned.v1` with `previous_case_worker_id`."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(AssignmentOut, cases.change_case_worker(tx, client_id, command, ref, user)),
        200,
    )


@router.post("/{client_id}/contacts", status_code=201, response_model=ContactOut, summary="Record a contact")
async def record_contact(
    client_id: UUID,
    body: ContactIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """In person only inside the office's opening hours. The note is stored encrypted and the write audited.
    Emits `contact_recorded.v1` (without the note)."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ContactOut, contacts.record_contact(tx, client_id, command, ref, user, vault, purpose)),
    )


@router.post("/{client_id}/appointments", status_code=201, response_model=AppointmentOut, summary="Book an appointment")
async def book_appointment(
    client_id: UUID,
    body: AppointmentIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CoachingStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """An in-person appointment must lie wholly inside the office's opening hours (Europe/Berlin), or inside
    a consultation day when `location_id` names one (JobLokal); 422 naming `starts_at` otherwise, also on a
    public holiday. 409 when the caller or the client is booked already then. Other kinds: `POST /appointments`."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(AppointmentOut, contacts.book_appointment(tx, client_id, command, ref, policy, user)),
    )


@router.put("/{client_id}/cooperation-plan", response_model=CooperationPlanOut, summary="Agree the cooperation plan")
async def agree_plan(
    client_id: UUID,
    body: CooperationPlanIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Kooperationsplan (§ 15 SGB II): placement obstacles and goals; review due six months after the
    agreement (§ 15 Abs. 3). Emits `cooperation_plan_agreed.v1` (ids and dates only). The plan's content is
    stored encrypted and the write audited; this reply, kept in clear for retries, shows only the ordinary
    obstacles' kinds and statuses (`goals` null)."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(CooperationPlanOut, plans.agree_plan(tx, client_id, command, user, vault, purpose)),
        200,
    )


@router.post("/{client_id}/readiness", response_model=ReadinessOut, summary="Declare ready for placement")
async def declare_ready(
    client_id: UUID, runtime: RuntimeDep, user: CoachingStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    """409 while no case manager is assigned. Emits `ready_for_placement.v1` for each declaration; a retry
    with the same `Idempotency-Key` is answered once."""
    return await runtime.idempotent.run(
        idempotency_key, user, None, lambda tx: reply(ReadinessOut, cases.declare_ready(tx, client_id, user)), 200
    )


@router.post("/{client_id}/closure", response_model=ClosureOut, summary="Close the case")
async def close_case(
    client_id: UUID,
    body: ClosureIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: StaffOrWorker,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Frees the case manager's caseload slot and cancels open tasks. Closing again changes nothing."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ClosureOut, cases.close_case(tx, client_id, command, ref, user)),
        200,
    )


@router.post("/{client_id}/tasks", status_code=201, response_model=TaskOut, summary="Raise a task")
async def raise_task(
    client_id: UUID,
    body: TaskIn,
    runtime: RuntimeDep,
    user: StaffOrWorker,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A task for the case manager (contact overdue, plan review). Idempotent by `Idempotency-Key`. The
    detail is stored encrypted and the write audited; this reply, kept for retries, shows it as null."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(TaskOut, tasks.raise_task(tx, client_id, command, user, vault, purpose)),
    )


@router.get("/{client_id}/migration", response_model=TakeoverOut, summary="What a migrated case took over")
async def get_takeover(client_id: UUID, runtime: RuntimeDep, user: WorkerOrOperator) -> TakeoverOut:
    """Per part of the legacy record (the imported case manager, the open appointments): carried, or refused
    with the reasons; the journey's worker writes it into intake's import report. 404: not a migrated case."""
    async with runtime.uow.transaction() as tx:
        row = await migrated_cases.migrated_takeover(tx, client_id, user)
    return TakeoverOut.model_validate(row, from_attributes=True)


@router.put(
    "/{client_id}/migration/obstacles", response_model=TakeoverOut, summary="A migrated client's obstacles as imported"
)
async def keep_imported_obstacles(
    client_id: UUID,
    body: MigratedObstaclesIn,
    runtime: RuntimeDep,
    user: JourneyWorker,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Kept sealed under the person's key (the write audited) until the case manager agrees the first plan;
    shown to the plan's readers in `GET /cases/{client_id}` as `migrated_obstacles`. The reply is the case's
    takeover with the `obstacles` part: carried, or refused with reasons that name no kind (a closed case, kinds
    coaching does not know). 404 until the registration arrived. Emits nothing."""
    kinds = list(body.obstacles)
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(
            TakeoverOut, migrated_obstacles.keep_imported_obstacles(tx, client_id, kinds, user, vault, purpose)
        ),
        200,
    )
