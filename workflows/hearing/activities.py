"""The hearing's activities: coaching's task API and benefits' reductions API, each with its step's key."""

from __future__ import annotations

from temporalio import activity

from workflows.hearing import models as m
from workflows.service_client import DEFAULT_RETRYABLE, ServiceClient

# Both services know the client and household before a hearing opens: a 404 is an answer, not lag.
KNOWN = DEFAULT_RETRYABLE - {404}


class HearingActivities:
    def __init__(self, coaching: ServiceClient, benefits: ServiceClient) -> None:
        self._coaching, self._benefits = coaching, benefits

    @activity.defn(name=m.RAISE_LETTER_TASK)
    async def raise_letter_task(self, req: m.LetterTask) -> m.RaisedTask:
        body = {"kind": "hearing_letter", "due_at": req.due_at.isoformat(), "detail": req.detail}
        reply = await self._coaching.send(
            "POST", f"/cases/{req.client_id}/tasks", body, idempotency_key=req.idempotency_key, retryable=KNOWN
        )
        return m.RaisedTask.model_validate(reply)

    @activity.defn(name=m.DETERMINE_REDUCTION)
    async def determine_reduction(self, req: m.DetermineReduction) -> m.DeterminedReduction:
        """422 (e.g. after the six months) and 403 come back as non-retryable errors naming benefits' reason."""
        body = req.model_dump(mode="json", exclude={"household_id", "idempotency_key"})
        reply = await self._benefits.send(
            "POST",
            f"/households/{req.household_id}/reductions",
            body,
            idempotency_key=req.idempotency_key,
            retryable=KNOWN,
        )
        return m.DeterminedReduction.model_validate(reply)

    @activity.defn(name=m.DECIDE_REDUCED_MONTH)
    async def decide_month(self, req: m.DecideMonth) -> m.DecidedMonth:
        body = {"month": req.month.isoformat(), "decided_by": req.decided_by}
        reply = await self._benefits.send(
            "POST",
            f"/households/{req.household_id}/reductions/{req.reduction_id}/months",
            body,
            idempotency_key=req.idempotency_key,
            retryable=KNOWN,
        )
        return m.DecidedMonth.model_validate(reply)

    def all(self) -> list[object]:
        return [self.raise_letter_task, self.determine_reduction, self.decide_month]
