"""Coaching's HTTP routes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from services.coaching import use_cases
from services.coaching.schemas import CaseOut, ContactIn, ContactOut
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/cases", tags=["cases"])
CoachingStaff = Annotated[StaffUser, Depends(require_roles(Role.CASE_MANAGER, Role.COACH))]


@router.get("/{client_id}", response_model=CaseOut, summary="A client's case")
async def get_case(client_id: UUID, runtime: RuntimeDep, user: CoachingStaff) -> CaseOut:
    async with runtime.uow.transaction() as tx:
        return await use_cases.case_view(tx, client_id, user)


@router.post("/{client_id}/contacts", status_code=201, response_model=ContactOut, summary="Record a contact")
async def record_contact(client_id: UUID, body: ContactIn, runtime: RuntimeDep, user: CoachingStaff,
                         idempotency_key: IdempotencyKey = None) -> Response:
    """Records a contact with the client. Emits `contact_recorded.v1`."""
    return await runtime.idempotent.run(
        idempotency_key, user, body, lambda tx: use_cases.record_contact(tx, client_id, body, user)
    )
