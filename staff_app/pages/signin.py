"""Sign-in and sign-out: the roster of `make run`, or the identity provider; a new session at each sign-in."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.csrf import check_csrf
from staff_app.sessions import COOKIE, Session, Staff
from staff_app.signin.dev import DevSignIn, RosterEntry, roster
from staff_app.signin.oidc import OidcSignIn, SignInRefused
from staff_app.web import BackendDep, current_session, render, set_session_cookie, store

router = APIRouter()


async def _anonymous(request: Request) -> Session:
    """The visitor's session before sign-in (created on first visit): it holds the sign-in form's CSRF token."""
    return await current_session(request) or await store(request).new()


async def _roster(request: Request, backend: BackendDep) -> list[RosterEntry]:
    dev: DevSignIn = request.app.state.dev_sign_in
    reader = dev.roster_reader()
    offices = await backend.get("coaching", "/offices", reader)
    members = await backend.get("coaching", "/staff", reader)
    return roster(offices, members)


@router.get("/anmelden", response_class=HTMLResponse, summary="Sign-in page")
async def sign_in_page(request: Request, backend: BackendDep, abgelaufen: bool = False) -> Response:
    session = await _anonymous(request)
    request.state.session = session
    entries = await _roster(request, backend) if request.app.state.dev_sign_in else []
    response = render(request, "signin.html", {"roster": entries, "expired": abgelaufen})
    set_session_cookie(response, request, session)
    return response


async def _signed_in(request: Request, old: Session, staff: Staff) -> Response:
    session = await store(request).sign_in(old, staff)
    response = RedirectResponse("/", status_code=303)
    set_session_cookie(response, request, session)
    return response


async def _posted_anonymous(request: Request) -> Session:
    session = await current_session(request)
    if session is None:
        raise HTTPException(403, "Ihre Sitzung ist abgelaufen. Bitte laden Sie die Anmeldeseite neu.")
    await check_csrf(request, session)
    return session


@router.post("/anmelden", summary="Sign in as a member of the demo roster (make run)")
async def sign_in_dev(request: Request, backend: BackendDep, staff_id: Annotated[str, Form()] = "") -> Response:
    session = await _posted_anonymous(request)
    dev: DevSignIn | None = request.app.state.dev_sign_in
    if dev is None:
        raise HTTPException(404, "Die Anmeldung über die Mitarbeiterliste gibt es nur in der Entwicklungsumgebung.")
    entry = next((e for e in await _roster(request, backend) if e.staff_id == staff_id), None)
    if entry is None:
        request.state.session = session
        entries = await _roster(request, backend)
        return render(request, "signin.html", {"roster": entries, "error": "Unbekannte Mitarbeiterin."}, 422)
    return await _signed_in(request, session, dev.staff(entry))


@router.post("/anmelden/oidc", summary="Sign in at the identity provider")
async def sign_in_oidc(request: Request) -> Response:
    session = await _posted_anonymous(request)
    oidc: OidcSignIn | None = request.app.state.oidc
    if oidc is None:
        raise HTTPException(404, "Kein Identitätsanbieter eingerichtet.")
    url = await oidc.authorization_url(session)
    await store(request).save(session)  # the callback may reach another instance: state, nonce, verifier kept
    return RedirectResponse(url, status_code=303)


@router.get("/anmelden/callback", summary="The identity provider's answer")
async def oidc_callback(request: Request, code: str = "", state: str = "") -> Response:
    session = await current_session(request)
    oidc: OidcSignIn | None = request.app.state.oidc
    if session is None or oidc is None:
        return RedirectResponse("/anmelden?abgelaufen=true", status_code=303)
    try:
        staff = await oidc.finish(session, code, state)
    except SignInRefused as refused:
        await store(request).save(session)  # the state is used up, even by a refused answer
        return render(request, "signin.html", {"roster": [], "error": f"Anmeldung abgelehnt: {refused}"}, 403)
    return await _signed_in(request, session, staff)


@router.post("/abmelden", summary="Sign out")
async def sign_out(request: Request) -> Response:
    session = await _posted_anonymous(request)
    await store(request).drop(session)
    response = RedirectResponse("/anmelden", status_code=303)
    response.delete_cookie(COOKIE, path="/")
    return response
