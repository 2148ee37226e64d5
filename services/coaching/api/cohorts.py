"""Coaching's HTTP routes for cohorts: open one with its weekly sessions, members with childcare and outcomes,
the reminder and the close its timer workflow asks for ([W]: the journey worker may call them)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from services.coaching.api.appointments import PolicyDep
from services.coaching.api.dependencies import ReferenceDep
from services.coaching.cohort_schemas import (
    ChildcareChangeIn,
    ChildcareOut,
    ClosingIn,
    ClosingOut,
    CohortDetailOut,
    CohortOut,
    CohortSummaryOut,
    JoinIn,
    MemberOut,
    OpenCohortIn,
    OutcomeIn,
    RemindedOut,
    SessionOut,
)
from services.coaching.domain.cohorts import Childcare, Member
from services.coaching.domain.offices import BERLIN
from services.coaching.programme_schemas import ProgramId
from services.coaching.schemas import PartnerEmployerOut
from services.coaching.use_cases import cohort_members, cohorts
from services.coaching.use_cases.cohorts import CohortView
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import RuleViolation
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import SpecialCategoriesDep
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

router = APIRouter(prefix="/cohorts", tags=["programmes"])
programme_cohorts_router = APIRouter(prefix="/programmes", tags=["programmes"])
# Members' childcare is personal data: staff of the cohort's office who work with the clients, and team leads.
CohortStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.TEAM_LEAD))]
CohortReader = Annotated[
    StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH, Role.TEAM_LEAD, Role.JOURNEY_WORKER))
]
Timer = Annotated[
    StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR, Role.CASE_MANAGER, Role.TEAM_LEAD))
]


@programme_cohorts_router.get(
    "/{program_id}/cohorts", response_model=list[CohortSummaryOut], summary="A programme's cohorts"
)
async def list_cohorts(
    program_id: ProgramId, runtime: RuntimeDep, user: CohortReader, office_id: OfficeId | None = None
) -> list[CohortSummaryOut]:
    """The programme's cohorts in the caller's offices (or `office_id`), newest first, with places taken and free."""
    async with runtime.uow.transaction() as tx:
        found = await cohorts.cohorts_of(tx, program_id, office_id, user)
    return [
        CohortSummaryOut(
            cohort=CohortOut.model_validate(s.cohort, from_attributes=True),
            members=s.members,
            places_free=max(0, s.cohort.capacity - s.members),
        )
        for s in found
    ]


@router.post("", status_code=201, response_model=CohortDetailOut, summary="Open a cohort")
async def open_cohort(
    body: OpenCohortIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    user: CohortStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A cohort of a programme with a duration (422 naming `program_id` otherwise), ending after
    `duration_months`; its weekly group sessions in `room_id` are booked up to the end at once (the rules of a
    weekly series: one clash refuses all, 409 `double-booking`). Emits `cohort_opened.v1`, which starts the
    cohort's timer workflow."""

    async def run(tx: Transaction) -> CohortDetailOut:
        return _detail(await cohorts.open_cohort(tx, body.to_command(), ref, policy, user))

    return await runtime.idempotent.run(idempotency_key, user, body, run)


@router.get("/{cohort_id}", response_model=CohortDetailOut, summary="A cohort with its members")
async def get_cohort(cohort_id: UUID, runtime: RuntimeDep, ref: ReferenceDep, user: CohortReader) -> CohortDetailOut:
    """Members with the childcare arranged for them and their outcomes; the caller's offices only (403)."""
    async with runtime.uow.transaction() as tx:
        return _detail(await cohorts.cohort(tx, cohort_id, ref, user))


@router.post("/{cohort_id}/members", status_code=201, response_model=MemberOut, summary="Join a cohort")
async def join(
    cohort_id: UUID,
    body: JoinIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: CohortStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The client's participation in the cohort's programme joins it; a client in no programme is enrolled
    (planned end: the cohort's). 409 when the cohort is full or closed, or the client takes part in another
    programme. `joins_on` (default: the first day, or today once begun): 422 naming it in the future, outside the
    cohort, before the client's participation began or the case manager took the case. The client is invited
    to every session from the join on. Emits `cohort_joined.v1` (and on enrolment
    `case_assigned.v1`, `participation_started.v1`)."""
    childcare = body.childcare.to_childcare() if body.childcare else None

    async def run(tx: Transaction) -> MemberOut:
        joined = await cohort_members.join(
            tx, cohort_id, body.client_id, childcare, body.notice_given_at, ref, user, body.joins_on
        )
        return _member(joined)

    return await runtime.idempotent.run(idempotency_key, user, body, run)


@router.put("/{cohort_id}/members/{client_id}/childcare", response_model=MemberOut, summary="Arrange childcare")
async def arrange_childcare(
    cohort_id: UUID, client_id: UUID, body: ChildcareChangeIn, runtime: RuntimeDep, user: CohortStaff
) -> MemberOut:
    childcare = body.childcare.to_childcare() if body.childcare else None
    async with runtime.uow.transaction() as tx:
        return _member(await cohort_members.arrange_childcare(tx, cohort_id, client_id, childcare, user))


@router.put("/{cohort_id}/members/{client_id}/outcome", response_model=MemberOut, summary="Record the outcome")
async def record_outcome(
    cohort_id: UUID, client_id: UUID, body: OutcomeIn, runtime: RuntimeDep, ref: ReferenceDep, user: CohortStaff
) -> MemberOut:
    """`in_work`, `in_training`, `dropped_out` end the participation on `on` with that reason; `continuing`
    leaves it to the close. 409 when an outcome other than `continuing` is recorded already. Emits
    `cohort_outcome_recorded.v1`."""
    async with runtime.uow.transaction() as tx:
        return _member(await cohort_members.record_outcome(tx, cohort_id, client_id, body.outcome, body.on, ref, user))


@router.post("/{cohort_id}/outcome-reminders", response_model=RemindedOut, summary="[W] Remind to record outcomes")
async def remind_outcomes(
    cohort_id: UUID,
    runtime: RuntimeDep,
    user: Timer,
    vault: SpecialCategoriesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A `cohort_outcome` task for the case manager of each member without an outcome (the timer, before the end)."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        None,
        lambda tx: reply(RemindedOut, cohort_members.remind_outcomes(tx, cohort_id, user, vault)),
        200,
    )


@router.post("/{cohort_id}/closing", response_model=ClosingOut, summary="[W] Close the cohort at its end")
async def close(
    cohort_id: UUID,
    body: ClosingIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: Timer,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """On or after `ends_on` (422 naming `as_of` before): still-current participations end `completed` on
    `ends_on`; members without an outcome are named. Closing again answers the same. Emits `cohort_closed.v1`.
    `as_of` is taken from the journey worker and operators only (the timer's and the simulator's calendar)."""
    if body.as_of is not None and not user.has_any(frozenset({Role.JOURNEY_WORKER, Role.OPERATOR})):
        raise RuleViolation("as_of", "only the cohort's timer and operators give the day")
    as_of = body.as_of or datetime.now(BERLIN).date()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ClosingOut, cohort_members.close(tx, cohort_id, as_of, ref, user)),
        200,
    )


def _member(m: Member) -> MemberOut:
    care = m.childcare
    return MemberOut(
        client_id=m.client_id,
        participation_id=m.participation_id,
        joined_on=m.joined_on,
        childcare=_childcare(care) if care else None,
        outcome=m.outcome,
        outcome_on=m.outcome_on,
        outcome_missing=m.outcome_missing,
    )


def _childcare(care: Childcare) -> ChildcareOut:
    return ChildcareOut(provider=care.provider, days=list(care.days), from_time=care.from_time, to_time=care.to_time)


def _detail(view: CohortView) -> CohortDetailOut:
    return CohortDetailOut(
        cohort=CohortOut.model_validate(view.cohort, from_attributes=True),
        members=[_member(m) for m in view.members],
        places_free=max(0, view.cohort.capacity - len(view.members)),
        partner_employers=[
            PartnerEmployerOut(employer_id=e.employer_id, name=e.name) for e in view.programme.partner_employers
        ],
        sessions=[SessionOut.model_validate(x, from_attributes=True) for x in view.sessions],
    )
