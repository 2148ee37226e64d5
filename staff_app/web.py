"""What every page shares: the session from its cookie, sign-in required, CSRF on forms, rendering."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import Depends, Request
from fastapi.responses import HTMLResponse, Response
from fastapi.templating import Jinja2Templates

from staff_app.backend import Backend
from staff_app.csrf import check_csrf
from staff_app.sessions import COOKIE, Session, SessionStore, Staff
from staff_app.settings import StaffAppSettings


class NotSignedIn(Exception):
    """No live session: the page sends the browser to the sign-in."""


def store(request: Request) -> SessionStore:
    sessions: SessionStore = request.app.state.sessions
    return sessions


def backend(request: Request) -> Backend:
    found: Backend = request.app.state.backend
    return found


def settings(request: Request) -> StaffAppSettings:
    found: StaffAppSettings = request.app.state.settings
    return found


async def current_session(request: Request) -> Session | None:
    """The session of the request's cookie, looked up once per request and kept for `render`."""
    if not hasattr(request.state, "session"):
        request.state.session = await store(request).get(request.cookies.get(COOKIE))
    found: Session | None = request.state.session
    return found


async def signed_in(request: Request) -> Session:
    session = await current_session(request)
    if session is None or session.staff is None:
        raise NotSignedIn
    return session


async def form_posted(request: Request, session: Annotated[Session, Depends(signed_in)]) -> Session:
    await check_csrf(request, session)
    return session


def staff_of(session: Annotated[Session, Depends(signed_in)]) -> Staff:
    assert session.staff is not None  # signed_in() checked it
    return session.staff


SessionDep = Annotated[Session, Depends(signed_in)]
PostedDep = Annotated[Session, Depends(form_posted)]
StaffDep = Annotated[Staff, Depends(staff_of)]
BackendDep = Annotated[Backend, Depends(backend)]
SettingsDep = Annotated[StaffAppSettings, Depends(settings)]


def set_session_cookie(response: Response, request: Request, session: Session) -> None:
    response.set_cookie(
        COOKIE,
        session.session_id,
        httponly=True,
        secure=settings(request).secure_cookies,
        samesite="lax",
        path="/",
    )


def render(request: Request, template: str, context: dict[str, Any], status_code: int = 200) -> HTMLResponse:
    """A page (or, for htmx, the fragment it asked for) with the session's staff member and CSRF token.

    The session is the one `current_session` (or a sign-in page) put on the request."""
    templates: Jinja2Templates = request.app.state.templates
    session: Session | None = getattr(request.state, "session", None)
    base = {
        "staff": session.staff if session else None,
        "csrf_token": session.csrf_token if session else "",
        "new_key": lambda: uuid.uuid4().hex,  # an Idempotency-Key per rendered form
        "htmx": "HX-Request" in request.headers,
        "temporal_ui_url": settings(request).temporal_ui_url,
        "temporal_namespace": settings(request).temporal_namespace,
    }
    return templates.TemplateResponse(request, template, {**base, **context}, status_code=status_code)
