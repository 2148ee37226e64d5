"""Coaching's HTTP routes for staff and their caseloads."""

from __future__ import annotations

from fastapi import APIRouter, Response

from services.coaching.api.dependencies import ReferenceDep, StaffOrOperator
from services.coaching.schemas import CaseloadOut, StaffIn, StaffOut
from services.coaching.use_cases import roster
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

router = APIRouter(tags=["staff"])


@router.get("/staff", response_model=list[StaffOut], summary="Case managers and coaches")
async def list_staff(runtime: RuntimeDep, user: StaffOrOperator, office_id: OfficeId | None = None) -> list[StaffOut]:
    async with runtime.uow.transaction() as tx:
        return [StaffOut.of(m) for m in await roster.list_staff(tx, user, office_id)]


@router.post("/staff", status_code=201, response_model=StaffOut, summary="Add a staff member")
async def add_staff(
    body: StaffIn, runtime: RuntimeDep, ref: ReferenceDep, user: StaffOrOperator, idempotency_key: IdempotencyKey = None
) -> Response:
    """Adds (or updates) a case manager or coach of an office, with specialties."""

    async def added(tx: Transaction) -> StaffOut:
        return StaffOut.of(await roster.add_staff(tx, body.to_member(), ref, user))

    return await runtime.idempotent.run(idempotency_key, user, body, added)


@router.get("/caseloads", response_model=list[CaseloadOut], summary="Caseloads against the ratios")
async def caseloads(
    runtime: RuntimeDep, ref: ReferenceDep, user: StaffOrOperator, office_id: OfficeId | None = None
) -> list[CaseloadOut]:
    async with runtime.uow.transaction() as tx:
        loads = await roster.caseloads(tx, ref, user, office_id)
    return [CaseloadOut.model_validate(c, from_attributes=True) for c in loads]
