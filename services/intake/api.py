"""Intake's HTTP routes: parse, call a use case, shape the reply."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Request, Response

from services.intake.domain.offices import OfficeDirectory
from services.intake.duplicate_schemas import RegisteredClientOut
from services.intake.schemas import ClientIn, ClientOut
from services.intake.use_cases import clients
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/clients", tags=["clients"])
IntakeStaff = Annotated[StaffUser, Depends(require_roles(Role.INTAKE_CLERK, Role.CASE_MANAGER))]
# Every working role; the data-protection officer reads the audit trail, not the clients' records.
AnyStaff = Annotated[StaffUser, Depends(require_roles(*(set(Role) - {Role.DATA_PROTECTION_OFFICER})))]


def offices(request: Request) -> OfficeDirectory:
    directory: OfficeDirectory = request.app.state.offices
    return directory


@router.post("", status_code=201, response_model=RegisteredClientOut, summary="Register a client")
async def register_client(
    body: ClientIn,
    runtime: RuntimeDep,
    user: IntakeStaff,
    directory: Annotated[OfficeDirectory, Depends(offices)],
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Registers a person; the office follows from the residence postcode. Emits `client_registered.v1`
    (without the health-related target group). A possible duplicate does not refuse the registration: the
    reply names them (`possible_duplicates`) and the pairs go on the duplicate worklist. The health-related
    target group is special-category data (GDPR Art. 9): stored encrypted, the write audited, and left out of
    this reply."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: registered(clients.register_client(tx, command, directory, user, vault, purpose)),
    )


async def registered(result: Awaitable[clients.Registered]) -> RegisteredClientOut:
    return RegisteredClientOut.of(await result)


@router.get("/{client_id}", response_model=ClientOut, summary="A client's registration")
async def get_client(
    client_id: UUID, runtime: RuntimeDep, user: AnyStaff, vault: SpecialCategoriesDep, purpose: Purpose
) -> ClientOut:
    """A client merged into another answers 410 naming `merged_into`. The health-related target group is shown
    only to case managers of the client's office (the read is audited); for everyone else it is left out of
    `target_groups`."""
    async with runtime.uow.transaction() as tx:
        return await reply(ClientOut, clients.client_view(tx, client_id, user, vault, purpose))
