"""Intake (Eingangszone): register a client; the office follows from the postcode, the file opens next."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import ServiceError
from staff_app.forms import strings
from staff_app.problems import FormErrors, form_errors
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
TARGET_GROUPS = (
    "single_parent",
    "long_term_unemployed",
    "health_limitations",
    "youth_under_25",
    "older",
    "migrant_or_refugee",
    "unskilled",
)
# Asked only for the statutory statistics (§ 51b SGB II; the § 48a indicators by sex): "keine Angabe" is fine.
SEXES = (("female", "weiblich"), ("male", "männlich"), ("diverse", "divers"), ("not_stated", "keine Angabe"))
FIELDS = (
    "sex",
    "person.given_name",
    "person.family_name",
    "person.birth_date",
    "registered_on",
    "residence_postcode",
    "target_groups",
    "availability.earliest_daily_start",
    "availability.max_weekly_hours",
    "consent",
)


def _page(
    request: Request, errors: FormErrors | None, values: dict[str, str], groups: list[str], status: int
) -> Response:
    context = {"title": "Neue Kundin, neuer Kunde", "errors": errors, "v": values, "groups": groups}
    return render(request, "register.html", context | {"target_groups": TARGET_GROUPS, "sexes": SEXES}, status)


@router.get("/neu", response_class=HTMLResponse, summary="Registration form")
async def registration(request: Request, staff: StaffDep) -> Response:
    return _page(request, None, {}, [], 200)


@router.post("/neu", summary="Register a client")
async def register(request: Request, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    raw = await request.form()
    form, groups = strings(raw), [str(g) for g in raw.getlist("target_groups")]
    body = {
        "person": {
            "given_name": form.get("person.given_name", ""),
            "family_name": form.get("person.family_name", ""),
            "birth_date": form.get("person.birth_date", ""),
        },
        "residence_postcode": form.get("residence_postcode", ""),
        "target_groups": groups,
        "availability": {
            "earliest_daily_start": form.get("availability.earliest_daily_start") or None,
            "max_weekly_hours": form.get("availability.max_weekly_hours") or None,
        },
        "consent": form.get("consent") == "true",
        "sex": form.get("sex") or "not_stated",
        "registered_on": form.get("registered_on") or None,  # intake dates an empty one today
    }
    try:
        client = await backend.send("POST", "intake", "/clients", staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status != 422:
            raise
        return _page(request, form_errors(error.problem, FIELDS), form, groups, 422)
    if client.get("possible_duplicates"):  # registered, and staff see at once whom it may duplicate
        return RedirectResponse(f"/doppelerfassungen?neu={client['client_id']}", status_code=303)
    return RedirectResponse(f"/akte/{client['client_id']}?ok=registriert", status_code=303)
