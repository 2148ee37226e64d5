"""Mein Arbeitsplatz: the case manager's day — appointments, tasks, the caseload with filters, the search box."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable
from datetime import UTC, date, datetime, time
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import Backend
from staff_app.formatting import BERLIN
from staff_app.sections import Section, items, section
from staff_app.sessions import Staff
from staff_app.web import BackendDep, StaffDep, render

router = APIRouter()
STATUSES = ("in_coaching", "ready_for_placement", "awaiting_assignment", "closed")
PROGRAMMES = ("standard", "u25", "joboffensive", "gemeinsam")
PAGE = 200  # the most a page of the find-and-list APIs holds; a longer caseload pages on by cursor


@router.get("/", response_class=HTMLResponse, summary="Mein Arbeitsplatz")
async def workplace(
    request: Request,
    backend: BackendDep,
    staff: StaffDep,
    status: str = "",
    programme: str = "",
    due_before: str = "",
    cursor: str = "",
) -> Response:
    if not staff.has("case_manager", "coach"):
        return RedirectResponse(_home_of(staff), status_code=303)
    today = datetime.now(BERLIN).date().isoformat()
    filters = {"status": status, "programme": programme, "due_before": due_before}
    chosen = {k: v for k, v in filters.items() if v and k != "due_before"}
    case_query: dict[str, str | int] = {"case_worker_id": "me", "limit": PAGE, **chosen}
    due_error = None
    if due_before:
        try:  # the day as typed, from its first moment in Berlin: coaching takes a moment with its offset
            case_query["due_before"] = datetime.combine(date.fromisoformat(due_before), time(), BERLIN).isoformat()
        except ValueError:
            due_error = "Bitte ein Datum angeben."
    if cursor:
        case_query["cursor"] = cursor
    # The caseload's names are asked for as soon as the caseload is in, while the day's appointments and
    # tasks may still be on their way; their clients are nearly always in the caseload already.
    appointments, tasks, caseload = await asyncio.gather(
        section(backend.get("coaching", "/appointments", staff, {"staff_id": "me", "day": today})),
        section(backend.get("coaching", "/tasks", staff, {"case_worker_id": staff.staff_id, "status": "open"})),
        _named_caseload(backend, staff, backend.get("coaching", "/cases", staff, case_query)),
    )
    await _named(backend, staff, appointments, tasks, known=caseload)
    now = datetime.now(UTC).isoformat()
    context: dict[str, Any] = {
        "title": "Mein Arbeitsplatz",
        "today": today,
        "appointments": appointments,
        "tasks": tasks,
        "overdue": [t for t in items(tasks.data) if str(t["due_at"]) < now],
        "open": [t for t in items(tasks.data) if str(t["due_at"]) >= now],
        "caseload": caseload,
        "filters": filters,
        "statuses": STATUSES,
        "programmes": PROGRAMMES,
        "due_error": due_error,
    }
    # htmx asks for the caseload alone when filtering; a history restore wants the whole page back.
    partial = "HX-Request" in request.headers and "HX-History-Restore-Request" not in request.headers
    template = "_caseload.html" if partial else "workplace.html"
    return render(request, template, context)


def _home_of(staff: Staff) -> str:
    if staff.has("placement_officer"):
        return "/vermittlung"
    if staff.has("benefits_clerk"):
        return "/leistungen"
    if staff.has("operator"):
        return "/team"
    if staff.has("team_lead", "management"):
        return "/kennzahlen"
    if staff.has("intake_clerk"):
        return "/neu"
    return "/suche"


async def _named_caseload(backend: Backend, staff: Staff, call: Awaitable[Any]) -> Section:
    caseload = await section(call)
    await _named(backend, staff, caseload)
    return caseload


async def _named(backend: Backend, staff: Staff, *parts: Section, known: Section | None = None) -> None:
    """Names for the rows of each part from one batch lookup at intake (`GET /clients?client_id=…`); the
    clients already named in `known` are not asked for again."""
    people = {str(row["client_id"]): row["client"] for row in items(known.data if known else None) if "client" in row}
    ids = sorted(
        {str(row["client_id"]) for part in parts for row in items(part.data) if row.get("client_id")} - set(people)
    )
    if ids:
        found = await section(backend.get("intake", "/clients", staff, [("client_id", i) for i in ids[:200]]))
        people |= {str(c["client_id"]): c for c in items(found.data)}
    for part in parts:
        for row in items(part.data):
            row["client"] = people.get(str(row["client_id"]))
