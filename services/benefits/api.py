"""Benefits' HTTP routes: parse, call a use case, shape the reply."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query, Response

from services.benefits import decisions as decision_reads
from services.benefits import households as household_cases
from services.benefits.domain.approval import add_months
from services.benefits.responses import (
    DecisionOut,
    DecisionSummaryOut,
    HouseholdOut,
    HouseholdPutOut,
    SavingsOut,
    WhatIfOut,
)
from services.benefits.savings import savings_in
from services.benefits.savings_report import GroupBy
from services.benefits.schemas import HouseholdIn, WhatIfIn
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.service_app import RuntimeDep

households = APIRouter(prefix="/households", tags=["households"])
decisions = APIRouter(prefix="/decisions", tags=["decisions"])
savings = APIRouter(prefix="/savings", tags=["savings"])
BenefitsClerk = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK))]
BERLIN = ZoneInfo("Europe/Berlin")
SavingsReader = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK, Role.OPERATOR))]


@households.put("/{household_id}", response_model=HouseholdPutOut, summary="Enter a household's inputs")
async def enter_household(household_id: UUID, body: HouseholdIn, runtime: RuntimeDep, user: BenefitsClerk,
                          idempotency_key: IdempotencyKey = None) -> Response:
    """Stores the inputs from `month` on and computes the entitlement. When the monthly amount changes, a
    decision (grant, change or end) is stored and announced (`entitlement_granted/changed/ended.v1`).
    404 while intake's registration of the household has not arrived yet."""
    return await runtime.idempotent.run(
        idempotency_key, user, body,
        lambda tx: household_cases.enter_household(tx, household_id, body, user), status_code=200,
    )


@households.get("/{household_id}", response_model=HouseholdOut, summary="A household and its current entitlement")
async def get_household(household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> HouseholdOut:
    async with runtime.uow.transaction() as tx:
        return await household_cases.household_view(tx, household_id, user)


@households.get("/{household_id}/decisions", response_model=list[DecisionSummaryOut],
                summary="A household's decisions, oldest first")
async def list_decisions(household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> list[DecisionSummaryOut]:
    async with runtime.uow.transaction() as tx:
        return await decision_reads.household_decisions(tx, household_id, user)


@households.post("/{household_id}/what-if", response_model=WhatIfOut, summary="Compute a month under assumed pay")
async def what_if(household_id: UUID, body: WhatIfIn, runtime: RuntimeDep, user: BenefitsClerk) -> WhatIfOut:
    """The full computation with its explanation; stores nothing. 422 naming `month` when no rules are known."""
    async with runtime.uow.transaction() as tx:
        return await household_cases.what_if(tx, household_id, body, user)


@decisions.get("/{decision_id}", response_model=DecisionOut, summary="One decision: inputs, result, explanation")
async def get_decision(decision_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> DecisionOut:
    async with runtime.uow.transaction() as tx:
        return await decision_reads.one_decision(tx, decision_id, user)


@savings.get("", response_model=SavingsOut, summary="Savings from employment starts")
async def get_savings(runtime: RuntimeDep, user: SavingsReader, group_by: GroupBy = GroupBy.OFFICE,
                      first: Annotated[date | None, Query(alias="from", description="first month; default: "
                                                                                    "11 months before `to`")] = None,
                      last: Annotated[date | None, Query(alias="to", description="last month; default: the current "
                                                                                 "month (Europe/Berlin)")] = None,
                      ) -> SavingsOut:
    """Monthly amount before and after each employment start, summed per group; `accumulated_saving` adds
    the saving of every month in the range while the employment lasted."""
    last = last or datetime.now(BERLIN).date()
    async with runtime.uow.transaction() as tx:
        return await savings_in(tx, group_by, first or add_months(last.replace(day=1), -11), last, user)
