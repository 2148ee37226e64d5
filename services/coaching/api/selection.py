"""Coaching's HTTP routes for selecting a programme's participants: the proposal list, the team lead's confirmation."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Response

from services.coaching.api.dependencies import ReferenceDep
from services.coaching.programme_schemas import BulkEnrolmentIn, BulkEnrolmentOut, ProgramId, ProposalsOut
from services.coaching.use_cases import selection
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/programmes", tags=["programmes"])
TeamLead = Annotated[StaffUser, Depends(require_roles(Role.TEAM_LEAD))]


@router.get("/{program_id}/proposals", response_model=ProposalsOut, summary="Proposed participants")
async def proposals(
    program_id: ProgramId,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: TeamLead,
    office_id: Annotated[OfficeId, Query()],
    limit: Annotated[int | None, Query(ge=1, le=5000)] = None,
) -> ProposalsOut:
    """The office's market-near clients for the programme, best first, each with the points of each criterion, and
    the excluded ones with their reasons (criteria: `services/coaching/domain/selection.py`). As many as the
    office has places left (or `limit`). A proposal enrols nobody: the team lead confirms (`POST …/enrolments`)."""
    async with runtime.uow.transaction() as tx:
        return await reply(ProposalsOut, selection.proposals(tx, program_id, office_id, limit, ref, user))


@router.post("/{program_id}/enrolments", response_model=BulkEnrolmentOut, summary="Confirm participants")
async def confirm(
    program_id: ProgramId,
    body: BulkEnrolmentIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: TeamLead,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """The team lead confirms clients (one or up to 2,000): each is enrolled as `POST /cases/{id}/participation`
    would, or answered with why not (`enrolled: false`, `reason`) while the others go ahead."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(
            BulkEnrolmentOut,
            selection.enrol_confirmed(tx, program_id, body.office_id, body.client_ids, body.starts_on, ref, user),
        ),
        200,
    )
