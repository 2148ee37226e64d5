"""The office's programmes (places, participants, cohorts) and one programme: its cohorts with places taken and
free, and for team leads the ranked proposal list of the office with "confirm one" and "confirm selected" (coaching
enrols nobody until the team lead confirms)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import cohort_texts as texts
from staff_app import formatting
from staff_app import programme_names as named
from staff_app.appointment_reads import client_names, office_of
from staff_app.backend import Backend, ServiceError
from staff_app.sections import items, section, sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
PROPOSALS = 50  # the page shows the best 50; the API answers as many as there are places


def require_programme_staff(staff: Staff) -> None:
    if not staff.has("case_manager", "coach", "team_lead"):
        raise HTTPException(403, "Programme sehen Fallmanagement, Coaches und Teamleitungen.")


@router.get("/programme", response_class=HTMLResponse, summary="Die Programme der Geschäftsstelle")
async def index(request: Request, backend: BackendDep, staff: StaffDep) -> Response:
    require_programme_staff(staff)
    office = office_of(staff)
    catalogue, loads = await sections(
        backend.get("coaching", "/programmes", staff),
        backend.get("coaching", "/caseloads", staff, {"office_id": office}),
    )
    offices = await named.offices(backend, staff)
    offered = offices.get(office, {}).get("programmes")
    shown = [p for p in items(catalogue.data) if offered is None or p["program_id"] in offered]
    query = {"office_id": office}
    paths = [f"/programmes/{p['program_id']}/cohorts" for p in shown]
    cohorts = await sections(*(backend.get("coaching", path, staff, query) for path in paths))
    context: dict[str, Any] = {
        "title": "Programme",
        "office": named.office_name(offices, office),
        "rows": [(p, items(c.data)) for p, c in zip(shown, cohorts, strict=True)],
        "places": offices.get(office, {}).get("places", {}),
        "participants": participants(items(loads.data)) if loads.shown else None,
        "catalogue": catalogue,
    }
    return render(request, "programmes.html", context)


def participants(caseloads: list[dict[str, Any]]) -> dict[str, int]:
    """Active cases per programme in the office: the sum of its staff members' caseloads."""
    total: dict[str, int] = {}
    for load in caseloads:
        for program_id, count in load["load_by_programme"].items():
            total[program_id] = total.get(program_id, 0) + int(count)
    return total


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
    offices = await named.offices(backend, staff)
    found = next((p for p in items(catalogue.data) if p["program_id"] == program_id), None)
    if found is None:
        raise HTTPException(404, "Dieses Programm gibt es nicht.")
    cohorts = await section(backend.get("coaching", f"/programmes/{program_id}/cohorts", staff, {"office_id": office}))
    proposals = None
    if staff.has("team_lead"):
        query = {"office_id": office, "limit": PROPOSALS}
        proposals = await section(backend.get("coaching", f"/programmes/{program_id}/proposals", staff, query))
    listed = proposals.data["selection"]["proposals"] if proposals and proposals.data else []
    # intake decides whose names the caller may read (a team lead alone sees case ids, as coaching answers)
    names = await client_names(backend, staff, {str(row["client_id"]) for row in listed})
    context: dict[str, Any] = {
        "title": f"Programm {formatting.name(program_id)}",
        "p": found,
        "others": [q for q in items(catalogue.data) if q["program_id"] not in {program_id, "standard", "u25"}],
        "office": named.office_name(offices, office),
        "cohorts": cohorts,
        "names": names,
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
