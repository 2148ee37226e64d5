"""Intake's HTTP routes: parse, call a use case, shape the reply."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from services.intake import use_cases
from services.intake.domain.offices import OfficeDirectory
from services.intake.schemas import ClientIn, ClientOut
from services.platform.auth.dependencies import require_office, require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import NotFound
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/clients", tags=["clients"])
IntakeStaff = Annotated[StaffUser, Depends(require_roles(Role.INTAKE_CLERK, Role.CASE_MANAGER))]
AnyStaff = Annotated[StaffUser, Depends(require_roles(*Role))]


def offices(request: Request) -> OfficeDirectory:
    directory: OfficeDirectory = request.app.state.offices
    return directory


@router.post("", status_code=201, response_model=ClientOut, summary="Register a client")
async def register_client(body: ClientIn, runtime: RuntimeDep, user: IntakeStaff,
                          directory: Annotated[OfficeDirectory, Depends(offices)],
                          idempotency_key: IdempotencyKey = None) -> Response:
    """Registers a person; the office follows from the residence postcode. Emits `client_registered.v1`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: use_cases.register_client(tx, body, directory, user)
    )


@router.get("/{client_id}", response_model=ClientOut, summary="A client's registration")
async def get_client(client_id: UUID, runtime: RuntimeDep, user: AnyStaff) -> ClientOut:
    async with runtime.uow.transaction() as tx:
        row = await use_cases.get_client(tx, client_id)
    if row is None:
        raise NotFound("client", client_id)
    require_office(user, row.office_id)
    return use_cases.client_out(row)
