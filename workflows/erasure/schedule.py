"""The Temporal Schedule "person-erasure": ErasureSweep every night at 02:30 Europe/Berlin, overlap SKIP.

`ensure_erasure_schedule` is idempotent (called at worker start) and keeps an operator's pause across deploys.
"""

from __future__ import annotations

import dataclasses
from datetime import timedelta

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
)

from workflows.erasure.models import SweepInput
from workflows.erasure.workflow import TASK_QUEUE, ErasureSweep

SCHEDULE_ID = "person-erasure"


def erasure_schedule(sweep: SweepInput, task_queue: str = TASK_QUEUE) -> Schedule:
    return Schedule(
        action=ScheduleActionStartWorkflow(
            ErasureSweep.run, sweep, id="erasure-sweep", task_queue=task_queue, execution_timeout=timedelta(hours=6)
        ),
        spec=ScheduleSpec(
            calendars=[ScheduleCalendarSpec(hour=[ScheduleRange(2)], minute=[ScheduleRange(30)], comment="nightly")],
            time_zone_name="Europe/Berlin",
        ),
        policy=SchedulePolicy(overlap=ScheduleOverlapPolicy.SKIP, catchup_window=timedelta(days=7)),
    )


async def ensure_erasure_schedule(
    client: Client, sweep: SweepInput | None = None, *, schedule_id: str = SCHEDULE_ID, task_queue: str = TASK_QUEUE
) -> None:
    schedule = erasure_schedule(sweep or SweepInput(), task_queue)
    try:
        await client.create_schedule(schedule_id, schedule)
    except ScheduleAlreadyRunningError:

        def replace(current: ScheduleUpdateInput) -> ScheduleUpdate:
            return ScheduleUpdate(schedule=dataclasses.replace(schedule, state=current.description.schedule.state))

        await client.get_schedule_handle(schedule_id).update(replace)
