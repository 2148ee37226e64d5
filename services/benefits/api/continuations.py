"""HTTP route of a continuation application (Weiterbewilligungsantrag) for a household's next approval period."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.continuations import ContinuationIn, ContinuationOut
from services.benefits.use_cases import continuations
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/households", tags=["households"])
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
