"""The hearing's activities: coaching's task API and benefits' reductions API, each with its step's key,
and the client's household, read from the client's journey."""

from __future__ import annotations

from temporalio import activity
from temporalio.client import WorkflowQueryFailedError
from temporalio.exceptions import ApplicationError
from temporalio.service import RPCError, RPCStatusCode

from workflows.hearing import models as m
from workflows.journey.state import JourneyState
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
        body = req.model_dump(mode="json", exclude={"household_id", "idempotency_key"}, exclude_none=True)
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

    @activity.defn(name=m.RESOLVE_HOUSEHOLD)
    async def resolve_household(self, req: m.HouseholdOf) -> m.ResolvedHousehold:
        """The household the client was registered with, as the client's journey heard it (benefits has no
        lookup by client). A read, so retrying is harmless: a journey not started yet, or one that has not
        heard the registration yet, is retried until it has."""
        journey = activity.client().get_workflow_handle(f"journey-{req.client_id}")
        try:
            state = await journey.query("state", result_type=JourneyState)
        except RPCError as error:
            if error.status is RPCStatusCode.NOT_FOUND:
                raise ApplicationError(f"no journey of client {req.client_id} yet", type="journey_unknown") from None
            raise
        except WorkflowQueryFailedError as error:
            raise ApplicationError(f"journey of client {req.client_id} did not answer: {error}") from None
        if state.household_id is None:
            raise ApplicationError(
                f"journey of client {req.client_id} knows no household yet", type="household_unknown"
            )
        return m.ResolvedHousehold(household_id=state.household_id)

    def all(self) -> list[object]:
        return [self.raise_letter_task, self.determine_reduction, self.decide_month, self.resolve_household]
