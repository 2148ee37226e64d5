"""MonthlyPaymentRun (`payments-YYYY-MM`) and the PaymentRunTrigger the schedule starts.

The run only orchestrates: plan the shards, then per shard one `pay_pages` activity after
the other (each a few batches, heartbeated), then fetch the reconciled report. Its history
stays small — about six events per activity call, i.e. ~1,500 events for 500,000 households
at the defaults — and it continues as new when Temporal suggests it (or after
`continue_as_new_after` calls), carrying cursors and totals in `RunState`.
"""

from __future__ import annotations

import asyncio
from datetime import datetime, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy, WorkflowIDReusePolicy
from temporalio.exceptions import WorkflowAlreadyStartedError

with workflow.unsafe.imports_passed_through():
    from workflows.payments.activities import PaymentActivities
    from workflows.payments.calendar import berlin_date, first_working_day
    from workflows.payments.models import (
        PagesRequest,
        PlanRequest,
        RunOptions,
        RunResult,
        RunState,
        Shard,
        TriggerInput,
        TriggerOutcome,
    )
    from workflows.search_attributes import SCHEDULED_START

TASK_QUEUE = "payments"


def retry(options: RunOptions) -> RetryPolicy:
    """Transient trouble (network, 5xx, a restarting service) is retried for as long as it lasts, backing
    off to `retry_max_interval`; 4xx answers come back from the ServiceClient as non-retryable errors."""
    return RetryPolicy(
        initial_interval=timedelta(seconds=1), backoff_coefficient=2.0, maximum_interval=options.retry_max_interval
    )


def run_id_for(prefix: str, month_text: str) -> str:
    return f"{prefix}-{month_text}"


@workflow.defn(name="MonthlyPaymentRun")
class MonthlyPaymentRun:
    @workflow.init
    def __init__(self, state: RunState) -> None:
        self._state = state
        self._calls_this_run = 0

    @workflow.run
    async def run(self, state: RunState) -> RunResult:
        if not self._state.shards:
            await self._plan()
        self._describe()
        await asyncio.gather(*(self._pay(shard) for shard in self._state.shards if not shard.done))
        if not all(shard.done for shard in self._state.shards):
            await workflow.wait_condition(workflow.all_handlers_finished)
            self._state.continued_as_new += 1
            workflow.continue_as_new(self._state)
        report = await workflow.execute_activity_method(
            PaymentActivities.report,
            self._state.month,
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=retry(self._state.options),
        )
        self._state.finished = True
        self._describe(
            f"; report: {report.paid_count:,} paid, {report.failed_count:,} failed, "
            f"reconciled: {report.reconciliation.reconciled}"
        )
        return RunResult(state=self._state, report=report)

    @workflow.query
    def progress(self) -> RunState:
        return self._state

    async def _plan(self) -> None:
        plan = await workflow.execute_activity_method(
            PaymentActivities.plan,
            PlanRequest(month=self._state.month, shards=self._state.options.shards),
            start_to_close_timeout=timedelta(minutes=2),
            retry_policy=retry(self._state.options),
        )
        self._state.expected_count = plan.payable_count
        self._state.shards = [
            Shard(index=i, after=p.after, until=p.until, cursor=p.after) for i, p in enumerate(plan.partitions)
        ]

    async def _pay(self, shard: Shard) -> None:
        options = self._state.options
        while not shard.done and not self._time_to_continue_as_new():
            self._calls_this_run += 1
            done = await workflow.execute_activity_method(
                PaymentActivities.pay_pages,
                PagesRequest(
                    run_id=self._state.run_id,
                    month=self._state.month,
                    shard=shard,
                    batch_size=options.batch_size,
                    max_pages=options.pages_per_activity,
                    request_timeout=options.request_timeout,
                ),
                start_to_close_timeout=options.activity_timeout,
                heartbeat_timeout=options.heartbeat_timeout,
                retry_policy=retry(self._state.options),
            )
            shard.cursor, shard.done = done.checkpoint.cursor, done.checkpoint.done
            shard.totals = shard.totals.plus(done.checkpoint.totals)
            self._state.activity_calls += 1
            self._state.resumed_from_heartbeat += done.resumed
            self._describe()

    def _time_to_continue_as_new(self) -> bool:
        limit = self._state.options.continue_as_new_after
        return workflow.info().is_continue_as_new_suggested() or (limit is not None and self._calls_this_run >= limit)

    def _describe(self, suffix: str = "") -> None:
        s, totals = self._state, self._state.totals
        expected = f"~{s.expected_count:,}" if s.expected_count is not None else "?"
        cursors = ", ".join(str(shard.cursor) for shard in s.shards if not shard.done) or "done"
        workflow.set_current_details(
            f"{s.run_id}: paid {totals.paid_count:,} of {expected} ({totals.paid_sum:,} EUR), "
            f"{totals.failed_count:,} failed; cursor {cursors}{suffix}"
        )


@workflow.defn(name="PaymentRunTrigger")
class PaymentRunTrigger:
    """Started by the schedule on the first weekdays of each month; starts the month's run when it is due.

    Due from the first working day on (weekends and nationwide holidays excluded). The run's
    id is `payments-YYYY-MM`, reuse policy ALLOW_DUPLICATE_FAILED_ONLY: while the month's run
    is running or has completed, a further trigger is a no-op (WorkflowAlreadyStartedError);
    a run that failed or was terminated is started again by the next day's trigger — safe,
    because payments are unique per (month, household) in the benefits database.
    """

    @workflow.run
    async def run(self, trigger: TriggerInput) -> TriggerOutcome:
        today = trigger.today or berlin_date(self._scheduled_time())
        month = today.replace(day=1)
        due = first_working_day(month)
        outcome = TriggerOutcome(today=today, month=month, first_working_day=due, note="")
        if today < due:
            return outcome.model_copy(update={"note": "not yet due: before the month's first working day"})
        run_id = run_id_for(trigger.run_id_prefix, f"{month:%Y-%m}")
        try:
            await workflow.start_child_workflow(
                MonthlyPaymentRun.run,
                RunState(run_id=run_id, month=month, options=trigger.options),
                id=run_id,
                task_queue=workflow.info().task_queue,
                parent_close_policy=workflow.ParentClosePolicy.ABANDON,
                id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
            )
        except WorkflowAlreadyStartedError:
            return outcome.model_copy(update={"note": f"{run_id} is already running or has completed"})
        return outcome.model_copy(update={"started": run_id, "note": f"started {run_id}"})

    @staticmethod
    def _scheduled_time() -> datetime:
        """The schedule's nominal time (not the start time: a late or caught-up start keeps its date)."""
        return workflow.info().typed_search_attributes.get(SCHEDULED_START) or workflow.now()
