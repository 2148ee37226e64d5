"""The placement officer's desk: employers and vacancies, and in the client file proposals, outcomes and hires."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import Backend, ServiceError
from staff_app.forms import Invalid, euros, strings
from staff_app.pages.client_file import act
from staff_app.problems import FormErrors, form_errors
from staff_app.reads import PAGE
from staff_app.sections import items, sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
DONE = {
    "arbeitgeber": "Arbeitgeber angelegt.",
    "arbeitgeber-geaendert": "Arbeitgeber geändert.",
    "stelle": "Stelle angelegt.",
    "stelle-geaendert": "Stelle geändert.",
}
EMPLOYER_FIELDS = ("name", "office_id", "postcode", "partner_company")
VACANCY_FIELDS = (
    "employer_id",
    "title",
    "occupation",
    "kind",
    "weekly_hours",
    "daily_start",
    "location_postcode",
    "positions",
    "gross_monthly_pay",
    "subject_to_social_insurance",
)
HIRE_FIELDS = (
    "employer_id",
    "start_date",
    "weekly_hours",
    "gross_monthly_pay",
    "net_monthly_pay",
    "first_pay_date",
    "subject_to_social_insurance",
)


@router.post("/akte/{client_id}/vorschlaege", summary="Propose a vacancy to the client")
async def propose(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    body = {"client_id": str(client_id), "vacancy_id": form.get("vacancy_id", "")}
    call = backend.send("POST", "placement", "/proposals", staff, body, key=form.get("idempotency_key"))
    return await act(
        request,
        backend,
        staff,
        client_id,
        "proposal",
        call,
        "vorschlag",
        fields=("vacancy_id",),
        then=lambda p: f"vorschlag={p['proposal_id']}",
    )


@router.post("/akte/{client_id}/vorschlaege/{proposal_id}/ergebnis", summary="Record a proposal's outcome")
async def outcome(
    request: Request, client_id: UUID, proposal_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    body = {"outcome": form.get("outcome", "")}
    path = f"/proposals/{proposal_id}/outcome"
    call = backend.send("POST", "placement", path, staff, body, key=form.get("idempotency_key"))
    return await act(
        request,
        backend,
        staff,
        client_id,
        "outcome",
        call,
        "ergebnis",
        fields=("outcome",),
        then=lambda p: f"vorschlag={p['proposal_id']}",
    )


STEP_FIELDS = ("step", "on", "interview_outcome", "closed_as", "reason", "note")


@router.post("/akte/{client_id}/vorschlaege/{proposal_id}/schritte", summary="Record a step of a proposal")
async def step(
    request: Request, client_id: UUID, proposal_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    """Application, interview, offer or closing (placement's pipeline); the hire is the form below it."""
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    body = {name: form.get(name) or None for name in STEP_FIELDS}
    path = f"/proposals/{proposal_id}/steps"
    call = backend.send("POST", "placement", path, staff, body, key=form.get("idempotency_key"))
    return await act(
        request,
        backend,
        staff,
        client_id,
        "step",
        call,
        "schritt",
        fields=STEP_FIELDS,
        then=lambda p: f"vorschlag={p['proposal_id']}",
        proposal_id=str(proposal_id),
    )


@router.post("/akte/{client_id}/einstellungen", summary="Record a hire")
async def hire(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())

    async def call() -> Any:
        body = {
            "client_id": str(client_id),
            "employer_id": form.get("employer_id", ""),
            "start_date": form.get("start_date", ""),
            "weekly_hours": form.get("weekly_hours", "").replace(",", "."),
            "gross_monthly_pay": euros(form, "gross_monthly_pay"),
            "net_monthly_pay": euros(form, "net_monthly_pay"),
            "first_pay_date": form.get("first_pay_date", ""),
            "subject_to_social_insurance": form.get("subject_to_social_insurance") == "true",
            "vacancy_id": form.get("vacancy_id") or None,
            "proposal_id": form.get("proposal_id") or None,
        }
        return await backend.send("POST", "placement", "/employments", staff, body, key=form.get("idempotency_key"))

    return await act(
        request,
        backend,
        staff,
        client_id,
        "hire",
        call(),
        "einstellung",
        fields=HIRE_FIELDS,
        then=lambda e: f"beschaeftigung={e['employment_id']}",
    )


@router.get("/vermittlung", response_class=HTMLResponse, summary="Employers and vacancies")
async def desk(request: Request, backend: BackendDep, staff: StaffDep, ok: str = "") -> Response:
    return await _desk(request, backend, staff, done=DONE.get(ok))


async def _desk(
    request: Request,
    backend: Backend,
    staff: Staff,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    status_code: int = 200,
) -> Response:
    employers, vacancies, offices = await sections(
        backend.get("placement", "/employers", staff, {"limit": PAGE}),
        backend.get("placement", "/vacancies", staff, {"limit": PAGE}),
        backend.get("coaching", "/offices", staff),
    )
    names = {str(e["employer_id"]): e["name"] for e in items(employers.data)}
    # offices by name, as the other pages show them; the id where coaching cannot be reached
    office_names = {str(o["office_id"]): str(o["name"]) for o in items(offices.data)}
    context = {
        "title": "Vermittlung",
        "employers": employers,
        "vacancies": vacancies,
        "employer_names": names,
        "office_names": office_names,
        "offices": [(o, office_names.get(o, o)) for o in sorted(staff.offices - {"*"}) or ["lutjenburg"]],
        "done": done,
        "errors": {form: errors} if form else {},
        "values": {form: values or {}},
    }
    return render(request, "placement.html", context, status_code)


async def _create(
    request: Request,
    backend: Backend,
    staff: Staff | None,
    form_name: str,
    path: str,
    body: Callable[[dict[str, str]], dict[str, Any]],
    fields: tuple[str, ...],
    ok: str,
) -> Response:
    assert staff is not None  # form_posted() signed them in
    form = strings(await request.form())
    try:
        await backend.send("POST", "placement", path, staff, body(form), key=form.get("idempotency_key"))
    except Invalid as invalid:
        return await _desk(
            request, backend, staff, form=form_name, errors=invalid.errors(), values=form, status_code=422
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, fields)
        return await _desk(
            request, backend, staff, form=form_name, errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/vermittlung?ok={ok}#{form_name}", status_code=303)


def _employer_body(form: dict[str, str]) -> dict[str, Any]:
    return {
        "name": form.get("name", ""),
        "office_id": form.get("office_id", ""),
        "postcode": form.get("postcode", ""),
        "partner_company": form.get("partner_company") == "true",
    }


@router.post("/vermittlung/arbeitgeber", summary="Add an employer")
async def add_employer(request: Request, backend: BackendDep, session: PostedDep) -> Response:
    return await _create(
        request, backend, session.staff, "employer", "/employers", _employer_body, EMPLOYER_FIELDS, "arbeitgeber"
    )


@router.get(
    "/vermittlung/arbeitgeber/{employer_id}", response_class=HTMLResponse, summary="The form to edit an employer"
)
async def employer_form(request: Request, employer_id: UUID, backend: BackendDep, staff: StaffDep) -> Response:
    employer = await backend.get("placement", f"/employers/{employer_id}", staff)  # 403 / 404: the whole page
    values = {name: str(employer[name]) for name in ("name", "office_id", "postcode")}
    values["partner_company"] = "true" if employer["partner_company"] else ""
    return _employer_page(request, staff, employer, values)


def _employer_page(
    request: Request,
    staff: Staff,
    employer: dict[str, Any],
    values: dict[str, str],
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    # the employer's own office stays choosable, so that saving other fields never moves it by accident
    offices = [(o, o) for o in sorted((staff.offices - {"*"}) | {employer["office_id"]})]
    context = {
        "title": f"Arbeitgeber bearbeiten: {employer['name']}",
        "employer": employer,
        "offices": offices,
        "errors": errors,
        "values": values,
    }
    return render(request, "employer_edit.html", context, status_code)


@router.post("/vermittlung/arbeitgeber/{employer_id}", summary="Edit an employer")
async def edit_employer(request: Request, employer_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None  # form_posted() signed them in
    form = strings(await request.form())
    path = f"/employers/{employer_id}"
    try:
        await backend.send("PUT", "placement", path, staff, _employer_body(form), key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        employer = await backend.get("placement", path, staff)
        errors = form_errors(error.problem, EMPLOYER_FIELDS)
        return _employer_page(request, staff, employer, form, errors, error.status)
    return RedirectResponse("/vermittlung?ok=arbeitgeber-geaendert#h-employers", status_code=303)


def vacancy_body(form: dict[str, str]) -> dict[str, Any]:
    """A vacancy form as placement takes it (also the employer page's unpublished vacancy)."""
    return {
        "employer_id": form.get("employer_id", ""),
        "title": form.get("title", ""),
        "occupation": form.get("occupation", ""),
        "kind": form.get("kind", "job"),
        "weekly_hours": form.get("weekly_hours", "").replace(",", "."),
        "daily_start": form.get("daily_start", ""),
        "location_postcode": form.get("location_postcode", ""),
        "positions": form.get("positions", "1"),
        "gross_monthly_pay": euros(form, "gross_monthly_pay"),
        "subject_to_social_insurance": form.get("subject_to_social_insurance") == "true",
    }


@router.post("/vermittlung/stellen", summary="Add a vacancy")
async def add_vacancy(request: Request, backend: BackendDep, session: PostedDep) -> Response:
    return await _create(
        request, backend, session.staff, "vacancy", "/vacancies", vacancy_body, VACANCY_FIELDS, "stelle"
    )


@router.get("/vermittlung/stellen/{vacancy_id}", response_class=HTMLResponse, summary="The form to edit a vacancy")
async def vacancy_form(request: Request, vacancy_id: UUID, backend: BackendDep, staff: StaffDep) -> Response:
    vacancy = await backend.get("placement", f"/vacancies/{vacancy_id}", staff)  # 403 / 404: the whole page
    values = {name: str(vacancy[name]) for name in VACANCY_FIELDS}
    values["subject_to_social_insurance"] = "true" if vacancy["subject_to_social_insurance"] else ""
    values["weekly_hours"] = values["weekly_hours"].replace(".", ",")
    values["gross_monthly_pay"] = values["gross_monthly_pay"].replace(".", ",")
    return await _edit_page(request, backend, staff, vacancy, values)


async def _edit_page(
    request: Request,
    backend: Backend,
    staff: Staff,
    vacancy: dict[str, Any],
    values: dict[str, str],
    errors: FormErrors | None = None,
    status_code: int = 200,
) -> Response:
    (employers,) = await sections(backend.get("placement", "/employers", staff, {"limit": PAGE}))
    context = {
        "title": f"Stelle bearbeiten: {vacancy['title']}",
        "vacancy": vacancy,
        "employers": employers,
        "errors": errors,
        "values": values,
    }
    return render(request, "vacancy_edit.html", context, status_code)


@router.post("/vermittlung/stellen/{vacancy_id}", summary="Edit a vacancy")
async def edit_vacancy(request: Request, vacancy_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None  # form_posted() signed them in
    form = strings(await request.form())
    try:
        await backend.send("PUT", "placement", f"/vacancies/{vacancy_id}", staff, vacancy_body(form))
    except Invalid as invalid:
        vacancy = await backend.get("placement", f"/vacancies/{vacancy_id}", staff)
        return await _edit_page(request, backend, staff, vacancy, form, invalid.errors(), 422)
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        vacancy = await backend.get("placement", f"/vacancies/{vacancy_id}", staff)
        errors = form_errors(error.problem, VACANCY_FIELDS)
        return await _edit_page(request, backend, staff, vacancy, form, errors, error.status)
    return RedirectResponse("/vermittlung?ok=stelle-geaendert#h-vacancies", status_code=303)
