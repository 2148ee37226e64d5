"""Activities of the payment run: they call the benefits API, nothing else.

`pay_pages` loops over a bounded number of batches and heartbeats a checkpoint (cursor +
totals) after each. A retried attempt — worker crash, deploy, heartbeat timeout, service
down — resumes from the last checkpoint the server received. Batches committed after that
checkpoint are requested again with the same idempotency key, derived from (run, workflow
execution, shard, cursor), and the service answers them from its idempotency store, so the
totals stay exact; the unique (month, household) row would stop a double payment anyway.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from temporalio import activity

from workflows.payments.models import Checkpoint, PagesDone, PagesRequest, PlanRequest, RunPlan, RunReport, Totals
from workflows.service_client import ServiceClient
from workflows.settings import WorkerSettings

# A batch is never "not there yet" (404): only overload and timeouts are worth retrying besides 5xx.
BATCH_RETRYABLE = frozenset({408, 425, 429})
# Keeps the workflow result far below Temporal's 2 MB payload limit however many households failed.
FAILURES_IN_RESULT = 1000


def month_path(month: date) -> str:
    return f"/payment-runs/{month:%Y-%m}"


class PaymentActivities:
    def __init__(self, settings: WorkerSettings) -> None:
        self._settings = settings

    def _benefits(self, timeout: float = 20.0) -> ServiceClient:
        return ServiceClient(self._settings.benefits_url, self._settings, timeout=timeout)

    @activity.defn(name="plan_payment_run")
    async def plan(self, request: PlanRequest) -> RunPlan:
        api = self._benefits()
        try:
            body = await api.get(
                f"{month_path(request.month)}/plan", params={"shards": request.shards}, retryable=BATCH_RETRYABLE
            )
        finally:
            await api.aclose()
        return RunPlan.model_validate(body)

    @activity.defn(name="pay_payment_pages")
    async def pay_pages(self, request: PagesRequest) -> PagesDone:
        checkpoint, resumed = _resume(request)
        api = self._benefits(request.request_timeout.total_seconds())
        try:
            while not checkpoint.done and checkpoint.pages < request.max_pages:
                reply = await api.send(
                    "POST",
                    f"{month_path(request.month)}/batches",
                    _batch_body(request, checkpoint),
                    idempotency_key=_key(request, checkpoint),
                    retryable=BATCH_RETRYABLE,
                )
                checkpoint = _advance(checkpoint, reply)
                activity.heartbeat(checkpoint)
        finally:
            await api.aclose()
        return PagesDone(checkpoint=checkpoint, resumed=resumed)

    @activity.defn(name="report_payment_run")
    async def report(self, month: date) -> RunReport:
        """The month's reconciled report; failures listed up to a bound (all of them stay in the service)."""
        api = self._benefits()
        try:
            report = RunReport.model_validate(await api.get(month_path(month), retryable=BATCH_RETRYABLE))
        finally:
            await api.aclose()
        return report.model_copy(update={"failures": report.failures[:FAILURES_IN_RESULT]})


def _resume(request: PagesRequest) -> tuple[Checkpoint, bool]:
    details = activity.info().heartbeat_details
    if details:
        return Checkpoint.model_validate(details[0]), True
    return Checkpoint(cursor=request.shard.cursor), False


def _batch_body(request: PagesRequest, checkpoint: Checkpoint) -> dict[str, Any]:
    until = request.shard.until
    return {
        "after": str(checkpoint.cursor) if checkpoint.cursor else None,
        "limit": request.batch_size,
        "until": str(until) if until else None,
    }


def _key(request: PagesRequest, checkpoint: Checkpoint) -> str:
    """Same batch of the same execution → same key; a new execution of the month asks afresh."""
    execution = activity.info().workflow_run_id
    return f"{request.run_id}/{execution}/{request.shard.index}/{checkpoint.cursor or 'start'}"


def _advance(checkpoint: Checkpoint, reply: dict[str, Any]) -> Checkpoint:
    batch = Totals(paid_count=reply["paid_count"], paid_sum=reply["paid_sum"], failed_count=reply["failed_count"])
    return Checkpoint(
        cursor=reply["last_household_id"],
        done=reply["done"],
        pages=checkpoint.pages + 1,
        totals=checkpoint.totals.plus(batch),
    )
