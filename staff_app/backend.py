"""The services' and the journeys API's public HTTP APIs, called with the signed-in staff member's token."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from staff_app.sessions import Staff

SERVICES = ("intake", "coaching", "placement", "benefits", "journeys")


class ServiceError(Exception):
    """A service answered with an error: its status and problem details (RFC 9457)."""

    def __init__(self, service: str, status: int, problem: Mapping[str, Any]) -> None:
        super().__init__(f"{service} answered {status}: {problem.get('detail') or problem.get('title')}")
        self.service, self.status, self.problem = service, status, dict(problem)


class ServiceUnavailable(ServiceError):
    """The service could not be reached at all."""


# The services' uvicorn closes a connection idle for 5 s (its `timeout_keep_alive`); httpx kept one for 5 s too, so a
# request sent on it just then met a closed socket ("Server disconnected") and the page became a 503. Dropping idle
# connections well before the server does leaves no such moment.
IDLE_CONNECTION_SECONDS = 2.0


class Backend:
    """One HTTP client per service; the composition root builds them (tests hand in ASGI transports)."""

    def __init__(self, clients: Mapping[str, httpx.AsyncClient]) -> None:
        self._clients = dict(clients)

    @classmethod
    def over_http(cls, urls: Mapping[str, str], timeout: float) -> Backend:
        limits = httpx.Limits(keepalive_expiry=IDLE_CONNECTION_SECONDS)
        return cls(
            {name: httpx.AsyncClient(base_url=url, timeout=timeout, limits=limits) for name, url in urls.items()}
        )

    async def close(self) -> None:
        for client in self._clients.values():
            await client.aclose()

    def serves(self, service: str) -> bool:
        """Whether a client for the service was configured (tests start only some services)."""
        return service in self._clients

    async def get(self, service: str, path: str, staff: Staff, params: Any = None) -> Any:
        return await self._call("GET", service, path, staff, params=params)

    async def send(
        self, method: str, service: str, path: str, staff: Staff, body: Any = None, *, key: str | None = None
    ) -> Any:
        """A state-changing request; `key` (from the form as it was rendered) makes a resubmission harmless."""
        return await self._call(method, service, path, staff, body=body, key=key)

    async def document(self, service: str, path: str, staff: Staff) -> httpx.Response:
        """A non-JSON answer (a letter as PDF) to hand on to the browser as it is."""
        try:
            response = await self._clients[service].get(path, headers={"Authorization": f"Bearer {staff.token}"})
        except httpx.TransportError as error:
            raise _unreachable(service, error) from error
        if response.is_error:
            raise ServiceError(service, response.status_code, _problem(response))
        return response

    async def get_or_none(self, service: str, path: str, staff: Staff, params: Any = None) -> Any:
        """The answer, or None for 404 (not there yet, e.g. a case coaching has not opened)."""
        try:
            return await self.get(service, path, staff, params)
        except ServiceError as error:
            if error.status == 404:
                return None
            raise

    async def _call(
        self,
        method: str,
        service: str,
        path: str,
        staff: Staff,
        *,
        params: Any = None,
        body: Any = None,
        key: str | None = None,
    ) -> Any:
        headers = {"Authorization": f"Bearer {staff.token}"}
        if key:
            headers["Idempotency-Key"] = key
        try:
            response = await self._clients[service].request(method, path, params=params, json=body, headers=headers)
        except httpx.TransportError as error:
            raise _unreachable(service, error) from error
        if response.is_success:
            return response.json() if response.content else None
        raise ServiceError(service, response.status_code, _problem(response))


def _unreachable(service: str, error: httpx.TransportError) -> ServiceUnavailable:
    return ServiceUnavailable(service, 503, {"title": f"{service} nicht erreichbar", "detail": str(error)})


def _problem(response: httpx.Response) -> Mapping[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {"title": response.reason_phrase, "status": response.status_code}
    return body if isinstance(body, dict) else {"title": str(body), "status": response.status_code}
