"""A client's programme participation: the history, and enrol, transfer or end with a reason (coaching moves the
case manager under the weighted caseload and says so)."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import cohort_texts as texts
from staff_app import programme_names as named
from staff_app.appointment_reads import client_names
from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings
from staff_app.problems import FormErrors, form_errors
from staff_app.sections import items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {
    "aufgenommen": "Ins Programm aufgenommen.",
    "gewechselt": "Programm gewechselt.",
    "beendet": "Teilnahme beendet.",
}


def require_enroller(staff: Staff) -> None:
    if not staff.has("case_manager", "team_lead"):
        raise HTTPException(403, "Programmteilnahmen ändern Fallmanagement und Teamleitung.")


@router.get("/teilnahme/{client_id}", response_class=HTMLResponse, summary="Programmteilnahme")
async def participation(
    request: Request, client_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    require_enroller(staff)
    return await show(request, backend, staff, client_id, done=DONE.get(ok))


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    client_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    history: list[dict[str, Any]] = await backend.get("coaching", f"/cases/{client_id}/participations", staff)
    catalogue = await section(backend.get("coaching", "/programmes", staff))
    programmes = [p for p in items(catalogue.data) if p["program_id"] not in {"standard", "u25"}]
    names = await client_names(backend, staff, {str(client_id)})
    case = await section(backend.get("coaching", f"/cases/{client_id}", staff))
    offices = await named.offices(backend, staff)
    manager = (case.data or {}).get("case_worker_id")
    context: dict[str, Any] = {
        "title": "Programmteilnahme",
        "client_id": str(client_id),
        "who": names.get(str(client_id), str(client_id)),
        "history": history,
        "office": named.office_name(offices, str(case.data["office_id"])) if case.data else None,
        "manager": named.staff_label(str(manager), offices) if manager else None,
        "current": next((p for p in history if p["ended_on"] is None), None),
        "programmes": programmes,
        "texts": texts,
        "done": done,
        "errors": {form: errors} if form else {},
    }
    return render(request, "participation.html", context, status_code)


async def act(
    request: Request, backend: Backend, staff: Staff, client_id: UUID, form: str, call: Awaitable[Any], ok: str
) -> Response:
    try:
        await call
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        problem = dict(error.problem)
        problem["detail"] = texts.refusal(str(problem.get("detail") or problem.get("title") or ""))
        errors = form_errors(problem, ("program_id", "starts_on", "on", "reason", "ended_on"))
        return await show(request, backend, staff, client_id, form=form, errors=errors, status_code=error.status)
    return RedirectResponse(f"/teilnahme/{client_id}?ok={ok}", status_code=303)


@router.post("/teilnahme/{client_id}/aufnahme", summary="Ins Programm aufnehmen")
async def enrol(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_enroller(staff)
    form = strings(await request.form())
    body = {"program_id": form.get("program_id", ""), "starts_on": form.get("starts_on") or None}
    call = backend.send(
        "POST", "coaching", f"/cases/{client_id}/participation", staff, body, key=form.get("idempotency_key")
    )
    return await act(request, backend, staff, client_id, "enrol", call, "aufgenommen")


@router.post("/teilnahme/{client_id}/wechsel", summary="Programm wechseln")
async def transfer(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_enroller(staff)
    form = strings(await request.form())
    body = {"program_id": form.get("program_id", ""), "on": form.get("on") or None}
    path = f"/cases/{client_id}/participation/transfer"
    call = backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))
    return await act(request, backend, staff, client_id, "transfer", call, "gewechselt")


@router.post("/teilnahme/{client_id}/ende", summary="Teilnahme beenden")
async def end(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    require_enroller(staff)
    form = strings(await request.form())
    body = {"reason": form.get("reason", ""), "ended_on": form.get("ended_on") or None}
    path = f"/cases/{client_id}/participation/end"
    call = backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))
    return await act(request, backend, staff, client_id, "end", call, "beendet")
