"""The erasure's activities: each idempotent (a retried or repeated call changes nothing more)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from temporalio import activity

from workflows.erasure.models import CandidatesPage, CandidatesRequest, EraseRequest, ServiceErased
from workflows.payload_keys import PayloadKeyStore
from workflows.service_client import ServiceClient


class ErasureActivities:
    def __init__(self, services: Mapping[str, ServiceClient], payload_keys: PayloadKeyStore | None) -> None:
        self._services = services
        self._payload_keys = payload_keys

    @activity.defn
    async def cases_past_retention(self, req: CandidatesRequest) -> CandidatesPage:
        params: dict[str, Any] = {"closed_before": req.closed_before.isoformat(), "limit": req.limit}
        if req.after is not None:
            params["after"] = str(req.after)
        page = await self._services["coaching"].get("/persons/past-retention", params=params)
        cursor = page["next_cursor"]
        return CandidatesPage(
            client_ids=[UUID(item["client_id"]) for item in page["items"]],
            next_cursor=UUID(cursor) if cursor else None,
        )

    @activity.defn
    async def erase_in_service(self, req: EraseRequest) -> ServiceErased:
        reply = await self._services[req.service].send(
            "POST", f"/persons/{req.client_id}/erasure", None, idempotency_key=f"erasure-{req.client_id}"
        )
        return ServiceErased(service=req.service, client_id=req.client_id, rows=reply["rows"])

    @activity.defn
    async def shred_payload_key(self, client_id: UUID) -> bool:
        """The journey's payload key goes last: until then an operator could still read why a step failed."""
        return self._payload_keys.erase(client_id) if self._payload_keys is not None else False

    def all(self) -> list[Any]:
        return [self.cases_past_retention, self.erase_in_service, self.shred_payload_key]
