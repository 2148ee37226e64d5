"""HTTP routes of households: the clerk's inputs, the household view, its decisions, what-if computations."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.decisions import DecisionSummaryOut
from services.benefits.schemas.households import HouseholdIn, HouseholdOut, HouseholdPutOut, WhatIfIn, WhatIfOut
from services.benefits.use_cases import decisions, households
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/households", tags=["households"])


@router.put("/{household_id}", response_model=HouseholdPutOut, summary="Enter a household's inputs")
async def enter_household(
    household_id: UUID,
    body: HouseholdIn,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Stores the inputs from `month` on and computes the entitlement. When the monthly amount changes, a
    decision (grant, change or end) is stored and announced (`entitlement_granted/changed/ended.v1`).
    404 while intake's registration of the household has not arrived yet. The reply leaves out the inputs,
    results and explanations (special-category data): it is kept for idempotent retries."""
    command, by = body.to_command(household_id), sealing(user, vault, purpose)
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(HouseholdPutOut, households.enter_household(tx, command, by)),
        status_code=200,
    )


@router.get("/{household_id}", response_model=HouseholdOut, summary="A household and its current entitlement")
async def get_household(
    household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk, vault: SpecialCategoriesDep, purpose: Purpose
) -> HouseholdOut:
    async with runtime.uow.transaction() as tx:
        return await reply(HouseholdOut, households.household_view(tx, household_id, sealing(user, vault, purpose)))


@router.get(
    "/{household_id}/decisions",
    response_model=list[DecisionSummaryOut],
    summary="A household's decisions, oldest first",
)
async def list_decisions(household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> list[DecisionSummaryOut]:
    async with runtime.uow.transaction() as tx:
        found = await decisions.household_decisions(tx, household_id, user)
    return [DecisionSummaryOut.model_validate(decision, from_attributes=True) for decision in found]


@router.post("/{household_id}/what-if", response_model=WhatIfOut, summary="Compute a month under assumed pay")
async def what_if(
    household_id: UUID,
    body: WhatIfIn,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
) -> WhatIfOut:
    """The full computation with its explanation; stores nothing. 422 naming `month` when no rules are known."""
    async with runtime.uow.transaction() as tx:
        return await reply(
            WhatIfOut, households.what_if(tx, body.to_command(household_id), sealing(user, vault, purpose))
        )
