"""CohortTimer: one durable workflow per cohort (`cohort-<cohort id>`) that carries its duration.

Started by the bridge from `cohort_opened.v1` (USE_EXISTING: a redelivered opening changes nothing). It
sleeps until `remind_days_before` the cohort's last day (08:00 Europe/Berlin) and asks coaching for a
`cohort_outcome` task per member without an outcome, then sleeps until the morning after the last day and
asks coaching to close the cohort: the still-current participations end `completed` on the last day and the
members still without an outcome are named (the rule: services/coaching/domain/cohorts.py). Both calls carry
a key of their own, so a retried activity is answered once. A timer started after its moment acts at once.

Started with `seconds_per_month` (the demo), it sleeps on that compressed calendar (schedule.py) and closes
as of the morning after the last day on the cohort's calendar; timers started without it (and their recorded
histories) take the real-calendar path unchanged.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    import workflows.cohort.models as m
    from workflows.cohort.schedule import on_worker_clock

CALL_TIMEOUT = timedelta(seconds=30)
RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=1))
COMPRESSED = "cohort-compressed-calendar"  # workflow.patched: timers started on the demo's calendar
REMIND_AT = time(8)  # Europe/Berlin, on the reminder's day
CLOSE_AT = time(0, 30)  # Europe/Berlin, the morning after the last day


def cohort_timer_id(cohort_id: object) -> str:
    return f"cohort-{cohort_id}"


@workflow.defn(name="CohortTimer")
class CohortTimer:
    @workflow.init
    def __init__(self, start: m.CohortTimerStart) -> None:
        self._state = m.CohortTimerState(cohort_id=start.cohort_id, office_id=start.office_id, ends_on=start.ends_on)

    @workflow.run
    async def run(self, start: m.CohortTimerStart) -> m.CohortTimerState:
        key = f"cohort-{start.cohort_id}"
        # Only a timer started with a compressed calendar takes the new path: older histories never had one.
        compressed = (
            start.seconds_per_month is not None and start.starts_on is not None and workflow.patched(COMPRESSED)
        )
        self._started, self._compression = workflow.now(), start.seconds_per_month if compressed else None
        self._starts_on = start.starts_on or start.ends_on
        reminder_day = start.ends_on - timedelta(days=start.policy.remind_days_before)
        await self._sleep_until(datetime.combine(reminder_day, REMIND_AT, m.BERLIN), "outcome reminder")
        reminded = await workflow.execute_activity(
            m.REMIND_OUTCOMES,
            m.RemindOutcomes(cohort_id=start.cohort_id, idempotency_key=f"{key}-outcome-reminder"),
            result_type=m.Reminded,
            start_to_close_timeout=CALL_TIMEOUT,
            retry_policy=RETRY,
        )
        self._state.stage, self._state.reminder_tasks = m.Stage.REMINDED, len(reminded.task_ids)
        close_at = datetime.combine(start.ends_on + timedelta(days=1), CLOSE_AT, m.BERLIN)
        await self._sleep_until(close_at, "close the cohort")
        as_of = close_at.date() if compressed else workflow.now().astimezone(m.BERLIN).date()
        self._state.closed = await workflow.execute_activity(
            m.CLOSE_COHORT,
            m.CloseCohort(cohort_id=start.cohort_id, as_of=as_of, idempotency_key=f"{key}-closing"),
            result_type=m.Closed,
            start_to_close_timeout=CALL_TIMEOUT,
            retry_policy=RETRY,
        )
        self._state.stage = m.Stage.CLOSED
        return self._state

    @workflow.query
    def state(self) -> m.CohortTimerState:
        return self._state

    async def _sleep_until(self, moment: datetime, summary: str) -> None:
        moment = on_worker_clock(moment, self._starts_on, self._started, self._compression)
        wait = moment - workflow.now()
        if wait > timedelta(0):
            await workflow.sleep(wait, summary=summary)
