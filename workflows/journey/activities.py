"""The journey's activities: coaching's and placement's APIs, called with the step's idempotency key.

Coaching: assign a case manager, raise tasks, change the case worker, close the case.
Placement: the monthly continuation checks after an employment start (K2E3).
"""

from __future__ import annotations

from temporalio import activity

from workflows.journey import activity_models as m
from workflows.service_client import DEFAULT_RETRYABLE, ServiceClient

# Once coaching has assigned the case it knows it: a 404 then is an answer, not consumer lag.
KNOWN_CASE = DEFAULT_RETRYABLE - {404}


class CoachingActivities:
    def __init__(self, api: ServiceClient) -> None:
        self._api = api

    @activity.defn(name=m.ASSIGN_CASE_MANAGER)
    async def assign_case_manager(self, req: m.AssignCase) -> m.CaseAssignment:
        """404 = coaching has not consumed the registration yet: retried. 409 no-capacity: not retried."""
        body: dict[str, object] = {"program_id": req.program_id}
        if req.assigned_on is not None:  # only then: on the real calendar the request stays as it always was
            body["assigned_on"] = req.assigned_on.isoformat()
        reply = await self._api.send(
            "POST", f"/cases/{req.client_id}/assignment", body, idempotency_key=req.idempotency_key
        )
        return m.CaseAssignment.model_validate(reply)

    @activity.defn(name=m.RAISE_TASK)
    async def raise_task(self, req: m.RaiseTask) -> m.RaisedTask:
        body = {"kind": req.kind, "due_at": req.due_at.isoformat(), "detail": req.detail}
        reply = await self._api.send(
            "POST", f"/cases/{req.client_id}/tasks", body, idempotency_key=req.idempotency_key, retryable=KNOWN_CASE
        )
        return m.RaisedTask.model_validate(reply)

    @activity.defn(name=m.CHANGE_CASE_WORKER)
    async def change_case_worker(self, req: m.ChangeCaseWorker) -> m.CaseAssignment:
        """422 (unknown, other office, no case manager) and 409 (over capacity) reach the caller as they are."""
        body = {"case_worker_id": req.case_worker_id, "reason": req.reason}
        reply = await self._api.send(
            "PUT",
            f"/cases/{req.client_id}/case-worker",
            body,
            idempotency_key=req.idempotency_key,
            retryable=KNOWN_CASE,
        )
        return m.CaseAssignment.model_validate(reply)

    @activity.defn(name=m.CLOSE_CASE)
    async def close_case(self, req: m.CloseCase) -> None:
        """404 is retried: a client may leave before coaching consumed the registration."""
        await self._api.send(
            "POST", f"/cases/{req.client_id}/closure", {"reason": req.reason}, idempotency_key=req.idempotency_key
        )

    def all(self) -> list[object]:
        return [self.assign_case_manager, self.raise_task, self.change_case_worker, self.close_case]


class PlacementActivities:
    def __init__(self, api: ServiceClient) -> None:
        self._api = api

    @activity.defn(name=m.REQUEST_CONTINUATION_CHECK)
    async def request_continuation_check(self, req: m.RequestContinuationCheck) -> m.ContinuationCheck:
        """Placement announced the employment, so it knows it: 404 (and 409 for an ended one) are answers."""
        reply = await self._api.send(
            "POST",
            f"/employments/{req.employment_id}/continuation-checks",
            {"month": req.month.isoformat()},
            idempotency_key=req.idempotency_key,
            retryable=DEFAULT_RETRYABLE - {404},
        )
        return m.ContinuationCheck.model_validate(reply)

    def all(self) -> list[object]:
        return [self.request_continuation_check]
