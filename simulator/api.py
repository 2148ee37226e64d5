"""The services' public HTTP APIs as staff use them: signed staff tokens, idempotency keys, patience.

Every state-changing request carries an `Idempotency-Key` built from the run and the step, so a request
retried after a timeout or a restarted service changes nothing twice. Connection errors and 5xx are
retried with backoff (services restart in the fault test); 404 is retried only where the resource
appears through an event (`until_found`), e.g. a case that coaching opens when it consumes a registration.
A semaphore bounds the requests in flight, so hundreds of simulated clients share a few connections.
"""

from __future__ import annotations

import asyncio
import time
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta
from types import TracebackType
from typing import Any, Self

import httpx

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import issue

ISSUER, AUDIENCE = "lotse-dev", "lotse"
TOKEN_LIFETIME = timedelta(hours=8)
TRANSIENT = frozenset({408, 425, 429, 500, 502, 503, 504})


class ApiError(Exception):
    """A service refused a request (4xx other than the retried ones): status and problem details."""

    def __init__(self, method: str, path: str, status: int, problem: Any) -> None:
        super().__init__(f"{method} {path} → {status}: {problem}")
        self.status, self.problem = status, problem

    @property
    def problem_type(self) -> str:
        return str(self.problem.get("type", "")) if isinstance(self.problem, dict) else ""


@dataclass
class Traffic:
    requests: Counter[str] = field(default_factory=Counter)  # per service
    retried: Counter[str] = field(default_factory=Counter)  # per status ("unreachable" without an answer)
    refused: Counter[int] = field(default_factory=Counter)  # per status

    def line(self) -> str:
        total = sum(self.requests.values())
        retried = ", ".join(f"{status}×{n}" for status, n in sorted(self.retried.items())) or "none"
        refused = ", ".join(f"{status}×{n}" for status, n in sorted(self.refused.items())) or "none"
        return f"requests {total:,} (retried {retried}; refused {refused})"


def staff(staff_id: str, *roles: Role, office: str = "*") -> StaffUser:
    return StaffUser(staff_id, frozenset(roles), frozenset({office}))


class Services:
    """HTTP clients of intake, coaching, placement, benefits and the journey API, as named in `urls`."""

    def __init__(
        self,
        urls: Mapping[str, str],
        signing_key: bytes,
        concurrency: int = 16,
        patience: float = 120.0,
        timeout: float = 30.0,
    ) -> None:
        self._urls = dict(urls)
        self._key = signing_key
        self._limit = asyncio.Semaphore(concurrency)
        self._patience = patience
        limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
        self._http = httpx.AsyncClient(timeout=timeout, limits=limits)
        self._tokens: dict[StaffUser, tuple[str, float]] = {}
        self.traffic = Traffic()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self._http.aclose()

    def url(self, service: str) -> str:
        return self._urls[service]

    async def get(
        self,
        service: str,
        path: str,
        by: StaffUser,
        *,
        params: Mapping[str, Any] | None = None,
        until_found: bool = False,
    ) -> Any:
        return await self.call("GET", service, path, by, params=params, until_found=until_found)

    async def send(
        self, method: str, service: str, path: str, by: StaffUser, body: Any, *, key: str, until_found: bool = False
    ) -> Any:
        return await self.call(method, service, path, by, body=body, key=key, until_found=until_found)

    async def call(
        self,
        method: str,
        service: str,
        path: str,
        by: StaffUser,
        *,
        body: Any = None,
        params: Mapping[str, Any] | None = None,
        key: str | None = None,
        until_found: bool = False,
    ) -> Any:
        """The JSON answer; retries transient failures (and 404 if `until_found`) for up to `patience` s."""
        deadline = time.monotonic() + self._patience
        delay = 0.2
        while True:
            response = await self._once(method, service, path, by, body, params, key)
            retry = (
                response is None or response.status_code in TRANSIENT or (until_found and response.status_code == 404)
            )
            if not retry and response is not None:
                return _answer(method, path, response, self.traffic)
            if time.monotonic() + delay > deadline:
                if response is None:
                    raise ApiError(method, path, 503, f"{service} unreachable for {self._patience:g} s")
                return _answer(method, path, response, self.traffic)
            self.traffic.retried[str(response.status_code) if response is not None else "unreachable"] += 1
            await asyncio.sleep(delay)
            delay = min(delay * 1.6, 5.0)

    async def _once(
        self,
        method: str,
        service: str,
        path: str,
        by: StaffUser,
        body: Any,
        params: Mapping[str, Any] | None,
        key: str | None,
    ) -> httpx.Response | None:
        headers = {"Authorization": f"Bearer {self._token(by)}"}
        if key is not None:
            headers["Idempotency-Key"] = key
        async with self._limit:
            self.traffic.requests[service] += 1
            try:
                return await self._http.request(
                    method, self._urls[service] + path, json=body, params=params, headers=headers
                )
            except httpx.TransportError:
                return None

    def _token(self, user: StaffUser) -> str:
        token, expires = self._tokens.get(user, ("", 0.0))
        if time.monotonic() > expires:
            token = issue(self._key, user, ISSUER, AUDIENCE, TOKEN_LIFETIME)
            self._tokens[user] = token, time.monotonic() + TOKEN_LIFETIME.total_seconds() / 2
        return token

    async def healthy(self, service: str) -> bool:
        try:
            return (await self._http.get(self._urls[service] + "/health", timeout=10)).status_code == 200
        except httpx.TransportError:
            return False


def _answer(method: str, path: str, response: httpx.Response, traffic: Traffic) -> Any:
    if response.is_success:
        return response.json() if response.content else None
    traffic.refused[response.status_code] += 1
    try:
        problem = response.json()
    except ValueError:
        problem = response.text[:300]
    raise ApiError(method, path, response.status_code, problem)
