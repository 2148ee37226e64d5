"""Staff and employers acting on the running platform over HTTP, as the staff apps do."""

from __future__ import annotations

import asyncio
import inspect
import uuid
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TypeVar
from zoneinfo import ZoneInfo

import httpx
from temporalio.client import Client

from services.platform.auth.staff import Role
from tests.e2e.platform import Platform

BERLIN = ZoneInfo("Europe/Berlin")
T = TypeVar("T")


class StaffApps:
    def __init__(self, platform: Platform, http: httpx.AsyncClient) -> None:
        self.platform, self.http = platform, http

    async def call(
        self,
        method: str,
        service: str,
        path: str,
        *roles: Role,
        body: Any = None,
        params: dict[str, Any] | None = None,
        staff_id: str = "e2e-staff",
        key: str | None = None,
    ) -> httpx.Response:
        headers = self.platform.headers(*roles, staff_id=staff_id)
        if method != "GET":
            headers["Idempotency-Key"] = key or f"e2e-{uuid.uuid4()}"
        return await self.http.request(
            method, self.platform.url(service) + path, json=body, params=params, headers=headers
        )

    async def ok(self, method: str, service: str, path: str, *roles: Role, **kwargs: Any) -> Any:
        """The JSON answer of a request that must succeed; a 404 (an event not consumed yet) and a lost
        connection are retried with the same Idempotency-Key."""
        if method != "GET":
            kwargs.setdefault("key", f"e2e-{uuid.uuid4()}")

        async def answered() -> Any:
            response = await self.call(method, service, path, *roles, **kwargs)
            if response.status_code == 404:
                return None
            assert response.is_success, f"{method} {path} → {response.status_code}: {response.text}"
            return response.json()

        return await eventually(answered, timeout=60)

    async def journey(self, client_id: str) -> dict[str, Any]:
        return await self.ok("GET", "journeys", f"/journeys/{client_id}", Role.OPERATOR)  # type: ignore[no-any-return]


async def eventually(
    check: Callable[[], Awaitable[T | None] | T | None], timeout: float = 60, interval: float = 0.2
) -> T:
    """The first truthy result of `check` (sync or async); connection errors (a restarting process) count as
    "not yet"."""
    async with asyncio.timeout(timeout):
        while True:
            try:
                result = check()
                if inspect.isawaitable(result):
                    result = await result
            except httpx.TransportError:
                result = None
            if result:
                return result
            await asyncio.sleep(interval)


async def visible(temporal: Client, query: str, timeout: float = 60) -> int:
    """How many workflows Temporal's visibility finds for `query`, once it finds any."""

    async def found() -> int:
        return (await temporal.count_workflows(query)).count

    return await eventually(found, timeout)


def last_open_thursday_afternoon(now: datetime) -> datetime:
    """15:00 on the last Thursday before today (Lütjenburg: also open Thursday 14:00–18:00), aware UTC."""
    day = now.astimezone(BERLIN).date() - timedelta(days=1)
    while day.weekday() != 3:
        day -= timedelta(days=1)
    return datetime.combine(day, time(15, 0), BERLIN).astimezone(UTC)


def months_ago(today: date, months: int) -> date:
    index = today.year * 12 + today.month - 1 - months
    return date(index // 12, index % 12 + 1, 1)
