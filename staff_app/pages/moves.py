"""Umzug melden (intake `POST /clients/{id}/moves`): the new postcode and the day; then what followed — the
office responsible from that day, the case's handover in coaching and, for benefits clerks, the change decision
the new district's appropriate rent led to (§ 22 Abs. 1, Abs. 4 SGB II). Intake admits intake clerks and case
managers to record a move; the result is read by whoever may read each part."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings
from staff_app.problems import FormErrors, form_errors
from staff_app.sections import Section, items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
FIELDS = ("residence_postcode", "moved_on")
RECORDS = ("intake_clerk", "case_manager")  # intake's IntakeStaff
READS = (*RECORDS, "benefits_clerk")
CASE_STATUSES = {
    "awaiting_assignment": "wartet auf eine Fallmanagerin/einen Fallmanager der neuen Dienststelle",
    "in_coaching": "übergeben an",
    "ready_for_placement": "übergeben an",
}


def _may(staff: Staff, roles: tuple[str, ...]) -> None:
    if not staff.has(*roles):
        raise HTTPException(403, "Einen Umzug melden Eingangszone und Fallmanagement.")


async def _page(
    request: Request,
    backend: Backend,
    staff: Staff,
    client_id: UUID,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    moved: dict[str, str] | None = None,
) -> Response:
    """After a move into another office the one who recorded it may no longer read the client (403): the page
    then shows the move as intake answered it, and each part as far as the caller's role and offices reach."""
    found = await section(backend.get("intake", f"/clients/{client_id}", staff))
    if not found.shown and (moved is None or found.status != 403):
        found = Section(await backend.get("intake", f"/clients/{client_id}", staff))  # the error page
    client = found.data
    offices = await section(backend.get("coaching", "/offices", staff))
    names = {o["office_id"]: o["name"] for o in items(offices.data)}
    person = client["person"] if client else None
    context: dict[str, Any] = {
        "title": f"Umzug: {person['family_name']}, {person['given_name']}" if person else "Umzug erfasst",
        "client": client,
        "client_id": client_id,
        "office_name": names.get(client["office_id"], client["office_id"]) if client else None,
        "errors": errors,
        "v": values or {},
        "records": staff.has(*RECORDS) and client is not None,
        "moved": moved,
    }
    if moved:
        context |= await _what_followed(backend, staff, client_id, moved, names)
    return render(request, "move.html", context, 422 if errors else 200)


async def _what_followed(
    backend: Backend, staff: Staff, client_id: UUID, moved: dict[str, str], names: dict[str, str]
) -> dict[str, Any]:
    """Coaching and benefits hear of the move by `client_moved.v1`: until they have, their part says so."""
    case = await section(backend.get("coaching", f"/cases/{client_id}", staff))
    if case.status == 403:
        case = Section(None, f"Der Fall liegt nun bei {names.get(moved['nach'], moved['nach'])}.", 403)
    decisions = (
        await section(backend.get("benefits", f"/households/{moved['hh']}/decisions", staff))
        if staff.has("benefits_clerk") and moved.get("hh")
        else Section(None, "Die Leistungen sieht die Leistungssachbearbeitung.")
    )
    handed_over = case.shown and case.data["office_id"] == moved["nach"]
    rent = None
    if decisions.shown:
        rent = next((d for d in reversed(items(decisions.data)) if d["cause"] == "moved"), None)
    return {
        "from_name": names.get(moved["von"], moved["von"]),
        "to_name": names.get(moved["nach"], moved["nach"]),
        "case": case,
        "handed_over": handed_over,
        "case_status": CASE_STATUSES.get(case.data["status"], case.data["status"]) if handed_over else None,
        "decisions": decisions,
        "rent_decision": rent,
    }


@router.get("/akte/{client_id}/umzug", response_class=HTMLResponse, summary="Report a move")
async def move_form(
    client_id: UUID,
    request: Request,
    backend: BackendDep,
    staff: StaffDep,
    umzug: str = "",
    von: str = "",
    nach: str = "",
    am: str = "",
    hh: str = "",
) -> Response:
    """`umzug`, `von`, `nach`, `am`, `hh`: the move just recorded (its id, the offices, the day, the household),
    whose effects the page shows."""
    _may(staff, READS)
    moved = {"move_id": umzug, "von": von, "nach": nach, "am": am, "hh": hh} if umzug else None
    return await _page(request, backend, staff, client_id, moved=moved)


@router.post("/akte/{client_id}/umzug", summary="Record a move at intake")
async def record_move(client_id: UUID, request: Request, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    _may(staff, RECORDS)
    form = strings(await request.form())
    body = {"residence_postcode": form.get("residence_postcode", ""), "moved_on": form.get("moved_on", "")}
    path = f"/clients/{client_id}/moves"
    try:
        moved = await backend.send("POST", "intake", path, staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status != 422:
            raise
        return await _page(request, backend, staff, client_id, form_errors(error.problem, FIELDS), form)
    query = urlencode(
        {
            "umzug": moved["move_id"],
            "von": moved["from_office_id"],
            "nach": moved["office_id"],
            "am": moved["moved_on"],
            "hh": moved["household_id"],
        }
    )
    return RedirectResponse(f"/akte/{client_id}/umzug?{query}", status_code=303)
