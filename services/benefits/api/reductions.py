"""HTTP routes of reductions (§§ 31a, 31b, 32, 7b Abs. 4 SGB II): determined after a hearing, lifted by staff.

A benefits clerk acts in their own name, and determines on the day they do; the hearing workflow (role
journey_worker) acts for the authorised person who decided in the hearing, names them and the day it was decided
on its calendar. Both act only for the household's office.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated
from uuid import UUID
from zoneinfo import ZoneInfo

from fastapi import APIRouter, Depends, Response

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.reductions import DecidedOut, LiftIn, MonthIn, ReductionIn, ReductionOut
from services.benefits.use_cases import reductions
from services.benefits.use_cases.special_categories import Sealing
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import RuleViolation
from services.platform.http.idempotency import IdempotencyKey
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.privacy.vault import SpecialCategories
from services.platform.service_app import RuntimeDep
from services.platform.unit_of_work import Transaction

router = APIRouter(prefix="/households", tags=["reductions"])
Decider = Annotated[StaffUser, Depends(require_roles(Role.BENEFITS_CLERK, Role.JOURNEY_WORKER))]
BERLIN = ZoneInfo("Europe/Berlin")  # the office's business date


def _today() -> date:
    return datetime.now(BERLIN).date()


def _acting(
    user: StaffUser, vault: SpecialCategories, purpose: str, named: str | None, field: str
) -> tuple[Sealing, str]:
    """Who is recorded: the clerk, or the person the hearing workflow names (the service then decides itself)."""
    if Role.BENEFITS_CLERK in user.roles:
        if named is not None and named != user.staff_id:
            raise RuleViolation(field, "a benefits clerk determines in their own name")
        return sealing(user, vault, purpose), user.staff_id
    if named is None:
        raise RuleViolation(field, "the hearing workflow must name the authorised person who decided")
    return Sealing(vault, user, f"hearing: {purpose}", automatic=True), named


@router.post(
    "/{household_id}/reductions", response_model=ReductionOut, status_code=201, summary="Determine a reduction"
)
async def determine_reduction(
    household_id: UUID,
    body: ReductionIn,
    runtime: RuntimeDep,
    user: Decider,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """Determines the sanction the law attaches to the incident by its date (§ 65a Abs. 2) and decides its first
    month (the month after it is made known, § 31b Abs. 1 S. 1 with §§ 37, 39 SGB X) as a change decision. 422
    after the six months of § 31b Abs. 1 S. 3, and for a clerk's `determined_on` other than today. Announced as
    `reduction_determined.v1` (ids, months, amounts). `change_months`: the months whose amount it changes; the
    hearing workflow asks for each to be decided when it comes."""
    acting, by = _acting(user, vault, purpose, body.determined_by, "determined_by")
    command = reductions.DetermineReduction(
        household_id,
        body.client_id,
        body.incident,
        body.occurred_on,
        body.determined_on,
        by,
        body.consecutive_misses,
        body.made_known_on,
        body.sperrzeit_from,
        clerks_today=_today() if Role.BENEFITS_CLERK in user.roles else None,
    )

    async def run(tx: Transaction) -> ReductionOut:
        determined = await reductions.determine_reduction(tx, command, acting)
        return ReductionOut.of(determined.row, determined)

    return await runtime.idempotent.run(idempotency_key, user, body, run, status_code=201)


@router.get(
    "/{household_id}/reductions", response_model=list[ReductionOut], summary="A household's reductions, oldest first"
)
async def list_reductions(household_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> list[ReductionOut]:
    """Each reduction with its percentage, period (months, or days from `from_day` to `until`) and lift; staff of
    the household's office only (403 otherwise)."""
    async with runtime.uow.transaction() as tx:
        return [ReductionOut.of(row) for row in await reductions.household_reductions(tx, household_id, user)]


@router.post("/{household_id}/reductions/{reduction_id}/lift", response_model=ReductionOut, summary="Lift a reduction")
async def lift_reduction(
    household_id: UUID,
    reduction_id: UUID,
    body: LiftIn,
    runtime: RuntimeDep,
    user: Decider,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """§ 31a Abs. 1 S. 2 with § 31b Abs. 2 S. 2 (a breach: lifted after at least one month, from the month after
    the fulfilment; a Sperrzeit's period by days: from the day of the fulfilment, or the day its first month is
    over), § 7b Abs. 4 S. 3, 5 (reported in person). A missed appointment's reduction is not lifted, nor one whose
    period is over by then (422); a second lift is a 409. Decides the month it is lifted from (and, lifted on a
    day inside it, the next); announced as `reduction_lifted.v1` (`lifted_on_day` for a lift by day)."""
    acting, by = _acting(user, vault, purpose, body.lifted_by, "lifted_by")
    command = reductions.LiftReduction(household_id, reduction_id, body.fulfilled_on, by)

    async def run(tx: Transaction) -> ReductionOut:
        return ReductionOut.of(await reductions.lift_reduction(tx, command, acting))

    return await runtime.idempotent.run(idempotency_key, user, body, run, status_code=200)


@router.post(
    "/{household_id}/reductions/{reduction_id}/months",
    response_model=DecidedOut,
    summary="Decide a month whose amount a reduction changes",
)
async def decide_month(
    household_id: UUID,
    reduction_id: UUID,
    body: MonthIn,
    runtime: RuntimeDep,
    user: Decider,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """One of the reduction's `change_months` (its end; the second month of § 7b Abs. 4), decided under every
    reduction in force then; a month already decided with the same result changes nothing (`decision_id` null).
    The end of a reduction period is announced as `reduction_lifted.v1`."""
    acting, by = _acting(user, vault, purpose, body.decided_by, "decided_by")
    month = body.month.replace(day=1)

    async def run(tx: Transaction) -> DecidedOut:
        outcome = await reductions.decide_month(tx, household_id, reduction_id, month, by, acting)
        decision = outcome.decision if outcome else None
        amount = outcome.after if outcome else 0
        return DecidedOut(month=month, decision_id=decision.decision_id if decision else None, monthly_amount=amount)

    return await runtime.idempotent.run(idempotency_key, user, body, run, status_code=200)
