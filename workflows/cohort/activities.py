"""The cohort timer's activities: coaching's cohort API, each call with its step's Idempotency-Key."""

from __future__ import annotations

from temporalio import activity

from workflows.cohort import models as m
from workflows.service_client import DEFAULT_RETRYABLE, ServiceClient

# The cohort exists in coaching before its opening event reaches the timer: a 404 is an answer, not lag.
KNOWN = DEFAULT_RETRYABLE - {404}


class CohortActivities:
    def __init__(self, coaching: ServiceClient) -> None:
        self._coaching = coaching

    @activity.defn(name=m.REMIND_OUTCOMES)
    async def remind_outcomes(self, req: m.RemindOutcomes) -> m.Reminded:
        reply = await self._coaching.send(
            "POST",
            f"/cohorts/{req.cohort_id}/outcome-reminders",
            None,
            idempotency_key=req.idempotency_key,
            retryable=KNOWN,
        )
        return m.Reminded.model_validate(reply)

    @activity.defn(name=m.CLOSE_COHORT)
    async def close(self, req: m.CloseCohort) -> m.Closed:
        reply = await self._coaching.send(
            "POST",
            f"/cohorts/{req.cohort_id}/closing",
            {"as_of": req.as_of.isoformat()},
            idempotency_key=req.idempotency_key,
            retryable=KNOWN,
        )
        return m.Closed.model_validate(reply)

    def all(self) -> list[object]:
        return [self.remind_outcomes, self.close]
