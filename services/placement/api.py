"""Placement's HTTP routes: parse, call a use case, shape the reply."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Query, Request, Response

from services.placement.domain.employment import CheckStatus
from services.placement.domain.matching import Commutes, ExclusionPage, VacancyKind
from services.placement.domain.occupations import Classification
from services.placement.schemas import (
    CheckIn,
    CheckOut,
    ConfirmationIn,
    ConfirmationOut,
    EmployerIn,
    EmployerOut,
    EmploymentOut,
    EndIn,
    HireIn,
    MatchesOut,
    OutcomeIn,
    ProposalIn,
    ProposalOut,
    SearchOut,
    VacancyIn,
    VacancyOut,
)
from services.placement.use_cases import checks, clients, employments, matches, proposals, vacancies
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

employers = APIRouter(prefix="/employers", tags=["employers"])
vacancy_routes = APIRouter(prefix="/vacancies", tags=["vacancies"])
searches = APIRouter(prefix="/searches", tags=["searches"])
proposal_routes = APIRouter(prefix="/proposals", tags=["proposals"])
employment_routes = APIRouter(prefix="/employments", tags=["employments"])
check_routes = APIRouter(prefix="/continuation-checks", tags=["employments"])
ROUTERS = (employers, vacancy_routes, searches, proposal_routes, employment_routes, check_routes)

PlacementStaff = Annotated[StaffUser, Depends(require_roles(Role.PLACEMENT_OFFICER))]
# [W] routes: the journey worker calls them on a journey's behalf.
StaffOrWorker = Annotated[StaffUser, Depends(require_roles(Role.PLACEMENT_OFFICER, Role.JOURNEY_WORKER))]
After = Annotated[UUID | None, Query(description="cursor: the last id of the previous page")]
Limit = Annotated[int, Query(ge=1, le=500)]


def commute_table(request: Request) -> Commutes:
    table: Commutes = request.app.state.commutes
    return table


def classification(request: Request) -> Classification:
    kldb: Classification = request.app.state.occupations
    return kldb


def office_directory(request: Request) -> frozenset[str]:
    offices: frozenset[str] = request.app.state.offices
    return offices


CommutesDep = Annotated[Commutes, Depends(commute_table)]
OfficesDep = Annotated[frozenset[str], Depends(office_directory)]
KldbDep = Annotated[Classification, Depends(classification)]


@employers.post("", status_code=201, response_model=EmployerOut, summary="Add an employer")
async def add_employer(
    body: EmployerIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    offices: OfficesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """422 naming `office_id` for an office the district does not have."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(EmployerOut, vacancies.add_employer(tx, command, offices, user))
    )


@employers.put("/{employer_id}", response_model=EmployerOut, summary="Edit an employer")
async def edit_employer(
    employer_id: UUID,
    body: EmployerIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    offices: OfficesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The same body and rules as adding one (422 naming `office_id` for an office the district does not have).
    404 for an unknown employer; 403 when it, or the office it would move to, is outside the caller's offices."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(EmployerOut, vacancies.edit_employer(tx, employer_id, command, offices, user)),
        200,
    )


@employers.get("", response_model=list[EmployerOut], summary="The employers of the caller's offices, by id")
async def list_employers(
    runtime: RuntimeDep,
    user: PlacementStaff,
    office_id: OfficeId | None = None,
    after: After = None,
    limit: Limit = 100,
) -> list[EmployerOut]:
    async with runtime.uow.transaction() as tx:
        found = await vacancies.list_employers(tx, office_id, after, limit, user)
    return [EmployerOut.model_validate(e, from_attributes=True) for e in found]


@employers.get("/{employer_id}", response_model=EmployerOut, summary="An employer")
async def get_employer(employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> EmployerOut:
    """404 for an unknown employer; 403 for one of an office outside the caller's."""
    async with runtime.uow.transaction() as tx:
        return await reply(EmployerOut, vacancies.get_employer(tx, employer_id, user))


@vacancy_routes.post("", status_code=201, response_model=VacancyOut, summary="Add a vacancy")
async def add_vacancy(
    body: VacancyIn, runtime: RuntimeDep, user: PlacementStaff, kldb: KldbDep, idempotency_key: IdempotencyKey = None
) -> Response:
    """422 naming `kldb_code` for a code the KldB 2010 does not have."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(VacancyOut, vacancies.add_vacancy(tx, command, kldb, user))
    )


@vacancy_routes.put("/{vacancy_id}", response_model=VacancyOut, summary="Edit a vacancy")
async def edit_vacancy(
    vacancy_id: UUID,
    body: VacancyIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    kldb: KldbDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The same body and rules as adding one; open positions move by the change in positions (422 naming
    `positions` below those already filled). 404 for an unknown vacancy; 403 outside the caller's offices."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(VacancyOut, vacancies.edit_vacancy(tx, vacancy_id, command, kldb, user)),
        200,
    )


@vacancy_routes.get("", response_model=list[VacancyOut], summary="Vacancies, by id")
async def list_vacancies(
    runtime: RuntimeDep,
    user: PlacementStaff,
    employer_id: UUID | None = None,
    kind: VacancyKind | None = None,
    open_only: bool = False,
    after: After = None,
    limit: Limit = 100,
) -> list[VacancyOut]:
    async with runtime.uow.transaction() as tx:
        found = await vacancies.list_vacancies(tx, employer_id, kind, open_only, after, limit, user)
    return [VacancyOut.model_validate(v, from_attributes=True) for v in found]


@vacancy_routes.get("/{vacancy_id}", response_model=VacancyOut, summary="A vacancy")
async def get_vacancy(vacancy_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> VacancyOut:
    async with runtime.uow.transaction() as tx:
        return await reply(VacancyOut, vacancies.get_vacancy(tx, vacancy_id, user))


@searches.get("/{client_id}", response_model=SearchOut, summary="A client's job search")
async def get_search(client_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> SearchOut:
    async with runtime.uow.transaction() as tx:
        return await reply(SearchOut, clients.get_search(tx, client_id, user))


@searches.get("/{client_id}/matches", response_model=MatchesOut, summary="Vacancies matching a client")
async def find_matches(
    client_id: UUID,
    runtime: RuntimeDep,
    user: PlacementStaff,
    commutes: CommutesDep,
    excluded_limit: Annotated[int, Query(ge=0, le=5000, description="excluded vacancies listed per page")] = 100,
    excluded_after: Annotated[UUID | None, Query(description="cursor: the last excluded vacancy id shown")] = None,
) -> MatchesOut:
    """Vacancies meeting every hard constraint (start time, weekly hours, commute, open positions, occupation
    group, requirement level), best score first with each score component and its reason; the excluded ones
    counted by constraint, and a page of them by vacancy id with every reason (`excluded_after` pages on).
    409 while the client's registration has not arrived."""
    page = ExclusionPage(excluded_limit, excluded_after)
    async with runtime.uow.transaction() as tx:
        return await reply(MatchesOut, matches.find_matches(tx, client_id, user, commutes, page))


@proposal_routes.post("", status_code=201, response_model=ProposalOut, summary="Propose a vacancy")
async def make_proposal(
    body: ProposalIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    commutes: CommutesDep,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Emits `proposal_made.v1`. 422 naming `vacancy_id` with every hard constraint the vacancy breaks."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(ProposalOut, proposals.make_proposal(tx, command, user, commutes))
    )


@proposal_routes.get("", response_model=list[ProposalOut], summary="A client's proposals and their outcomes")
async def list_proposals(
    client_id: UUID, runtime: RuntimeDep, user: PlacementStaff, after: After = None, limit: Limit = 100
) -> list[ProposalOut]:
    async with runtime.uow.transaction() as tx:
        found = await proposals.list_proposals(tx, client_id, user, after, limit)
    return [ProposalOut.model_validate(p, from_attributes=True) for p in found]


@proposal_routes.get("/{proposal_id}", response_model=ProposalOut, summary="A proposal")
async def get_proposal(proposal_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> ProposalOut:
    async with runtime.uow.transaction() as tx:
        return await reply(ProposalOut, proposals.get_proposal(tx, proposal_id, user))


@proposal_routes.post("/{proposal_id}/outcome", response_model=ProposalOut, summary="Record a proposal's outcome")
async def record_outcome(
    proposal_id: UUID,
    body: OutcomeIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ProposalOut, proposals.record_outcome(tx, proposal_id, command, user)),
        200,
    )


@employment_routes.post("", status_code=201, response_model=EmploymentOut, summary="Record a hire")
async def record_hire(
    body: HireIn, runtime: RuntimeDep, user: PlacementStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    """Records the contract of a hire, taking one open position of the vacancy. Emits `employment_started.v1`."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: reply(EmploymentOut, employments.record_hire(tx, command, user))
    )


@employment_routes.get("", response_model=list[EmploymentOut], summary="A client's employments [W]")
async def list_employments(
    client_id: UUID, runtime: RuntimeDep, user: StaffOrWorker, after: After = None, limit: Limit = 100
) -> list[EmploymentOut]:
    async with runtime.uow.transaction() as tx:
        found = await employments.list_employments(tx, client_id, user, after, limit)
    return [EmploymentOut.model_validate(e, from_attributes=True) for e in found]


@employment_routes.get("/{employment_id}", response_model=EmploymentOut, summary="An employment [W]")
async def get_employment(employment_id: UUID, runtime: RuntimeDep, user: StaffOrWorker) -> EmploymentOut:
    async with runtime.uow.transaction() as tx:
        return await reply(EmploymentOut, employments.get_employment(tx, employment_id, user))


@employment_routes.post("/{employment_id}/end", response_model=EmploymentOut, summary="End an employment")
async def end_employment(
    employment_id: UUID, body: EndIn, runtime: RuntimeDep, user: PlacementStaff, idempotency_key: IdempotencyKey = None
) -> Response:
    """Emits `employment_ended.v1`; 409 if the employment already ended."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(EmploymentOut, employments.end_employment(tx, employment_id, command, user)),
        200,
    )


@employment_routes.post(
    "/{employment_id}/continuation-checks",
    response_model=CheckOut,
    summary="Ask whether the employment continued in a month [W]",
)
async def request_check(
    employment_id: UUID, body: CheckIn, runtime: RuntimeDep, user: StaffOrWorker, idempotency_key: IdempotencyKey = None
) -> Response:
    """Idempotent per (employment, month): asking again returns the same check."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(CheckOut, checks.request_check(tx, employment_id, body.month, user)),
        200,
    )


@employment_routes.post(
    "/{employment_id}/confirmations",
    status_code=201,
    response_model=ConfirmationOut,
    summary="Confirm that the employment continued in a month",
    responses={200: {"model": ConfirmationOut, "description": "already confirmed"}},
)
async def confirm_month(
    employment_id: UUID,
    body: ConfirmationIn,
    runtime: RuntimeDep,
    user: PlacementStaff,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Emits `employment_confirmed.v1`. The same month again: 200 with the existing confirmation and no
    event; with other figures: 409."""
    command = body.to_command()
    async with runtime.uow.transaction() as tx:
        repeat = await checks.is_confirmed(tx, employment_id, command, user)
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ConfirmationOut, checks.confirm_month(tx, employment_id, command, user)),
        200 if repeat else 201,
    )


@check_routes.get("", response_model=list[CheckOut], summary="Continuation checks, e.g. the open ones")
async def list_checks(
    runtime: RuntimeDep,
    user: PlacementStaff,
    status: CheckStatus | None = None,
    office_id: OfficeId | None = None,
    after: After = None,
    limit: Limit = 100,
) -> list[CheckOut]:
    if office_id is not None:
        user.require_office(office_id)
    async with runtime.uow.transaction() as tx:
        found = await checks.list_checks(tx, status, office_id, user, after, limit)
    return [CheckOut.model_validate(c, from_attributes=True) for c in found]
