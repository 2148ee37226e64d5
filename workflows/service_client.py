"""How activities call the services' HTTP APIs: signed as the worker, idempotent, with honest errors.

Every state-changing call carries an `Idempotency-Key` derived from the workflow and the
step, so a retried activity (worker crash, timeout) repeats the same request and the
service answers it once. A problem-details answer that retrying cannot change (422, 403,
409 …) becomes a non-retryable `ApplicationError` naming the service's reason; network
errors and 5xx stay retryable.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import httpx
from temporalio.exceptions import ApplicationError

from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.auth.tokens import issue
from workflows.settings import WorkerSettings

WORKER_IDENTITY = StaffUser(
    staff_id="journey-worker", roles=frozenset({Role.JOURNEY_WORKER}), office_ids=frozenset({ALL_OFFICES})
)
TOKEN_LIFETIME = timedelta(minutes=10)
# A token is signed once and reused for half its lifetime: signing loads the RSA private key, which took
# most of the worker's event loop when every activity call signed its own (bridge and journeys API waited).
TOKEN_REUSE_SECONDS = TOKEN_LIFETIME.total_seconds() / 2
# 404 and 409 may be eventual consistency (the service has not yet consumed the event that creates
# the resource); callers that know better pass their own set.
DEFAULT_RETRYABLE = frozenset({404, 408, 425, 429})


class ServiceClient:
    """One service's API as seen from activities."""

    def __init__(
        self,
        base_url: str,
        settings: WorkerSettings,
        timeout: float = 10.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._http = httpx.AsyncClient(base_url=base_url, timeout=timeout)
        self._key = settings.jwt_signing_key_file.read_bytes()
        self._issuer, self._audience = settings.jwt_issuer, settings.jwt_audience
        self._clock, self._token, self._renew_at = clock, "", 0.0

    async def get(
        self, path: str, *, retryable: frozenset[int] = DEFAULT_RETRYABLE, params: dict[str, Any] | None = None
    ) -> Any:
        response = await self._http.get(path, params=params, headers=self._auth())
        return _answer(response, retryable)

    async def send(
        self,
        method: str,
        path: str,
        body: dict[str, Any] | None,
        *,
        idempotency_key: str,
        retryable: frozenset[int] = DEFAULT_RETRYABLE,
    ) -> Any:
        headers = {**self._auth(), "Idempotency-Key": idempotency_key}
        response = await self._http.request(method, path, json=body, headers=headers)
        return _answer(response, retryable)

    async def aclose(self) -> None:
        await self._http.aclose()

    def _auth(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token()}"}

    def token(self) -> str:
        """The worker's bearer token, signed anew once half of its lifetime has passed."""
        if self._clock() >= self._renew_at:
            self._token = issue(self._key, WORKER_IDENTITY, self._issuer, self._audience, lifetime=TOKEN_LIFETIME)
            self._renew_at = self._clock() + TOKEN_REUSE_SECONDS
        return self._token


def _answer(response: httpx.Response, retryable: frozenset[int]) -> Any:
    if response.is_success:
        return response.json() if response.content else None
    problem = _problem(response)
    message = f"{response.request.method} {response.request.url.path} → {response.status_code}: {problem}"
    if response.status_code >= 500 or response.status_code in retryable:
        raise ServiceUnavailable(message)
    raise ApplicationError(message, problem, type=f"http_{response.status_code}", non_retryable=True)


def _problem(response: httpx.Response) -> Any:
    try:
        return response.json()
    except ValueError:
        return response.text[:500]


class ServiceUnavailable(Exception):
    """The service could not answer now; the activity's retry policy tries again."""
