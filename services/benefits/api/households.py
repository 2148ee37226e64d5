"""HTTP routes of households: the clerk's inputs, the household view, its decisions, what-if computations."""

from __future__ import annotations

import json
from datetime import date, datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.decisions import DecisionSummaryOut
from services.benefits.schemas.households import HouseholdIn, HouseholdOut, HouseholdPutOut, WhatIfIn, WhatIfOut
from services.benefits.use_cases import decisions, households
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import StaffDate
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.problems import problem
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/households", tags=["households"])
BERLIN = ZoneInfo("Europe/Berlin")  # the office's business month
# A migrated client's household is entered by the journey's worker as a clerk enters it (issue #13); it reads
# nothing here and enters nothing else. The office check is the use case's, as for the clerk.
HouseholdEntry = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK, Role.JOURNEY_WORKER))]


@router.put("/{household_id}", response_model=HouseholdPutOut, summary="Enter a household's inputs")
async def enter_household(
    household_id: UUID,
    body: HouseholdIn,
    runtime: RuntimeDep,
    user: HouseholdEntry,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Stores the inputs from `month` on and computes the entitlement. When the monthly amount changes, a
    decision (grant, change or end) is stored and announced (`entitlement_granted/changed/ended.v1`).
    404 while intake's registration of the household has not arrived yet. The reply leaves out the inputs,
    results and explanations (special-category data): it is kept for idempotent retries.

    When the rule tables have no figures for `month`, the inputs are still stored and the decision is recorded
    as pending (`pending_decisions` of GET /households/{household_id}); the answer is a 422 naming `month` with
    `kept: true`. The service decides it by itself at the first start whose tables have the figures."""
    command, by = body.to_command(household_id), sealing(user, vault, purpose)
    stored = await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(HouseholdPutOut, households.enter_household(tx, command, by)),
        status_code=200,
    )
    return _kept_as_problem(stored)


def _kept_as_problem(stored: Response) -> Response:
    """A kept entry is still a 422 for the clerk (not decided), though committed: its reply, kept for retries
    like any other, says so, and each answer (a retry's too) turns it into the problem."""
    pending = json.loads(bytes(stored.body)).get("pending")
    if pending is None:
        return stored
    month, missing_on = date.fromisoformat(pending["month"]), date.fromisoformat(pending["missing_on"])
    reason = (
        f"cannot be decided yet: the rule tables have no '{pending['missing_rule']}' for {missing_on:%Y-%m}. "
        f"The entry from {month:%Y-%m} is kept and will be decided automatically once the figures for that "
        "month are in the rule tables; it need not be entered again"
    )
    answer = problem(
        422,
        "Entry kept, not decided yet",
        f"month: {reason}",
        errors=[{"field": "month", "reason": reason}],
        kept=True,
        pending_decision=pending,
    )
    answer.headers.update({k: v for k, v in stored.headers.items() if k.lower() == "idempotent-replayed"})
    return answer


@router.get("/{household_id}", response_model=HouseholdOut, summary="A household and its current entitlement")
async def get_household(
    household_id: UUID,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    month: Annotated[
        StaffDate | None, Query(description="the month whose entitlement to show; default: the current month")
    ] = None,
) -> HouseholdOut:
    shown = (month or datetime.now(BERLIN).date()).replace(day=1)
    async with runtime.uow.transaction() as tx:
        return await reply(
            HouseholdOut, households.household_view(tx, household_id, sealing(user, vault, purpose), shown)
        )


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
