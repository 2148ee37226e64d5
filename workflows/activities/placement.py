"""Placement's API as the journey's activities: the monthly continuation checks after a start (K2E3)."""

from __future__ import annotations

from temporalio import activity

from workflows.activities import models as m
from workflows.service_client import DEFAULT_RETRYABLE, ServiceClient


class PlacementActivities:
    def __init__(self, api: ServiceClient) -> None:
        self._api = api

    @activity.defn(name=m.REQUEST_CONTINUATION_CHECK)
    async def request_continuation_check(self, req: m.RequestContinuationCheck) -> m.ContinuationCheck:
        """Placement announced the employment, so it knows it: 404 (and 409 for an ended one) are answers."""
        reply = await self._api.send("POST", f"/employments/{req.employment_id}/continuation-checks",
                                     {"month": req.month.isoformat()}, idempotency_key=req.idempotency_key,
                                     retryable=DEFAULT_RETRYABLE - {404})
        return m.ContinuationCheck.model_validate(reply)

    def all(self) -> list[object]:
        return [self.request_continuation_check]
