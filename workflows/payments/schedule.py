"""The Temporal Schedule "monthly-payment-run" and how a month's run is started by hand.

Calendar: 06:00 Europe/Berlin on Monday–Friday among days 1–7 of every month. Which of
those mornings is the first working day (holidays move with Easter) is decided in the
trigger workflow by a pure, unit-tested function, rather than in calendar entries that would
have to be recomputed every year. Overlap SKIP: a trigger still running (e.g. no worker)
makes the next morning's trigger skip rather than queue. The catch-up window of 28 days lets
a schedule that was down on the first working day still start the month's run later in it.
"""

from __future__ import annotations

import dataclasses
from datetime import date, timedelta

from temporalio.client import (
    Client,
    Schedule,
    ScheduleActionStartWorkflow,
    ScheduleAlreadyRunningError,
    ScheduleCalendarSpec,
    ScheduleOverlapPolicy,
    SchedulePolicy,
    ScheduleRange,
    ScheduleSpec,
    ScheduleUpdate,
    ScheduleUpdateInput,
    WorkflowHandle,
)
from temporalio.common import WorkflowIDConflictPolicy, WorkflowIDReusePolicy

from workflows.payments.calendar import LATEST_FIRST_WORKING_DAY
from workflows.payments.models import RunOptions, RunResult, RunState, TriggerInput
from workflows.payments.workflow import TASK_QUEUE, MonthlyPaymentRun, PaymentRunTrigger, run_id_for

SCHEDULE_ID = "monthly-payment-run"
RUN_HOUR = 6


def payment_schedule(task_queue: str = TASK_QUEUE, trigger: TriggerInput | None = None) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            PaymentRunTrigger.run,
            trigger or TriggerInput(),
            id="payment-run-trigger",
            task_queue=task_queue,
            execution_timeout=timedelta(hours=1),
        ),
        spec=ScheduleSpec(
            calendars=[
                ScheduleCalendarSpec(
                    hour=[ScheduleRange(RUN_HOUR)],
                    day_of_month=[ScheduleRange(1, LATEST_FIRST_WORKING_DAY)],
                    day_of_week=[ScheduleRange(1, 5)],
                    comment="first weekdays of the month; the trigger starts the run on the first working day",
                )
            ],
            time_zone_name="Europe/Berlin",
        ),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=timedelta(days=28)),
    )


async def ensure_schedule(
    client: Client, *, schedule_id: str = SCHEDULE_ID, task_queue: str = TASK_QUEUE, trigger: TriggerInput | None = None
) -> None:
    """Create the schedule, or bring an existing one up to this definition (idempotent; call at worker start).

    An existing schedule keeps its state: one an operator paused stays paused across deploys.
    """
    schedule = payment_schedule(task_queue, trigger)
    try:
        await client.create_schedule(schedule_id, schedule)
    except ScheduleAlreadyRunningError:

        def replace(current: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=dataclasses.replace(schedule, state=current.description.schedule.state))

        await client.get_schedule_handle(schedule_id).update(replace)


async def start_run(
    client: Client,
    month: date,
    options: RunOptions | None = None,
    *,
    prefix: str = "payments",
    task_queue: str = TASK_QUEUE,
    again: bool = False,
) -> WorkflowHandle[MonthlyPaymentRun, RunResult]:
    """Start (or join) the month's run by hand. `again=True` starts a new run of a completed month —
    it pays only households not yet paid, e.g. entitlements granted after the run."""
    run_id = run_id_for(prefix, f"{month:%Y-%m}")
    return await client.start_workflow(
        MonthlyPaymentRun.run,
        RunState(run_id=run_id, month=month, options=options or RunOptions()),
        id=run_id,
        task_queue=task_queue,
        id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
        id_reuse_policy=WorkflowIDReusePolicy.ALLOW_DUPLICATE
        if again
        else WorkflowIDReusePolicy.ALLOW_DUPLICATE_FAILED_ONLY,
    )
