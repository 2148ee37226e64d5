"""Client search (intake `GET /clients/search`): one box that understands what was typed, or the fields."""

from __future__ import annotations

import re
from datetime import datetime

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from staff_app.backend import ServiceError
from staff_app.problems import FormErrors, form_errors
from staff_app.web import BackendDep, StaffDep, render

router = APIRouter()
CRITERIA = ("name", "birth_date", "postcode", "client_number")
_CLIENT_NUMBER = re.compile(r"^[A-Za-z]{1,3}-?\d{3,}$")
_POSTCODE = re.compile(r"^\d{5}$")


def criteria_of(text: str) -> dict[str, str]:
    """What the one search box holds: a client number, a birth date (German or ISO), a postcode, or a name."""
    text = " ".join(text.split())
    if not text:
        return {}
    if _CLIENT_NUMBER.match(text):
        return {"client_number": text.upper()}
    if _POSTCODE.match(text):
        return {"postcode": text}
    for pattern in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return {"birth_date": datetime.strptime(text, pattern).date().isoformat()}
        except ValueError:
            continue
    return {"name": text}


@router.get("/suche", response_class=HTMLResponse, summary="Client search")
async def search(
    request: Request,
    backend: BackendDep,
    staff: StaffDep,
    q: str = "",
    name: str = "",
    birth_date: str = "",
    postcode: str = "",
    client_number: str = "",
) -> Response:
    given = {"name": name, "birth_date": birth_date, "postcode": postcode, "client_number": client_number}
    query = criteria_of(q) | {k: v.strip() for k, v in given.items() if v.strip()}
    results: list[dict[str, object]] | None = None
    errors = FormErrors()
    if query:
        try:
            page = await backend.get("intake", "/clients/search", staff, query)
            results = list(page["items"])
        except ServiceError as error:
            if error.status != 422:
                raise
            errors = form_errors(error.problem, CRITERIA)
    context = {"title": "Suche", "q": q, "query": query, "results": results, "errors": errors}
    status = 422 if errors else 200
    return render(request, "search.html", context, status)
