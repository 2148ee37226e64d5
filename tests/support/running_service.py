"""Run one Lotse service in-process against real Kafka and a real database."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
from fastapi import FastAPI

from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import ServiceRuntime
from services.platform.settings import ServiceSettings


@dataclass
class RunningService:
    app: FastAPI
    http: httpx.AsyncClient

    @property
    def runtime(self) -> ServiceRuntime:
        runtime: ServiceRuntime = self.app.state.runtime
        return runtime


def app_factory(name: str) -> Any:
    module = __import__(f"services.{name}.app", fromlist=["create_app"])
    return module.create_app


@asynccontextmanager
async def running_service(
    name: str, database_url: str, bootstrap_servers: str, public_key: Any, **overrides: Any
) -> AsyncIterator[RunningService]:
    await upgrade_async(name, database_url)
    # intake and coaching seal special-category data: a test key ring next to the test's signing keys
    overrides.setdefault("data_key_file", ensure_key_ring(Path(public_key).parent / f"{name}-data.key"))
    settings = ServiceSettings(
        service_name=name,
        database_url=database_url,
        kafka_bootstrap_servers=bootstrap_servers,
        jwt_public_key_file=public_key,
        relay_idle_seconds=0.05,
        **overrides,
    )
    app = app_factory(name)(settings)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url=f"http://{name}") as http:
            yield RunningService(app, http)
