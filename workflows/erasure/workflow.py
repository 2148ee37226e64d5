"""ErasureSweep: one run per schedule trigger; selects the persons past retention and erases each everywhere.

The cut-off comes from `workflow.now()` (the schedule's time, replay-safe) and the retention setting. For each
selected person the five services erase in parallel, then the journey's payload key is shredded. Every step is
idempotent, so a sweep that fails half-way, or the next day's sweep, finishes the work without doing any twice.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from uuid import UUID

from temporalio import workflow
from temporalio.common import RetryPolicy

with workflow.unsafe.imports_passed_through():
    from workflows.erasure.activities import ErasureActivities
    from workflows.erasure.models import SERVICES, CandidatesRequest, EraseRequest, SweepInput, SweepResult
    from workflows.erasure.retention import retention_cutoff

TASK_QUEUE = "journeys"  # the journeys' worker holds the services' HTTP clients
RETRY = RetryPolicy(initial_interval=timedelta(seconds=1), maximum_interval=timedelta(minutes=5))
TIMEOUT = timedelta(seconds=60)


@workflow.defn(name="ErasureSweep")
class ErasureSweep:
    @workflow.run
    async def run(self, sweep: SweepInput) -> SweepResult:
        result = SweepResult(cutoff=retention_cutoff(workflow.now(), sweep.retention_years))
        after: UUID | None = None
        while True:
            request = CandidatesRequest(closed_before=result.cutoff, after=after, limit=sweep.page_size)
            page = await workflow.execute_activity_method(
                ErasureActivities.cases_past_retention, request, start_to_close_timeout=TIMEOUT, retry_policy=RETRY
            )
            result.selected.extend(page.client_ids)
            if not sweep.dry_run:
                for client_id in page.client_ids:
                    await self._erase(client_id)
                    result.erased.append(client_id)
            if page.next_cursor is None or sweep.dry_run:
                return result
            after = page.next_cursor

    async def _erase(self, client_id: UUID) -> None:
        await asyncio.gather(
            *(
                workflow.execute_activity_method(
                    ErasureActivities.erase_in_service,
                    EraseRequest(service=service, client_id=client_id),
                    start_to_close_timeout=TIMEOUT,
                    retry_policy=RETRY,
                )
                for service in SERVICES
            )
        )
        await workflow.execute_activity_method(
            ErasureActivities.shred_payload_key, client_id, start_to_close_timeout=TIMEOUT, retry_policy=RETRY
        )
