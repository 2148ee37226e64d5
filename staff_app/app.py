"""Composition root of the staff app: settings, the services' clients, sessions, sign-in, pages."""

from __future__ import annotations

import time
from collections.abc import AsyncIterator, Callable, Mapping
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
from fastapi import FastAPI
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from staff_app import formatting, journey_reasons
from staff_app.backend import Backend
from staff_app.errors import install_error_pages
from staff_app.pages import (
    access,
    appointment,
    appointments,
    benefits,
    client_file,
    closures,
    cohort,
    duplicates,
    employer,
    employer_records,
    indicators,
    intake,
    moves,
    participation,
    placement,
    programmes,
    reductions,
    referrals,
    search,
    signin,
    team,
    workplace,
)
from staff_app.session_rows import SessionTable, create_engine
from staff_app.session_seal import SessionSeal, load_key
from staff_app.sessions import SessionStore
from staff_app.settings import StaffAppSettings, load_settings
from staff_app.signin.dev import DevSignIn
from staff_app.signin.oidc import OidcSignIn

HERE = Path(__file__).parent


def create_app(
    settings: StaffAppSettings | None = None,
    clients: Mapping[str, httpx.AsyncClient] | None = None,
    identity_http: httpx.AsyncClient | None = None,
    clock: Callable[[], float] = time.time,
) -> FastAPI:
    """`clients` replaces the services' HTTP clients and `identity_http` the identity provider's (tests hand
    in ASGI transports of in-process apps); `clock` (seconds since the epoch) is what sessions idle by."""
    settings = settings or load_settings()
    backend = (
        Backend(clients)
        if clients is not None
        else Backend.over_http(settings.service_urls(), settings.service_timeout_seconds)
    )
    own_identity_http = identity_http is None
    identity = identity_http or httpx.AsyncClient(timeout=settings.service_timeout_seconds)
    database = create_engine(settings.database_url)
    sessions = SessionTable(database, SessionSeal(load_key(settings.session_key_file)))

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        if clients is None:
            await backend.close()
        if own_identity_http:
            await identity.aclose()
        await database.dispose()

    app = FastAPI(title="Lotse – Arbeitsplatz", lifespan=lifespan, docs_url=None, redoc_url=None, openapi_url=None)
    app.state.settings = settings
    app.state.backend = backend
    app.state.sessions = SessionStore(sessions, settings.idle_timeout_minutes * 60, clock)
    app.state.templates = _templates()
    app.state.dev_sign_in = DevSignIn(settings.dev_keys_dir) if settings.dev_keys_dir else None
    redirect = settings.public_url.rstrip("/") + "/anmelden/callback"
    app.state.oidc = OidcSignIn(settings.oidc, redirect, identity) if settings.oidc else None
    install_error_pages(app)
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")
    _serve_htmx(app, settings.htmx_file)
    pages = (
        signin,
        workplace,
        appointments,
        appointment,
        search,
        intake,
        duplicates,
        client_file,
        referrals,
        placement,
        employer,
        employer_records,
        benefits,
        reductions,
        team,
        indicators,
        programmes,
        cohort,
        participation,
        moves,
        closures,
        access,
    )
    for module in pages:
        app.include_router(module.router)

    @app.get("/health", include_in_schema=False)
    async def health() -> dict[str, str]:
        return {"status": "ok"}

    return app


def _templates() -> Jinja2Templates:
    templates = Jinja2Templates(directory=HERE / "templates")
    templates.env.filters.update(formatting.FILTERS)
    templates.env.filters["because"] = journey_reasons.because
    templates.env.globals.update(formatting.GLOBALS)
    return templates


def _serve_htmx(app: FastAPI, htmx_file: Path | None) -> None:
    """htmx from the npm package htmx.org; without it the pages work as plain forms and links."""
    installed = htmx_file is not None and htmx_file.is_file()  # checked once, at start-up

    @app.get("/htmx.min.js", include_in_schema=False)
    async def htmx() -> Response:
        if not installed or htmx_file is None:
            return Response("/* htmx not installed: plain forms */", media_type="text/javascript")
        return FileResponse(htmx_file, media_type="text/javascript")
