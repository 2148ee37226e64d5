"""Coaching's HTTP routes for a client's participation in a programme: enrol, transfer, end, history."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from services.coaching.api.dependencies import CaseReader, ReferenceDep
from services.coaching.programme_schemas import (
    EndIn,
    EnrolmentIn,
    ParticipationChangeOut,
    ParticipationOut,
    TransferIn,
)
from services.coaching.use_cases import participations
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/cases", tags=["programmes"])
# Who enrols, transfers and ends: the case manager, and the team lead who confirms selections.
Enroller = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.TEAM_LEAD))]


@router.get("/{client_id}/participations", response_model=list[ParticipationOut], summary="Programme history")
async def list_participations(client_id: UUID, runtime: RuntimeDep, user: CaseReader) -> list[ParticipationOut]:
    """Every participation of the client, newest first; the current one has no `ended_on`."""
    async with runtime.uow.transaction() as tx:
        return [ParticipationOut.of(p) for p in await participations.participations_of(tx, client_id, user)]


@router.post("/{client_id}/participation", status_code=201, response_model=ParticipationChangeOut, summary="Enrol")
async def enrol(
    client_id: UUID,
    body: EnrolmentIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: Enroller,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Enrols the client in a programme the office offers and the client is eligible for (422 naming
    `program_id` otherwise); 409 if they already take part in one (transfer instead) or when the office's case
    managers are full for it (`no-capacity`). The case manager keeps the case if it fits their weighted
    caseload, else the best-fitting one with room takes it. Emits `case_assigned.v1`, `participation_started.v1`
    (with the planned end of a programme with a duration)."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(
            ParticipationChangeOut, participations.enrol(tx, client_id, body.program_id, body.starts_on, ref, user)
        ),
    )


@router.post(
    "/{client_id}/participation/transfer", response_model=ParticipationChangeOut, summary="Transfer to a programme"
)
async def transfer(
    client_id: UUID,
    body: TransferIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: Enroller,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Ends the current participation (`transferred`) and starts one in `program_id` the same day; 409 when the
    client takes part in none or nobody has room. Emits `participation_ended.v1`, `case_assigned.v1`,
    `participation_started.v1`."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(
            ParticipationChangeOut, participations.transfer(tx, client_id, body.program_id, body.on, ref, user)
        ),
        200,
    )


@router.post("/{client_id}/participation/end", response_model=ParticipationChangeOut, summary="End participation")
async def end(
    client_id: UUID,
    body: EndIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: Enroller,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Ends the current participation with a reason; the case is back in its base programme (standard, or u25
    while the client is under 25). Emits `participation_ended.v1` and `case_assigned.v1`."""
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(
            ParticipationChangeOut, participations.end(tx, client_id, body.reason, body.ended_on, ref, user)
        ),
        200,
    )
