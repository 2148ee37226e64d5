"""HTTP route of the savings from employment starts (seed 003)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Query

from services.benefits.domain.approval import add_months
from services.benefits.domain.savings import GroupBy
from services.benefits.schemas.savings import SavingsOut
from services.benefits.use_cases.savings import savings_in
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import StaffDate
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/savings", tags=["savings"])
BERLIN = ZoneInfo("Europe/Berlin")
SavingsReader = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK, Role.OPERATOR))]


@router.get("", response_model=SavingsOut, summary="Savings from employment starts")
async def get_savings(
    runtime: RuntimeDep,
    user: SavingsReader,
    group_by: GroupBy = GroupBy.OFFICE,
    first: Annotated[
        StaffDate | None, Query(alias="from", description="first month; default: 11 months before `to`")
    ] = None,
    last: Annotated[
        StaffDate | None, Query(alias="to", description="last month; default: the current month (Europe/Berlin)")
    ] = None,
) -> SavingsOut:
    """Monthly amount before and after each employment start, summed per group; `accumulated_saving` adds
    the saving of every month in the range while the employment lasted."""
    last = last or datetime.now(BERLIN).date()
    async with runtime.uow.transaction() as tx:
        return await reply(
            SavingsOut, savings_in(tx, group_by, first or add_months(last.replace(day=1), -11), last, user)
        )
