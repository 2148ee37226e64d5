"""Benefits' HTTP routes."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Depends

from services.benefits import use_cases
from services.benefits.schemas import HouseholdOut
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/households", tags=["households"])
BenefitsStaff = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK))]


@router.get("/{household_id}", response_model=HouseholdOut, summary="A household and its earned income")
async def get_household(household_id: UUID, runtime: RuntimeDep, user: BenefitsStaff) -> HouseholdOut:
    async with runtime.uow.transaction() as tx:
        return await use_cases.household_view(tx, household_id, user)
