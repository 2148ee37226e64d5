"""The reporting API: the § 48a indicators of a month, office-scoped.

Team leads see their office(s); management and operators every office of the Jobcenter (`*` in their token),
each office or all of them. Everybody else gets a 403 problem. Every figure carries its numerator, denominator and
paragraph; the groups of a breakdown are suppressed where they are small (`domain.suppression`).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.http.fields import OfficeId
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep
from services.reporting.schemas import BreakdownBy, IndicatorsOut, Month
from services.reporting.use_cases import indicators as use_cases
from services.reporting.use_cases.indicators import IndicatorQuery

router = APIRouter(prefix="/indicators", tags=["indicators"])
# Reporting only, no client data: each reads the offices of their token (`visible_offices`), management and
# operators of a Jobcenter with every office (`*`), a team lead with their own.
READERS = (Role.TEAM_LEAD, Role.MANAGEMENT, Role.OPERATOR)
Reader = Annotated[StaffUser, Depends(require_roles(*READERS))]


@router.get("", response_model=IndicatorsOut, summary="The month's indicators K1–K3 with their supplements")
async def get_indicators(
    runtime: RuntimeDep,
    user: Reader,
    month: Annotated[Month, Query(description="the Bezugsmonat, its first day: 2026-08-01")],
    office_id: Annotated[
        OfficeId | None, Query(description="one office; default: every office the caller sees")
    ] = None,
    breakdown: Annotated[BreakdownBy | None, Query(description="one group of figures per value")] = None,
) -> IndicatorsOut:
    """K1–K1E4 (§ 4), K2–K2E4 (§ 5, K2E3 = kontinuierliche Beschäftigung), K3–K3E4 (§ 6) of the
    Kennzahlen-Verordnung for the Bezugsmonat. K1 and K1E1 of an office are its households' sums; by sex,
    programme or target group the sums of the members' need shares (§ 9 Abs. 2 S. 3 SGB II)."""
    query = IndicatorQuery(month, office_id, breakdown)
    async with runtime.uow.transaction() as tx:
        return await reply(IndicatorsOut, use_cases.indicators(tx, query, user))


ROUTERS = (router,)
