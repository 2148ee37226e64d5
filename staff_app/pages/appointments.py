"""Termine: the case manager's coming days (also team and group appointments), booking of every kind, and the
calendar subscription whose feed address is shown once."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import appointment_texts as texts
from staff_app.appointment_reads import booking_choices, client_names, coming_days, office_of
from staff_app.backend import Backend, ServiceError
from staff_app.formatting import BERLIN
from staff_app.forms import Invalid, berlin_moment, strings
from staff_app.problems import FormErrors, form_errors
from staff_app.sections import items
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, SettingsDep, StaffDep, render

router = APIRouter()
FIELDS = ("kind", "starts_at", "duration_minutes", "channel", "room_id", "participants", "staff_ids", "capacity")
DONE = {"gebucht": "Termin gebucht."}


def require_coach(staff: Staff) -> None:
    if not staff.has("case_manager", "coach"):
        raise HTTPException(403, "Termine führen Fallmanagerinnen, Fallmanager und Coaches.")


@router.get("/termine", response_class=HTMLResponse, summary="Termine der kommenden Tage")
async def appointments(request: Request, backend: BackendDep, staff: StaffDep, ok: str = "") -> Response:
    require_coach(staff)
    return await show(request, backend, staff, done=DONE.get(ok))


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    *,
    done: str | None = None,
    errors: FormErrors | None = None,
    values: dict[str, Any] | None = None,
    feed_url: str | None = None,
    status_code: int = 200,
) -> Response:
    today = datetime.now(BERLIN).date()
    (listed, refused), choices = await coming_days(backend, staff, today), await booking_choices(backend, staff)
    case_ids = {str(c["client_id"]) for c in items(choices["cases"].data)}
    names = await client_names(backend, staff, case_ids | _participants(listed))
    rooms = {str(r["room_id"]): str(r["name"]) for r in items(choices["rooms"].data)}
    colleagues = sorted(
        str(c["staff_id"]) for c in items(choices["colleagues"].data) if c["staff_id"] != staff.staff_id
    )
    context: dict[str, Any] = {
        "title": "Termine",
        "appointments": listed,
        "refused": refused,
        "names": names,
        "rooms": rooms,
        "colleagues": colleagues,
        "cases": sorted(case_ids, key=lambda i: names.get(i, i)),
        "texts": texts,
        "done": done,
        "errors": errors,
        "values": values or {"duration_minutes": "30", "channel": "in_person"},
        "feed_url": feed_url,
    }
    return render(request, "appointments.html", context, status_code)


def _participants(listed: list[dict[str, Any]]) -> set[str]:
    return {str(p["client_id"]) for a in listed for p in a["participants"]}


@router.post("/termine", summary="Einen Termin buchen")
async def book(request: Request, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_coach(staff)
    form = await request.form()
    clients, colleagues = [str(v) for v in form.getlist("participants")], [str(v) for v in form.getlist("staff_ids")]
    values: dict[str, Any] = strings(form) | {"participants_chosen": clients, "staff_chosen": colleagues}
    try:
        body = booking(staff, values, clients, colleagues)
        await backend.send("POST", "coaching", "/appointments", staff, body, key=values.get("idempotency_key"))
    except Invalid as invalid:
        return await show(request, backend, staff, errors=invalid.errors(), values=values, status_code=422)
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        names = await _names_for_refusal(backend, staff)
        return await show(
            request, backend, staff, errors=refused(error, names), values=values, status_code=error.status
        )
    return RedirectResponse("/termine?ok=gebucht#h-coming", status_code=303)


def booking(staff: Staff, form: dict[str, Any], clients: list[str], colleagues: list[str]) -> dict[str, Any]:
    """The form as coaching's `POST /appointments` takes it; the signed-in staff member holds it first."""
    given = datetime.now(UTC).isoformat() if form.get("notice_given") == "true" else None
    kind = form.get("kind", "")
    return {
        "kind": kind,
        "office_id": office_of(staff),
        "staff_ids": [staff.staff_id, *(c for c in colleagues if kind == "team")],
        "starts_at": berlin_moment(form, "starts_at"),
        "duration_minutes": form.get("duration_minutes", ""),
        "channel": form.get("channel", ""),
        "participants": [{"client_id": c, "notice_given_at": given} for c in clients if c],
        "room_id": form.get("room_id") or None,
        "capacity": form.get("capacity") or None if kind == "group" else None,
    }


def refused(error: ServiceError, names: dict[str, str], fields: tuple[str, ...] = FIELDS) -> FormErrors:
    """Coaching's refusal next to its field, in German; a double booking names the clash by name."""
    problem = dict(error.problem)
    problem["errors"] = [
        {**e, "reason": texts.refusal(str(e.get("reason", "")), names)} for e in problem.get("errors") or []
    ]
    problem["detail"] = texts.refusal(str(problem.get("detail") or problem.get("title") or ""), names)
    return form_errors(problem, fields, {"participants.0.client_id": "participants"})


async def _names_for_refusal(backend: Backend, staff: Staff) -> dict[str, str]:
    choices = await booking_choices(backend, staff)
    cases = {str(c["client_id"]) for c in items(choices["cases"].data)}
    return await client_names(backend, staff, cases) | {
        str(r["room_id"]): str(r["name"]) for r in items(choices["rooms"].data)
    }


@router.post("/termine/kalender", response_class=HTMLResponse, summary="Kalender abonnieren")
async def subscribe(request: Request, backend: BackendDep, session: PostedDep, settings: SettingsDep) -> Response:
    """A new feed address (the old one stops working), shown on this page only: it is not stored here."""
    staff = session.staff
    assert staff is not None
    require_coach(staff)
    issued = await backend.send("POST", "coaching", "/staff/me/calendar-token", staff)
    feed_url = settings.coaching_url.rstrip("/") + str(issued["feed_path"])
    return await show(request, backend, staff, feed_url=feed_url)
