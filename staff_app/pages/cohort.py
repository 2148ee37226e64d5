"""A cohort: its weekly sessions, its members by name with the childcare arranged for them and their outcomes;
add a member from the caseload, arrange childcare, record an outcome."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import cohort_texts as texts
from staff_app import programme_names as named
from staff_app.appointment_reads import booking_choices, client_names
from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings
from staff_app.pages.programmes import require_programme_staff
from staff_app.problems import FormErrors, form_errors
from staff_app.sections import items, section, sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {
    "aufgenommen": "In die Kohorte aufgenommen.",
    "ergebnis": "Ergebnis erfasst.",
    "betreuung": "Kinderbetreuung gespeichert.",
}


@router.get("/kohorten/{cohort_id}", response_class=HTMLResponse, summary="Eine Kohorte")
async def cohort(request: Request, cohort_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = "") -> Response:
    require_programme_staff(staff)
    return await show(request, backend, staff, cohort_id, done=DONE.get(ok))


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    cohort_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    found: dict[str, Any] = await backend.get("coaching", f"/cohorts/{cohort_id}", staff)
    members = {str(m["client_id"]) for m in found["members"]}
    caseload: list[dict[str, Any]] = []
    if staff.has("case_manager", "coach"):
        caseload = [c for c in items((await booking_choices(backend, staff))["cases"].data)]
    names = await client_names(backend, staff, members | {str(c["client_id"]) for c in caseload})
    rooms = await section(backend.get("coaching", "/rooms", staff, {"office_id": found["cohort"]["office_id"]}))
    offices = await named.offices(backend, staff)
    cases = await sections(*(backend.get("coaching", f"/cases/{client_id}", staff) for client_id in sorted(members)))
    managers = {
        str(case.data["client_id"]): named.staff_label(str(case.data["case_worker_id"]), offices)
        for case in cases
        if case.data and case.data.get("case_worker_id")
    }
    context: dict[str, Any] = {
        "title": f"Kohorte {found['cohort']['name']}",
        "c": found,
        "names": names,
        "office": named.office_name(offices, found["cohort"]["office_id"]),
        "managers": managers,
        "candidates": [c for c in caseload if str(c["client_id"]) not in members],
        "room": {str(r["room_id"]): str(r["name"]) for r in items(rooms.data)}.get(found["cohort"]["room_id"]),
        "texts": texts,
        "done": done,
        "errors": {form: errors} if form else {},
    }
    return render(request, "cohort.html", context, status_code)


async def act(
    request: Request, backend: Backend, staff: Staff, cohort_id: UUID, form: str, call: Awaitable[Any], ok: str
) -> Response:
    try:
        await call
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        problem = dict(error.problem)
        problem["detail"] = texts.refusal(str(problem.get("detail") or problem.get("title") or ""))
        fields = ("client_id", "outcome", "on", "childcare.provider", "childcare.days", "childcare.to_time")
        errors = form_errors(problem, fields)
        return await show(request, backend, staff, cohort_id, form=form, errors=errors, status_code=error.status)
    return RedirectResponse(f"/kohorten/{cohort_id}?ok={ok}", status_code=303)


def _childcare(form: dict[str, str], days: list[str]) -> dict[str, Any] | None:
    if not form.get("provider"):
        return None
    return {
        "provider": form["provider"],
        "days": days,
        "from_time": form.get("from_time", ""),
        "to_time": form.get("to_time", ""),
    }


@router.post("/kohorten/{cohort_id}/teilnehmende", summary="In die Kohorte aufnehmen")
async def join(request: Request, cohort_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_programme_staff(staff)
    raw = await request.form()
    form = strings(raw)
    days = [d for d in raw.getlist("days") if isinstance(d, str)]
    body = {"client_id": form.get("client_id", ""), "childcare": _childcare(form, days)}
    call = backend.send(
        "POST", "coaching", f"/cohorts/{cohort_id}/members", staff, body, key=form.get("idempotency_key")
    )
    return await act(request, backend, staff, cohort_id, "join", call, "aufgenommen")


@router.post("/kohorten/{cohort_id}/teilnehmende/{client_id}/ergebnis", summary="Ergebnis erfassen")
async def outcome(
    request: Request, cohort_id: UUID, client_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    staff = session.staff
    assert staff is not None
    require_programme_staff(staff)
    form = strings(await request.form())
    body = {"outcome": form.get("outcome", ""), "on": form.get("on", "")}
    path = f"/cohorts/{cohort_id}/members/{client_id}/outcome"
    call = backend.send("PUT", "coaching", path, staff, body)
    return await act(request, backend, staff, cohort_id, f"outcome-{client_id}", call, "ergebnis")
