"""An employer's page for placement staff (Arbeitgeber): contact persons, the history of contacts, partner
status, open and unpublished vacancies, company visits and internships, with the office's and programmes' German
names — and forms for a contact person and a contact (the other forms: `employer_records`). Contact persons are
social data: placement answers only staff of the employer's office (403 for another office: the whole page)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import formatting
from staff_app import programme_names as named
from staff_app.appointment_reads import client_names
from staff_app.backend import Backend, ServiceError
from staff_app.formatting import BERLIN
from staff_app.forms import Invalid, strings
from staff_app.problems import FormErrors, form_errors
from staff_app.reads import PAGE
from staff_app.sections import items, sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {
    "ansprechperson": "Ansprechperson angelegt.",
    "kontakt": "Kontakt erfasst.",
    "stelle": "Nicht veröffentlichte Stelle erfasst.",
    "besuch": "Betriebsbesuch geplant.",
    "teilnahme": "Teilnahme gespeichert.",
    "praktikum": "Praktikum begonnen.",
    "ergebnis": "Ergebnis des Praktikums gespeichert.",
}
PERSON_FIELDS = ("name", "role", "phone", "email")
CONTACT_FIELDS = ("contact_on", "kind", "note", "contact_person_id", "follow_up_on")
KINDS = [("call", "Anruf"), ("visit", "Besuch"), ("email", "E-Mail"), ("meeting", "Treffen")]
OUTCOMES = {"hired": "eingestellt", "offer": "Angebot", "not_suitable": "nicht geeignet", "aborted": "abgebrochen"}
ATTENDANCE = {"invited": "eingeladen", "attended": "teilgenommen", "absent": "nicht erschienen"}
INTERNSHIP_KINDS = {"internship": "Praktikum", "work_trial": "Probearbeit"}


@router.get("/arbeitgeber/{employer_id}", response_class=HTMLResponse, summary="An employer's page")
async def employer_page(
    request: Request, employer_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    return await page(request, backend, staff, employer_id, done=DONE.get(ok))


async def page(
    request: Request,
    backend: Backend,
    staff: Staff,
    employer_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    path = f"/employers/{employer_id}"
    employer = await backend.get("placement", path, staff)  # 403 / 404: the whole page
    persons, contacts, partnerships, vacancies, visits, internships, catalogue = await sections(
        backend.get("placement", f"{path}/contact-persons", staff),
        backend.get("placement", f"{path}/contacts", staff),
        backend.get("placement", f"{path}/partnerships", staff),
        backend.get("placement", "/vacancies", staff, {"employer_id": str(employer_id), "limit": PAGE}),
        backend.get("placement", f"{path}/company-visits", staff),
        backend.get("placement", "/internships", staff, {"employer_id": str(employer_id)}),
        backend.get("coaching", "/programmes", staff),
    )
    offices = await named.offices(backend, staff)
    clients = {str(g["client_id"]) for v in items(visits.data) for g in v["guests"]}
    clients |= {str(i["client_id"]) for i in items(internships.data)}
    context = {
        "title": f"Arbeitgeber: {employer['name']}",
        "employer": employer,
        "office": named.office_name(offices, str(employer["office_id"])),
        "persons": persons,
        "person_names": {str(p["contact_person_id"]): p["name"] for p in items(persons.data)},
        "contacts": contacts,
        "contact_choices": [(str(c["contact_id"]), contact_label(c)) for c in items(contacts.data)],
        "partnerships": partnerships,
        # a visit or an internship usually belongs to the programme the employer is a partner in
        "partner_programme": next((str(p["program_id"]) for p in items(partnerships.data)), ""),
        "vacancies": vacancies,
        "visits": visits,
        "internships": internships,
        "names": await client_names(backend, staff, clients),
        "programmes": programme_choices(items(catalogue.data), offices.get(str(employer["office_id"]), {})),
        "kinds": KINDS,
        "kind_names": dict(KINDS),
        "internship_kinds": INTERNSHIP_KINDS,
        "outcomes": OUTCOMES,
        "attendance": ATTENDANCE,
        "today": datetime.now(BERLIN).date().isoformat(),  # attendance once the visit's day has come
        "done": done,
        "errors": {form: errors} if form else {},
        "values": {form: values or {}},
    }
    return render(request, "employer.html", context, status_code)


def contact_label(contact: dict[str, Any]) -> str:
    """„02.12.2026, Besuch: Sucht ab Februar …“ — the contact an unpublished vacancy came from."""
    day = "{2}.{1}.{0}".format(*str(contact["contact_on"]).split("-"))
    note = str(contact["note"])
    return f"{day}, {dict(KINDS).get(contact['kind'], contact['kind'])}: {note[:60]}{'…' if len(note) > 60 else ''}"


def programme_choices(catalogue: list[dict[str, Any]], office: dict[str, Any]) -> list[tuple[str, str]]:
    """The programmes the employer's office offers (every one where coaching names none), by their German name
    (coaching's catalogue names them in English)."""
    offered = office.get("programmes")
    ids = [str(p["program_id"]) for p in catalogue if offered is None or p["program_id"] in offered]
    return [(i, formatting.name(i)) for i in ids]


async def send(
    request: Request,
    backend: Backend,
    staff: Staff | None,
    employer_id: UUID,
    form_name: str,
    call: tuple[str, str, dict[str, Any]],
    fields: tuple[str, ...],
    ok: str,
) -> Response:
    """Sends the form's body (Idempotency-Key from the form); a 409/422 shows the page again with each German
    reason next to its field, and the values typed."""
    assert staff is not None  # form_posted() signed them in
    form = strings(await request.form())
    method, path, body = call
    try:
        await backend.send(method, "placement", path, staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, fields)
        return await page(
            request, backend, staff, employer_id, form=form_name, errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/arbeitgeber/{employer_id}?ok={ok}#{form_name}", status_code=303)


async def refused(
    request: Request, backend: Backend, staff: Staff | None, employer_id: UUID, form_name: str, invalid: Invalid
) -> Response:
    """A value the staff app could not hand on (e.g. an unknown client number), next to its field."""
    assert staff is not None
    values = strings(await request.form())
    errors = invalid.errors()
    return await page(
        request, backend, staff, employer_id, form=form_name, errors=errors, values=values, status_code=422
    )


@router.post("/arbeitgeber/{employer_id}/ansprechpersonen", summary="Add a contact person")
async def add_person(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    form = strings(await request.form())
    body = {name: (form.get(name) or "").strip() or None for name in PERSON_FIELDS}
    body["name"] = form.get("name", "")
    call = ("POST", f"/employers/{employer_id}/contact-persons", body)
    return await send(request, backend, session.staff, employer_id, "person", call, PERSON_FIELDS, "ansprechperson")


@router.post("/arbeitgeber/{employer_id}/kontakte", summary="Record a contact with the employer")
async def add_contact(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    form = strings(await request.form())
    body = {
        "contact_on": form.get("contact_on", ""),
        "kind": form.get("kind", ""),
        "note": form.get("note", ""),
        "contact_person_id": form.get("contact_person_id") or None,
        "follow_up_on": form.get("follow_up_on") or None,
    }
    call = ("POST", f"/employers/{employer_id}/contacts", body)
    return await send(request, backend, session.staff, employer_id, "contact", call, CONTACT_FIELDS, "kontakt")
