"""Placement's HTTP routes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends, Response

from services.placement import use_cases
from services.placement.schemas import EmployerIn, EmployerOut, EmploymentOut, HireIn
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep

employers = APIRouter(prefix="/employers", tags=["employers"])
employments = APIRouter(prefix="/employments", tags=["employments"])
PlacementStaff = Annotated[StaffUser, Depends(require_roles(Role.PLACEMENT_OFFICER))]


@employers.post("", status_code=201, response_model=EmployerOut, summary="Add an employer")
async def add_employer(body: EmployerIn, runtime: RuntimeDep, user: PlacementStaff,
                       idempotency_key: IdempotencyKey = None) -> Response:
    return await runtime.idempotent.run(idempotency_key, user, body,
                                        lambda tx: use_cases.add_employer(tx, body, user))


@employers.get("/{employer_id}", response_model=EmployerOut, summary="An employer")
async def get_employer(employer_id: UUID, runtime: RuntimeDep, user: PlacementStaff) -> EmployerOut:
    async with runtime.uow.transaction() as tx:
        return await use_cases.get_employer(tx, employer_id)


@employments.post("", status_code=201, response_model=EmploymentOut, summary="Record a hire")
async def record_hire(body: HireIn, runtime: RuntimeDep, user: PlacementStaff,
                      idempotency_key: IdempotencyKey = None) -> Response:
    """Records the contract of a hire. Emits `employment_started.v1`."""
    return await runtime.idempotent.run(idempotency_key, user, body,
                                        lambda tx: use_cases.record_hire(tx, body, user))
