"""HTTP route of a continuation application (Weiterbewilligungsantrag) for a household's next approval period."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Query, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.continuations import ContinuationIn, ContinuationOut, EndingPeriodPage
from services.benefits.schemas.households import StaffMonth
from services.benefits.use_cases import continuations, ending_periods
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/households", tags=["households"])
periods = APIRouter(prefix="/approval-periods", tags=["households"])
BERLIN = ZoneInfo("Europe/Berlin")  # the office's business date: an application cannot be received tomorrow


def _today() -> date:
    return datetime.now(BERLIN).date()


@router.post(
    "/{household_id}/continuation",
    response_model=ContinuationOut,
    summary="Apply for the next approval period (Weiterbewilligung)",
)
async def apply_for_continuation(
    household_id: UUID,
    body: ContinuationIn,
    runtime: RuntimeDep,
    user: BenefitsClerk,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Decides the next approval period (§ 41 Abs. 3 SGB II: 12 months, 6 when provisional or the housing costs
    are not appropriate) from the month after the current one ends, or from the month of an application made after
    the end (§ 37 Abs. 2 S. 2): a grant with cause `continuation`, announced as `entitlement_granted.v1`.
    `decision` is null when the household is no longer in need (`reason` says why). 422 naming `household_id`
    without a grant in force, `applied_on` when already continued, before the month before the period's last
    month or after today, `household` when the entered inputs no longer hold."""
    application, by = body.to_application(household_id), sealing(user, vault, purpose)
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ContinuationOut, continuations.apply_for_continuation(tx, application, _today(), by)),
        status_code=200,
    )


@periods.get(
    "/ending", response_model=EndingPeriodPage, summary="Bewilligungszeitraum endet: periods ending in a month"
)
async def list_ending_periods(
    runtime: RuntimeDep,
    user: BenefitsClerk,
    month: Annotated[StaffMonth, Query(description="first day of the month the approval periods end in")],
    office_id: OfficeId | None = None,
    after: Annotated[UUID | None, Query(description="next_cursor of the previous page")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
) -> EndingPeriodPage:
    """Households of the caller's offices whose approval period in force ends in `month` and that have not been
    granted the next one: the continuation applications to expect (`POST /households/{id}/continuation`). An
    entitlement that ended is not listed (a new application is a PUT). By household id, a page at a time."""
    query = ending_periods.FindEndingPeriods(month, office_id, after, limit)
    async with runtime.uow.transaction() as tx:
        return await reply(EndingPeriodPage, ending_periods.ending_periods(tx, query, user))
