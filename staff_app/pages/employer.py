"""An employer's page for placement staff (Arbeitgeber): contact persons, the history of contacts, partner
status, open and unpublished vacancies, company visits and internships — and forms for a contact person and a
contact. Contact persons are social data: placement answers only staff of the employer's office."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.appointment_reads import client_names
from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings
from staff_app.problems import FormErrors, form_errors
from staff_app.reads import PAGE
from staff_app.sections import items, sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {"ansprechperson": "Ansprechperson angelegt.", "kontakt": "Kontakt erfasst."}
PERSON_FIELDS = ("name", "role", "phone", "email")
CONTACT_FIELDS = ("contact_on", "kind", "note", "contact_person_id", "follow_up_on")
KINDS = [("call", "Anruf"), ("visit", "Besuch"), ("email", "E-Mail"), ("meeting", "Treffen")]
OUTCOMES = {"hired": "eingestellt", "offer": "Angebot", "not_suitable": "nicht geeignet", "aborted": "abgebrochen"}
ATTENDANCE = {"invited": "eingeladen", "attended": "teilgenommen", "absent": "nicht erschienen"}


@router.get("/arbeitgeber/{employer_id}", response_class=HTMLResponse, summary="An employer's page")
async def employer_page(
    request: Request, employer_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    return await _page(request, backend, staff, employer_id, done=DONE.get(ok))


async def _page(
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
    persons, contacts, partnerships, vacancies, visits, internships = await sections(
        backend.get("placement", f"{path}/contact-persons", staff),
        backend.get("placement", f"{path}/contacts", staff),
        backend.get("placement", f"{path}/partnerships", staff),
        backend.get("placement", "/vacancies", staff, {"employer_id": str(employer_id), "limit": PAGE}),
        backend.get("placement", f"{path}/company-visits", staff),
        backend.get("placement", "/internships", staff, {"employer_id": str(employer_id)}),
    )
    clients = {str(g["client_id"]) for v in items(visits.data) for g in v["guests"]}
    clients |= {str(i["client_id"]) for i in items(internships.data)}
    context = {
        "title": f"Arbeitgeber: {employer['name']}",
        "employer": employer,
        "persons": persons,
        "person_names": {str(p["contact_person_id"]): p["name"] for p in items(persons.data)},
        "contacts": contacts,
        "partnerships": partnerships,
        "vacancies": vacancies,
        "visits": visits,
        "internships": internships,
        "names": await client_names(backend, staff, clients),
        "kinds": KINDS,
        "kind_names": dict(KINDS),
        "outcomes": OUTCOMES,
        "attendance": ATTENDANCE,
        "done": done,
        "errors": {form: errors} if form else {},
        "values": {form: values or {}},
    }
    return render(request, "employer.html", context, status_code)


async def _send(
    request: Request,
    backend: Backend,
    staff: Staff | None,
    employer_id: UUID,
    form_name: str,
    body: dict[str, Any],
    fields: tuple[str, ...],
    ok: str,
) -> Response:
    assert staff is not None  # form_posted() signed them in
    form = strings(await request.form())
    suffix = "contact-persons" if form_name == "person" else "contacts"
    path = f"/employers/{employer_id}/{suffix}"
    try:
        await backend.send("POST", "placement", path, staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, fields)
        return await _page(
            request, backend, staff, employer_id, form=form_name, errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/arbeitgeber/{employer_id}?ok={ok}#h-{form_name}s", status_code=303)


@router.post("/arbeitgeber/{employer_id}/ansprechpersonen", summary="Add a contact person")
async def add_person(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    form = strings(await request.form())
    body = {name: (form.get(name) or "").strip() or None for name in PERSON_FIELDS}
    body["name"] = form.get("name", "")
    return await _send(request, backend, session.staff, employer_id, "person", body, PERSON_FIELDS, "ansprechperson")


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
    return await _send(request, backend, session.staff, employer_id, "contact", body, CONTACT_FIELDS, "kontakt")
