"""The composition root shared by the four services: HTTP, consumers and relay in one process."""

from __future__ import annotations

import asyncio
import logging
import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Annotated, Any

from fastapi import APIRouter, Depends, FastAPI, Request
from fastapi.responses import JSONResponse
from faststream.kafka import KafkaBroker
from sqlalchemy import MetaData, text
from sqlalchemy.ext.asyncio import AsyncEngine

from services.platform.consumer import Subscription, subscribe
from services.platform.database import create_engine, session_factory
from services.platform.http.guards import install_http_guards
from services.platform.http.idempotency import IdempotentExecutor, remember_request_target
from services.platform.http.problem_responses import SERVICE_PROBLEMS, problem_responses
from services.platform.http.problems import problem
from services.platform.http.request_hash import RequestHasher
from services.platform.inbox import Inbox
from services.platform.outbox import Outbox
from services.platform.plumbing_tables import PlumbingTables
from services.platform.privacy.person_keys import PersonErased
from services.platform.relay import OutboxRelay
from services.platform.relay_lease import RelayLease
from services.platform.settings import ServiceSettings
from services.platform.supervision import supervise
from services.platform.unit_of_work import UnitOfWork

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ServiceDefinition:
    name: str
    title: str
    description: str
    metadata: MetaData
    tables: PlumbingTables
    routers: Sequence[APIRouter]
    subscriptions: Callable[[UnitOfWork], Sequence[Subscription]] = lambda _: ()
    openapi_tags: Sequence[dict[str, str]] = field(default_factory=tuple)
    # Work the service does at every start before its consumers run (benefits: what waited for rule tables).
    on_start: Callable[[UnitOfWork], Awaitable[object]] | None = None
    # Work the service does beside its requests while it runs (reporting: typesetting the month's reports ahead);
    # it returns when `stop` is set, and the service's stop waits for it.
    background: Callable[[ServiceRuntime, asyncio.Event], Awaitable[None]] | None = None


@dataclass(frozen=True)
class TokenVerifier:
    public_key: bytes
    issuer: str
    audience: str


@dataclass
class ServiceRuntime:
    settings: ServiceSettings
    engine: AsyncEngine
    uow: UnitOfWork
    idempotent: IdempotentExecutor
    relay: OutboxRelay
    broker: KafkaBroker


def build_runtime(definition: ServiceDefinition, settings: ServiceSettings) -> ServiceRuntime:
    engine = create_engine(settings.database_url)
    sessions = session_factory(engine)
    outbox = Outbox(definition.tables, source=f"/lotse/{definition.name}")
    uow = UnitOfWork(sessions, outbox, Inbox(definition.tables))
    holder = f"{definition.name}@{socket.gethostname()}:{os.getpid()}:{id(engine):x}"
    lease = RelayLease(sessions, definition.tables, holder, settings.relay_lease_seconds)
    relay = OutboxRelay(
        sessions,
        definition.tables,
        outbox,
        lease,
        settings.kafka_bootstrap_servers,
        settings.relay_batch_size,
        settings.relay_idle_seconds,
        retention=timedelta(hours=settings.outbox_retention_hours),
        key_retention=timedelta(hours=settings.idempotency_retention_hours),
    )
    broker = KafkaBroker(settings.kafka_bootstrap_servers, client_id=definition.name, logger=log)
    idempotent = IdempotentExecutor(uow, definition.tables, RequestHasher.from_settings(settings))
    return ServiceRuntime(settings, engine, uow, idempotent, relay, broker)


async def _person_erased(_: Request, exc: Exception) -> JSONResponse:
    """A write of sealed data for a person erased after the retention period: gone, never a new key."""
    return problem(410, "Gone", f"the data of client {exc} were erased (Art. 17 GDPR)")


def create_service_app(definition: ServiceDefinition, settings: ServiceSettings) -> FastAPI:
    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        runtime = build_runtime(definition, settings)
        if definition.on_start is not None:
            await definition.on_start(runtime.uow)
        if settings.start_consumers:
            for subscription in definition.subscriptions(runtime.uow):
                subscribe(runtime.broker, subscription, settings.consumer_retry_max_seconds)
        await runtime.broker.start()
        stop = asyncio.Event()
        relay = runtime.relay
        relay_task = asyncio.create_task(
            supervise(f"{definition.name} outbox relay", lambda: relay.run(stop), stop, relay.status.crashed),
            name=f"{definition.name}-outbox-relay",
        )
        background = definition.background
        background_task = (
            asyncio.create_task(
                supervise(f"{definition.name} background work", lambda: background(runtime, stop), stop),
                name=f"{definition.name}-background",
            )
            if background is not None
            else None
        )
        app.state.runtime = runtime
        try:
            yield
        finally:
            stop.set()
            await relay_task
            if background_task is not None:
                await background_task
            await runtime.broker.stop()
            await runtime.engine.dispose()

    app = FastAPI(
        title=definition.title,
        description=definition.description,
        version="1",
        lifespan=lifespan,
        openapi_tags=list(definition.openapi_tags),
        dependencies=[Depends(remember_request_target)],
    )
    app.state.token_verifier = TokenVerifier(
        settings.jwt_public_key_file.read_bytes(), settings.jwt_issuer, settings.jwt_audience
    )
    install_http_guards(app, settings.max_request_body_bytes)
    app.add_exception_handler(PersonErased, _person_erased)
    app.add_api_route("/health", health, methods=["GET"], tags=["operations"])
    for router in definition.routers:
        app.include_router(router, responses=problem_responses(*SERVICE_PROBLEMS))
    return app


def get_runtime(request: Request) -> ServiceRuntime:
    runtime: ServiceRuntime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[ServiceRuntime, Depends(get_runtime)]


async def health(runtime: RuntimeDep) -> JSONResponse:
    """Liveness and readiness: the database answers, the broker is connected, the relay publishes (or stands
    by for another instance's relay) and its backlog."""
    checks: dict[str, Any] = {"database": "ok", "broker": "ok"}
    try:
        async with runtime.engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        checks["outbox_pending"] = await runtime.relay.pending_count()
    except Exception as exc:
        checks["database"] = f"error: {type(exc).__name__}"
    if not await runtime.broker.ping(timeout=2.0):
        checks["broker"] = "unreachable"
    checks["relay_leader"] = runtime.relay.is_leader
    checks["relay"] = runtime.relay.status.as_dict()
    healthy = checks["database"] == "ok" and checks["broker"] == "ok" and runtime.relay.status.healthy
    return JSONResponse({"status": "ok" if healthy else "degraded", **checks}, status_code=200 if healthy else 503)
