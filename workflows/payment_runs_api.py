"""The payment runs API (served with the journeys API): an operator starts a month's run and watches it.

POST /payment-runs {"month": "YYYY-MM-01"} starts `MonthlyPaymentRun` through `payments.schedule.start_run` — the
same way the schedule's trigger does, for a month the schedule missed or, in the demo, a month of its past
calendar. Idempotent by the workflow id `payments-YYYY-MM`: a running run is joined (USE_EXISTING), a completed one
answered as it is, so the same month twice never gives a second run; only a run that failed or was terminated is
started again (safe: payments are unique per month and household in benefits). `"supplementary": true` asks for a
further run of a month whose run has completed (`start_run(again=True)`): it pays only the households not yet paid
for the month — those decided after its run (a late grant, a continuation decided late) — and nobody twice.
GET /payment-runs/{month} is the run's status and figures: its `progress` query while it runs, the benefits report
in its result once completed. A run covers every office, so only operators acting for all of them ('*') may start
or read one.
"""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Request, Response
from pydantic import BaseModel, ConfigDict, Field
from temporalio.client import Client, WorkflowExecutionStatus, WorkflowHandle, WorkflowQueryFailedError
from temporalio.exceptions import WorkflowAlreadyStartedError
from temporalio.service import RPCError, RPCStatusCode

from services.platform.auth.dependencies import require_roles
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.http.fields import StaffDate
from workflows.payments.calendar import berlin_date
from workflows.payments.models import RunResult, RunState
from workflows.payments.run_months import month_refusal
from workflows.payments.schedule import start_run
from workflows.payments.workflow import TASK_QUEUE, MonthlyPaymentRun, run_id_for

router = APIRouter(prefix="/payment-runs", tags=["payments"])
_Operator = Annotated[StaffUser, Depends(require_roles(Role.OPERATOR))]
PROGRESS_WAIT = timedelta(seconds=5)
_MONTH = re.compile(r"^([0-9]{4})-([0-9]{2})(?:-01)?$")
PLAUSIBLE_YEARS = (1900, 2100)  # as for every date staff enter (services.platform.http.fields)
_STATUS = {
    WorkflowExecutionStatus.RUNNING: "running",
    WorkflowExecutionStatus.COMPLETED: "completed",
    WorkflowExecutionStatus.FAILED: "failed",
    WorkflowExecutionStatus.CANCELED: "canceled",
    WorkflowExecutionStatus.TERMINATED: "terminated",
    WorkflowExecutionStatus.TIMED_OUT: "timed_out",
    WorkflowExecutionStatus.CONTINUED_AS_NEW: "running",
}


class PaymentRunIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: StaffDate = Field(description="the month paid, by its first day (paid in advance, § 42 Abs. 1 SGB II)")
    supplementary: bool = Field(
        False,
        description="a further run of a month whose run has completed: pays only the households not yet paid for "
        "it (decided after its run); a running run is joined, nobody is paid twice",
    )


class PaymentRunOut(BaseModel):
    run_id: str = Field(description="the workflow id, `payments-YYYY-MM`")
    month: date
    status: str = Field(description="running, completed, failed, canceled, terminated or timed_out")
    expected_count: int | None = Field(None, description="households the plan found owed (None before the plan)")
    paid_count: int | None = Field(
        None, description="households paid: so far by this run while it runs, for the month once completed"
    )
    paid_sum: Decimal | None = None
    failed_count: int | None = None
    reconciled: bool | None = Field(None, description="the month's report balances (only once completed)")


class PaymentRuns:
    """The months' runs as Temporal holds them. `prefix` and `task_queue` let tests keep their runs apart."""

    def __init__(self, client: Client, *, prefix: str = "payments", task_queue: str = TASK_QUEUE) -> None:
        self._client, self._prefix, self._task_queue = client, prefix, task_queue

    def run_id(self, month: date) -> str:
        return run_id_for(self._prefix, f"{month:%Y-%m}")

    async def start(self, month: date, *, supplementary: bool = False) -> PaymentRunOut:
        try:
            await start_run(self._client, month, prefix=self._prefix, task_queue=self._task_queue, again=supplementary)
        except WorkflowAlreadyStartedError:
            pass  # completed: answered as it is; only a supplementary run starts a completed month again
        except RPCError as error:
            raise HTTPException(503, f"Temporal did not answer: {error.message}") from error
        # A run just started has not planned yet: its progress would say nothing, and would wait for a worker.
        return await self.state(month, progress=False)

    async def state(self, month: date, *, progress: bool = True) -> PaymentRunOut:
        # Without a run id the handle follows the chain of continue-as-new to its latest run.
        handle = self._client.get_workflow_handle_for(MonthlyPaymentRun.run, self.run_id(month))
        try:
            status = (await handle.describe()).status
            answer = PaymentRunOut(run_id=handle.id, month=month, status=_status(status))
            if status is WorkflowExecutionStatus.COMPLETED:
                return _completed(answer, await handle.result())
            if progress and status in (WorkflowExecutionStatus.RUNNING, WorkflowExecutionStatus.CONTINUED_AS_NEW):
                return await _running(answer, handle)
            return answer
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                raise NotFound("payment run of month", f"{month:%Y-%m}") from error
            raise HTTPException(503, f"Temporal did not answer: {error.message}") from error


def _status(status: WorkflowExecutionStatus | None) -> str:
    return _STATUS.get(status, "unknown") if status is not None else "unknown"


async def _running(answer: PaymentRunOut, handle: WorkflowHandle[MonthlyPaymentRun, RunResult]) -> PaymentRunOut:
    """The status is Temporal's and certain; the figures so far come from the run's query, and a busy or absent
    worker leaves them out rather than failing the answer (pollers ask again)."""
    try:
        state: RunState = await handle.query(MonthlyPaymentRun.progress, rpc_timeout=PROGRESS_WAIT)
    except (WorkflowQueryFailedError, RPCError):
        return answer
    totals = state.totals
    return answer.model_copy(
        update={
            "expected_count": state.expected_count,
            "paid_count": totals.paid_count,
            "paid_sum": totals.paid_sum,
            "failed_count": totals.failed_count,
        }
    )


def _completed(answer: PaymentRunOut, result: RunResult) -> PaymentRunOut:
    """The month's figures from benefits' reconciled report: the database's truth, whichever run paid them."""
    report = result.report
    return answer.model_copy(
        update={
            "expected_count": result.state.expected_count,
            "paid_count": report.paid_count,
            "paid_sum": report.paid_sum,
            "failed_count": report.failed_count,
            "reconciled": report.reconciliation.reconciled,
        }
    )


def _district_wide(user: StaffUser) -> None:
    user.require_office(ALL_OFFICES)


def parse_month(text: str) -> date:
    """`YYYY-MM` or `YYYY-MM-01` (the path's month; 422 naming `month` otherwise)."""
    match = _MONTH.match(text)
    if match is None or not 1 <= int(match[2]) <= 12 or not PLAUSIBLE_YEARS[0] <= int(match[1]) <= PLAUSIBLE_YEARS[1]:
        raise RuleViolation("month", f"{text!r} is not a month in the form YYYY-MM")
    return date(int(match[1]), int(match[2]), 1)


def get_payment_runs(request: Request) -> PaymentRuns:
    runs: PaymentRuns = request.app.state.payment_runs
    return runs


PaymentRunsDep = Annotated[PaymentRuns, Depends(get_payment_runs)]
Month = Annotated[str, Path(description="the month paid, YYYY-MM")]


@router.post(
    "",
    response_model=PaymentRunOut,
    status_code=202,
    summary="Start (or join) the month's payment run",
    responses={200: {"description": "the month's run has already completed: its figures, nothing started"}},
)
async def start_payment_run(
    body: PaymentRunIn, runs: PaymentRunsDep, user: _Operator, response: Response
) -> PaymentRunOut:
    """202 while the run pays, 200 once it has completed; the same month again answers the same run. 422 naming
    `month` for a day other than the first, a month before the rule tables' first or beyond next month."""
    _district_wide(user)
    refused = month_refusal(body.month, berlin_date(datetime.now(UTC)))
    if refused is not None:
        raise RuleViolation("month", refused)
    answer = await runs.start(body.month, supplementary=body.supplementary)
    response.status_code = 202 if answer.status == "running" else 200
    return answer


@router.get("/{month}", response_model=PaymentRunOut, summary="A month's payment run: status and figures")
async def get_payment_run(month: Month, runs: PaymentRunsDep, user: _Operator) -> PaymentRunOut:
    _district_wide(user)
    return await runs.state(parse_month(month))
