"""One appointment: its participants with their attendance, recorded once each (attended, excused with a reason,
missed), and cancelling or moving it with a reason."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import appointment_texts as texts
from staff_app.appointment_reads import client_names, one
from staff_app.backend import Backend, ServiceError
from staff_app.forms import Invalid, berlin_moment, strings
from staff_app.pages.appointments import refused, require_coach
from staff_app.problems import FormErrors
from staff_app.sections import items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {
    "anwesenheit": "Anwesenheit erfasst.",
    "abgesagt": "Termin abgesagt.",
    "verlegt": "Termin verlegt.",
}


@router.get("/termine/{appointment_id}", response_class=HTMLResponse, summary="Ein Termin")
async def appointment(
    request: Request, appointment_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    require_coach(staff)
    return await show(request, backend, staff, appointment_id, done=DONE.get(ok))


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    appointment_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    found = await one(backend, staff, str(appointment_id))
    names = await client_names(backend, staff, {str(p["client_id"]) for p in found["participants"]})
    rooms = await section(backend.get("coaching", "/rooms", staff, {"office_id": found["office_id"]}))
    context: dict[str, Any] = {
        "title": "Termin",
        "a": found,
        "names": names,
        "rooms": {str(r["room_id"]): str(r["name"]) for r in items(rooms.data)},
        "texts": texts,
        "done": done,
        "errors": {form: errors} if form else {},
        "values": {form: values or {}} if form else {},
    }
    return render(request, "appointment.html", context, status_code)


async def act(
    request: Request,
    backend: Backend,
    staff: Staff,
    appointment_id: UUID,
    form: str,
    call: Awaitable[Any],
    ok: str,
    fields: tuple[str, ...],
) -> Response:
    """Do what the form asks; back to the appointment with `ok`, or the refusal in German on the form."""
    values = strings(await request.form())
    try:
        await call
    except Invalid as invalid:
        return await show(
            request, backend, staff, appointment_id, form=form, errors=invalid.errors(), values=values, status_code=422
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = refused(error, {}, fields)
        return await show(
            request, backend, staff, appointment_id, form=form, errors=errors, values=values, status_code=error.status
        )
    return RedirectResponse(f"/termine/{appointment_id}?ok={ok}", status_code=303)


@router.post("/termine/{appointment_id}/anwesenheit", summary="Anwesenheit erfassen")
async def attendance(request: Request, appointment_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_coach(staff)
    form = strings(await request.form())
    client_id = form.get("client_id", "")
    body = {"client_id": client_id, "attendance": form.get("attendance", ""), "reason": form.get("reason") or None}
    path = f"/appointments/{appointment_id}/attendance"
    call = backend.send("PUT", "coaching", path, staff, body, key=form.get("idempotency_key"))
    return await act(
        request, backend, staff, appointment_id, f"attendance-{client_id}", call, "anwesenheit", ("reason",)
    )


@router.post("/termine/{appointment_id}/absage", summary="Termin absagen")
async def cancel(request: Request, appointment_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_coach(staff)
    form = strings(await request.form())
    path = f"/appointments/{appointment_id}/cancellation"
    body = {"reason": form.get("reason", "")}
    call = backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))
    return await act(request, backend, staff, appointment_id, "cancel", call, "abgesagt", ("reason",))


@router.post("/termine/{appointment_id}/verlegung", summary="Termin verlegen")
async def reschedule(request: Request, appointment_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_coach(staff)
    form = strings(await request.form())

    async def call() -> Any:
        body = {
            "starts_at": berlin_moment(form, "starts_at"),
            "duration_minutes": form.get("duration_minutes", ""),
            "reason": form.get("reason", ""),
        }
        path = f"/appointments/{appointment_id}/rescheduling"
        return await backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))

    return await act(
        request, backend, staff, appointment_id, "reschedule", call(), "verlegt", ("starts_at", "duration_minutes")
    )
