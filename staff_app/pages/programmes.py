"""A programme: its cohorts with places taken and free, and for team leads the ranked proposal list of the office
with "confirm one" and "confirm selected" (coaching enrols nobody until the team lead confirms)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import cohort_texts as texts
from staff_app.appointment_reads import office_of
from staff_app.backend import Backend, ServiceError
from staff_app.sections import items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
PROPOSALS = 50  # the page shows the best 50; the API answers as many as there are places


def require_programme_staff(staff: Staff) -> None:
    if not staff.has("case_manager", "coach", "team_lead"):
        raise HTTPException(403, "Programme sehen Fallmanagement, Coaches und Teamleitungen.")


@router.get("/programme/{program_id}", response_class=HTMLResponse, summary="Ein Programm mit seinen Kohorten")
async def programme(
    request: Request, program_id: str, backend: BackendDep, staff: StaffDep, aufgenommen: int = -1, abgelehnt: int = 0
) -> Response:
    require_programme_staff(staff)
    done = f"{aufgenommen} aufgenommen, {abgelehnt} abgelehnt." if aufgenommen >= 0 else None
    return await show(request, backend, staff, program_id, done)


async def show(
    request: Request, backend: Backend, staff: Staff, program_id: str, done: str | None, problem: str | None = None
) -> Response:
    office = office_of(staff)
    catalogue = await section(backend.get("coaching", "/programmes", staff))
    found = next((p for p in items(catalogue.data) if p["program_id"] == program_id), None)
    if found is None:
        raise HTTPException(404, "Dieses Programm gibt es nicht.")
    cohorts = await section(backend.get("coaching", f"/programmes/{program_id}/cohorts", staff, {"office_id": office}))
    proposals = None
    if staff.has("team_lead"):
        query = {"office_id": office, "limit": PROPOSALS}
        proposals = await section(backend.get("coaching", f"/programmes/{program_id}/proposals", staff, query))
    context: dict[str, Any] = {
        "title": f"Programm {found['name']}",
        "p": found,
        "others": [q for q in items(catalogue.data) if q["program_id"] not in {program_id, "standard", "u25"}],
        "office": office,
        "cohorts": cohorts,
        "proposals": proposals,
        "texts": texts,
        "done": done,
        "problem": problem,
    }
    return render(request, "programme.html", context, 422 if problem else 200)


@router.post("/programme/{program_id}/aufnahmen", summary="Vorschläge bestätigen")
async def confirm(request: Request, program_id: str, backend: BackendDep, session: PostedDep) -> Response:
    """One client (the row's button) or every ticked one; coaching answers per client."""
    staff = session.staff
    assert staff is not None
    if not staff.has("team_lead"):
        raise HTTPException(403, "Vorschläge bestätigt die Teamleitung.")
    form = await request.form()
    one = form.get("client_id")
    chosen = [one] if isinstance(one, str) and one else [c for c in form.getlist("client_ids") if isinstance(c, str)]
    if not chosen:
        return await show(request, backend, staff, program_id, None, "Bitte mindestens eine Person auswählen.")
    body = {"office_id": office_of(staff), "client_ids": chosen}
    key = form.get("idempotency_key")
    try:
        reply = await backend.send(
            "POST",
            "coaching",
            f"/programmes/{program_id}/enrolments",
            staff,
            body,
            key=key if isinstance(key, str) else None,
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        return await show(request, backend, staff, program_id, None, str(error.problem.get("detail") or error))
    target = f"/programme/{program_id}?aufgenommen={reply['enrolled']}&abgelehnt={reply['refused']}"
    return RedirectResponse(target, status_code=303)
