"""The employer page's forms for the hidden job market (#12): an unpublished vacancy from a contact, a company
visit with its guests and their attendance, an internship or work trial and its outcome. Clients are named by
their client number (Kundennummer), which intake resolves among the caller's offices; placement checks the rest
(§ 45 SGB III's six weeks, the guests, the dates) and each refusal shows next to its field, in German."""

from __future__ import annotations

import re
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from staff_app.backend import Backend, ServiceError
from staff_app.forms import Invalid, strings
from staff_app.pages.employer import refused, send
from staff_app.pages.placement import VACANCY_FIELDS, vacancy_body
from staff_app.sections import items
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep

router = APIRouter()
HIDDEN_FIELDS = (*VACANCY_FIELDS, "source_contact_id")
VISIT_FIELDS = ("program_id", "visit_on", "client_ids")
INTERNSHIP_FIELDS = ("client_id", "program_id", "kind", "starts_on", "ends_on")
OUTCOME_FIELDS = ("outcome", "outcome_on")
_NUMBERS = re.compile(r"[\s,;]+")


async def client_ids(backend: Backend, staff: Staff | None, text: str, field: str) -> list[str]:
    """Client numbers („L-000123, L-000124“) as client ids; an unknown one is refused next to `field`."""
    assert staff is not None
    numbers = [n.upper() for n in _NUMBERS.split(text.strip()) if n]
    if not numbers:
        raise Invalid(field, "Bitte mindestens eine Kundennummer angeben.")
    found = []
    for number in numbers:
        try:
            hits = items(await backend.get("intake", "/clients/search", staff, {"client_number": number}))
        except ServiceError as error:
            if error.status != 422:
                raise
            raise Invalid(field, f"{number} ist keine Kundennummer (z. B. L-000123).") from None
        if not hits:
            raise Invalid(field, f"Die Kundennummer {number} kennen wir in Ihrer Dienststelle nicht.")
        found.append(str(hits[0]["client_id"]))
    return found


@router.post("/arbeitgeber/{employer_id}/stellen", summary="Record an unpublished vacancy from a contact")
async def add_hidden_vacancy(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    """The hidden job market: an opening the employer mentioned in a contact, seen only by its office."""
    form = strings(await request.form())
    try:
        body = vacancy_body(form | {"employer_id": str(employer_id)})
    except Invalid as invalid:
        return await refused(request, backend, session.staff, employer_id, "vacancy", invalid)
    body |= {"published": False, "source_contact_id": form.get("source_contact_id") or None}
    call = ("POST", "/vacancies", body)
    return await send(request, backend, session.staff, employer_id, "vacancy", call, HIDDEN_FIELDS, "stelle")


@router.post("/arbeitgeber/{employer_id}/betriebsbesuche", summary="Plan a company visit")
async def plan_visit(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    form = strings(await request.form())
    try:
        guests = await client_ids(backend, session.staff, form.get("client_ids", ""), "client_ids")
    except Invalid as invalid:
        return await refused(request, backend, session.staff, employer_id, "visit", invalid)
    body: dict[str, Any] = {"employer_id": str(employer_id), "client_ids": guests}
    body |= {"program_id": form.get("program_id", ""), "visit_on": form.get("visit_on", "")}
    call = ("POST", "/company-visits", body)
    return await send(request, backend, session.staff, employer_id, "visit", call, VISIT_FIELDS, "besuch")


@router.post("/arbeitgeber/{employer_id}/betriebsbesuche/{visit_id}/teilnahme", summary="Record attendance")
async def record_attendance(
    request: Request, employer_id: UUID, visit_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    form = strings(await request.form())
    body = {"client_id": form.get("client_id", ""), "attendance": form.get("attendance", "")}
    call = ("POST", f"/company-visits/{visit_id}/attendance", body)
    name = f"attendance-{visit_id}-{body['client_id']}"
    return await send(request, backend, session.staff, employer_id, name, call, ("attendance",), "teilnahme")


@router.post("/arbeitgeber/{employer_id}/praktika", summary="Start an internship or work trial")
async def start_internship(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    form = strings(await request.form())
    try:
        (client_id,) = await client_ids(backend, session.staff, form.get("client_id", ""), "client_id")
    except ValueError:
        invalid = Invalid("client_id", "Bitte genau eine Kundennummer angeben.")
        return await refused(request, backend, session.staff, employer_id, "internship", invalid)
    except Invalid as invalid:
        return await refused(request, backend, session.staff, employer_id, "internship", invalid)
    body = {"client_id": client_id, "employer_id": str(employer_id)}
    body |= {name: form.get(name, "") for name in ("program_id", "kind", "starts_on", "ends_on")}
    call = ("POST", "/internships", body)
    return await send(request, backend, session.staff, employer_id, "internship", call, INTERNSHIP_FIELDS, "praktikum")


@router.post("/arbeitgeber/{employer_id}/praktika/{internship_id}/ergebnis", summary="End an internship")
async def end_internship(
    request: Request, employer_id: UUID, internship_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    form = strings(await request.form())
    body = {"outcome": form.get("outcome", ""), "outcome_on": form.get("outcome_on", "")}
    call = ("POST", f"/internships/{internship_id}/outcome", body)
    name = f"outcome-{internship_id}"
    return await send(request, backend, session.staff, employer_id, name, call, OUTCOME_FIELDS, "ergebnis")
