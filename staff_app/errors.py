"""Errors as pages: a refusal by a service becomes a German page with the same status."""

from __future__ import annotations

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from staff_app.backend import ServiceError, ServiceUnavailable
from staff_app.problems import german
from staff_app.web import NotSignedIn, current_session, render, store

TITLES = {
    403: "Kein Zugriff",
    404: "Nicht gefunden",
    409: "Nicht möglich",
    422: "Ungültige Eingabe",
    502: "Ein Dienst hat nicht geantwortet",
    503: "Ein Dienst ist nicht erreichbar",
}
EXPLANATIONS = {
    403: "Sie haben für diese Seite keine Berechtigung – etwa weil der Fall zu einer anderen Dienststelle gehört "
    "oder Ihre Rolle diese Daten nicht sehen darf.",
    404: "Diese Seite oder dieser Datensatz existiert nicht (oder noch nicht).",
}


def _login(request: Request, expired: bool) -> Response:
    target = "/anmelden?abgelaufen=true" if expired else "/anmelden"
    if "HX-Request" in request.headers:  # htmx follows a redirect of the whole page only when told so
        return Response(status_code=204, headers={"HX-Redirect": target})
    return RedirectResponse(target, status_code=303)


def error_page(request: Request, status: int, detail: str | None = None) -> Response:
    context = {"status": status, "title": TITLES.get(status, "Fehler"), "explanation": EXPLANATIONS.get(status)}
    return render(request, "error.html", {**context, "detail": detail}, status)


async def _not_signed_in(request: Request, _: Exception) -> Response:
    return _login(request, expired="lotse_staff_session" in request.cookies)


async def _service_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, ServiceError)
    if exc.status == 401:  # the token expired or was revoked: sign in again
        await store(request).drop(await current_session(request))
        return _login(request, expired=True)
    status = 502 if exc.status >= 500 and not isinstance(exc, ServiceUnavailable) else exc.status
    detail = exc.problem.get("detail") or exc.problem.get("title")
    if status in (403, 404):
        # The service's reason names the client's office ("not authorised for office 'lutjenburg'"): telling a
        # member of another office where a client is registered is itself a disclosure of social data.
        detail = None
    return error_page(request, status, german(str(detail)) if detail else None)


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, HTTPException)
    await current_session(request)  # a page no route answered still shows who is signed in
    return error_page(request, exc.status_code, str(exc.detail))


async def _bad_address(request: Request, exc: Exception) -> Response:
    # A page address with an id that is none (`/akte/abc`): the page's 404, not a JSON body in an HTML app.
    assert isinstance(exc, RequestValidationError)
    await current_session(request)
    return error_page(request, 404, "Die Adresse nennt keinen gültigen Datensatz.")


def install_error_pages(app: FastAPI) -> None:
    app.add_exception_handler(RequestValidationError, _bad_address)
    app.add_exception_handler(NotSignedIn, _not_signed_in)
    app.add_exception_handler(ServiceError, _service_error)
    app.add_exception_handler(HTTPException, _http_error)
