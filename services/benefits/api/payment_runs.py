"""HTTP routes of the payment run. Runs cover the whole district: ordering needs all offices."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from services.benefits.domain.payment_runs import parse_month
from services.benefits.schemas.payment_runs import BatchIn, BatchOut, BatchRequest, PlanOut, RunReport
from services.benefits.use_cases import payment_reports, payment_runs
from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/payment-runs", tags=["payments"])
RunOperator = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR))]
RunReader = Annotated[StaffUser, Depends(require_roles(Role.JOURNEY_WORKER, Role.OPERATOR, Role.BENEFITS_CLERK))]
Month = Annotated[str, Path(description="the month paid, YYYY-MM (paid in advance at its start, § 42 Abs. 1 SGB II)")]


def _district_wide(user: StaffUser) -> None:
    """A run covers every office: only who acts for all of them ('*') orders or plans it."""
    user.require_office(ALL_OFFICES)


@router.post("/{month}/batches", response_model=BatchOut, summary="Pay the next batch of the month's roll")
async def pay_batch(
    month: Month, body: BatchIn, runtime: RuntimeDep, user: RunOperator, idempotency_key: IdempotencyKey = None
) -> Response:
    _district_wide(user)
    request = BatchRequest(month=parse_month(month), **body.model_dump())
    command = request.to_command()
    return await runtime.idempotent.run(
        idempotency_key, user, request, lambda tx: reply(BatchOut, payment_runs.pay_batch(tx, command)), status_code=200
    )


@router.get("/{month}/plan", response_model=PlanOut, summary="Size of the month's roll and its shards")
async def plan(
    month: Month, runtime: RuntimeDep, user: RunOperator, shards: Annotated[int, Query(ge=1, le=64)] = 1
) -> PlanOut:
    _district_wide(user)
    async with runtime.uow.transaction() as tx:
        return await reply(PlanOut, payment_reports.plan_run(tx, parse_month(month), shards))


@router.get("/{month}", response_model=RunReport, summary="The month's run, reconciled against the roll")
async def report(month: Month, runtime: RuntimeDep, user: RunReader) -> RunReport:
    async with runtime.uow.transaction() as tx:
        return await reply(RunReport, payment_reports.run_report(tx, parse_month(month), user))
