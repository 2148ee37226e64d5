"""Coaching's routes for office closures: a team lead closes an office for a period; anyone reads the closures."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response
from sqlalchemy import select
from sqlmodel import col

from services.coaching.api.appointments import PolicyDep
from services.coaching.api.dependencies import AnyStaff, ReferenceDep
from services.coaching.closure_schemas import ClosureIn, ClosureOut
from services.coaching.schemas import AppointmentOut
from services.coaching.tables import OfficeClosureRow, to_appointment
from services.coaching.use_cases import closures
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import NotFound
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.privacy.api import SpecialCategoriesDep
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

router = APIRouter(prefix="/offices", tags=["offices"])
TeamLead = Annotated[StaffUser, Depends(require_roles(Role.TEAM_LEAD))]


@router.post("/{office_id}/closures", status_code=201, response_model=ClosureOut, summary="Close an office")
async def close_office(
    office_id: OfficeId,
    body: ClosureIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    policy: PolicyDep,
    vault: SpecialCategoriesDep,
    user: TeamLead,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Closes the office from `starts_on` through `ends_on` (team leads of the office). Its in-person appointments
    in the period move to the substitute office — each once, at its time if free there, else the substitute's
    next free slot, never double-booked — and each client's case manager gets a `client_notice` task. Booking at
    the office in the period is refused (409). `reopening_hours` are the office's hours from the day after.
    422: an unknown office, the same office as substitute, a period that ends before it starts or lies in the
    past, or a substitute closed itself; 409: the office is closed already in part of the period."""
    if ref.offices.get(office_id) is None:
        raise NotFound("office", office_id)
    command = body.to_command(office_id)

    async def run(tx: Transaction) -> ClosureOut:
        return ClosureOut.of(await closures.close_office(tx, command, ref, policy, vault, user))

    return await runtime.idempotent.run(idempotency_key, user, body, run)


@router.get("/{office_id}/closures", response_model=list[ClosureOut], summary="An office's closures")
async def list_closures(office_id: OfficeId, runtime: RuntimeDep, ref: ReferenceDep, _: AnyStaff) -> list[ClosureOut]:
    if ref.offices.get(office_id) is None:
        raise NotFound("office", office_id)
    async with runtime.uow.transaction() as tx:
        rows = await tx.session.scalars(
            select(OfficeClosureRow)
            .where(col(OfficeClosureRow.office_id) == office_id)
            .order_by(col(OfficeClosureRow.starts_on))
        )
        return [ClosureOut.of(r) for r in rows]


@router.get(
    "/{office_id}/closures/{closure_id}/appointments",
    response_model=list[AppointmentOut],
    summary="The appointments a closure moved",
)
async def moved_appointments(
    office_id: OfficeId, closure_id: UUID, runtime: RuntimeDep, _: AnyStaff
) -> list[AppointmentOut]:
    """Each appointment the closure moved to the substitute office, as it is now (time, office, status)."""
    async with runtime.uow.transaction() as tx:
        rows = await closures.moved_appointments(tx, office_id, closure_id)
        if rows is None:
            raise NotFound("closure", str(closure_id))
        return [AppointmentOut.model_validate(to_appointment(r), from_attributes=True) for r in rows]
