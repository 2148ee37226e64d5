"""Schließzeiten (coaching `POST /offices/{id}/closures`): a team lead closes an office for a period, names the
substitute office and the hours it reopens with; the page lists the office's closures and the appointments each
moved. Coaching admits team leads to close an office of theirs; the page is theirs (and operators' to read)."""

from __future__ import annotations

import re
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings
from staff_app.problems import FormErrors, form_errors
from staff_app.sections import items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
WEEKDAYS = ("Montag", "Dienstag", "Mittwoch", "Donnerstag", "Freitag", "Samstag", "Sonntag")
HOUR_FIELDS = tuple(f"hours.{d}" for d in range(7))
FIELDS = ("starts_on", "ends_on", "reason", "substitute_office_id", "reopening_hours", *HOUR_FIELDS)
SPAN = re.compile(r"^\s*(\d{1,2})[:.](\d{2})\s*[-–]\s*(\d{1,2})[:.](\d{2})\s*(Uhr)?\s*$")
SHOWN_APPOINTMENTS = 100  # of a closure's moved appointments; the count says how many there are in all
HOURS_HINT = (
    "Je Tag z. B. „08:00–12:30, 14:00–18:00“; leer: an dem Tag geschlossen. Alle leer: Öffnungszeiten wie bisher."
)


def _may_read(staff: Staff) -> None:
    if not staff.has("team_lead", "operator"):
        raise HTTPException(403, "Schließzeiten legt die Teamleitung fest.")


def reopening_hours(form: dict[str, str]) -> tuple[list[dict[str, Any]] | None, FormErrors]:
    """The seven weekday fields as coaching's spans; None when all are empty (the hours stay as they are)."""
    errors = FormErrors()
    spans: list[dict[str, Any]] = []
    for weekday, name in enumerate(HOUR_FIELDS):
        for part in filter(None, (p.strip() for p in form.get(name, "").split(","))):
            found = SPAN.match(part)
            if found is None:
                errors.fields[name] = "Bitte als „08:00–12:30“ angeben, mehrere Zeiten durch Komma getrennt."
                break
            h1, m1, h2, m2 = found.group(1, 2, 3, 4)
            spans.append({"weekday": weekday, "opens": f"{int(h1):02d}:{m1}", "closes": f"{int(h2):02d}:{m2}"})
    return (spans or None), errors


async def _page(
    request: Request,
    backend: Backend,
    staff: Staff,
    office_id: str,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    notice: str | None = None,
) -> Response:
    offices = await section(backend.get("coaching", "/offices", staff))
    every = items(offices.data)
    mine = [o for o in every if "*" in staff.offices or o["office_id"] in staff.offices]
    chosen = office_id or (mine[0]["office_id"] if mine else "")
    names = {o["office_id"]: o["name"] for o in every}
    closures = await section(backend.get("coaching", f"/offices/{chosen}/closures", staff)) if chosen else None
    listed = []
    for closure in reversed(items(closures.data) if closures else []):
        moved = await section(
            backend.get("coaching", f"/offices/{chosen}/closures/{closure['closure_id']}/appointments", staff)
        )
        listed.append({"closure": closure, "moved": moved, "shown": items(moved.data)[:SHOWN_APPOINTMENTS]})
    context = {
        "title": "Schließzeiten",
        "office_options": [(o["office_id"], o["name"]) for o in mine],
        "substitute_options": [(o["office_id"], o["name"]) for o in every if o["office_id"] != chosen],
        "chosen": chosen,
        "names": names,
        "closures": closures,
        "listed": listed,
        "errors": errors,
        "v": values or {},
        "closes": staff.has("team_lead"),
        "weekdays": list(zip(HOUR_FIELDS, WEEKDAYS, strict=True)),
        "hours_hint": HOURS_HINT,
        "notice": notice,
        "shown_appointments": SHOWN_APPOINTMENTS,
    }
    return render(request, "closures.html", context, 422 if errors else 200)


@router.get("/schliesszeiten", response_class=HTMLResponse, summary="Office closures")
async def closures_page(
    request: Request, backend: BackendDep, staff: StaffDep, office_id: str = "", ok: str = ""
) -> Response:
    _may_read(staff)
    notice = "Die Schließzeit ist eingetragen; die Termine sind verlegt." if ok else None
    return await _page(request, backend, staff, office_id, notice=notice)


@router.post("/schliesszeiten", summary="Close an office for a period")
async def close_office(request: Request, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    if not staff.has("team_lead"):
        raise HTTPException(403, "Schließzeiten legt die Teamleitung fest.")
    form = strings(await request.form())
    office_id = form.get("office_id", "")
    hours, errors = reopening_hours(form)
    if errors:
        return await _page(request, backend, staff, office_id, errors, form)
    body = {
        "starts_on": form.get("starts_on", ""),
        "ends_on": form.get("ends_on", ""),
        "reason": form.get("reason", ""),
        "substitute_office_id": form.get("substitute_office_id", ""),
        "reopening_hours": hours,
    }
    path = f"/offices/{office_id}/closures"
    try:
        await backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        aliases = {  # coaching names a span by its place in the list; the form has a field per weekday
            f"reopening_hours.{i}{part}": f"hours.{span['weekday']}"
            for i, span in enumerate(hours or [])
            for part in ("", ".weekday", ".opens", ".closes")
        }
        return await _page(request, backend, staff, office_id, form_errors(error.problem, FIELDS, aliases), form)
    return RedirectResponse(f"/schliesszeiten?office_id={office_id}&ok=1", status_code=303)
