"""The benefits clerk's desk: a household's inputs, its computation and decisions, and what-if questions."""

from __future__ import annotations

import asyncio
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import reads
from staff_app.backend import Backend, ServiceError
from staff_app.formatting import BERLIN
from staff_app.forms import Invalid, euros, strings
from staff_app.pages.household_form import (
    ASSET_KINDS,
    INCOME_KINDS,
    MIN_ASSET_ROWS,
    MIN_INCOME_ROWS,
    household_form,
    known_fields,
    rows,
)
from staff_app.pages.household_values import stored_values
from staff_app.pending_decisions import pending_notes
from staff_app.problems import FormErrors, form_errors
from staff_app.reduction_reads import household_reductions, shown
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
# A kept entry for a month without figures: stored, decided by benefits itself (see "Noch nicht entschieden").
DONE = {
    "vorgemerkt": "Die Eingaben sind gespeichert, aber noch nicht entschieden.",
    "empfaenger": "Die Anschrift für die Bescheide ist gespeichert.",
    "aufgehoben": "Die Minderung ist aufgehoben.",
}
RECIPIENT_FIELDS = ("name", "care_of", "street", "postcode", "town")
WHAT_IF_FIELDS = ("month", "client_id", "gross", "net")
WHAT_IF_ALIASES = {
    "earned_incomes.0.gross": "gross",
    "earned_incomes.0.net": "net",
    "earned_incomes.0.client_id": "client_id",
    "earned_incomes.0": "net",  # "net pay must not exceed gross pay"
}


@router.get("/leistungen", response_class=HTMLResponse, summary="The benefits clerk's desk")
async def desk(request: Request, staff: StaffDep, bedarfsgemeinschaft: str = "") -> Response:
    if bedarfsgemeinschaft.strip():
        try:
            return RedirectResponse(f"/leistungen/{UUID(bedarfsgemeinschaft.strip())}", status_code=303)
        except ValueError:
            errors = FormErrors(fields={"bedarfsgemeinschaft": "Bitte die Nummer der Bedarfsgemeinschaft angeben."})
            return render(request, "benefits_desk.html", {"title": "Leistungen", "errors": errors}, 422)
    return render(request, "benefits_desk.html", {"title": "Leistungen", "errors": None})


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    household_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    values: dict[str, str] | None = None,
    what_if: Any = None,
    status_code: int = 200,
    done_in: str | None = None,
) -> Response:
    today = datetime.now(BERLIN).date()
    parts, reductions = await asyncio.gather(
        reads.household_parts(backend, staff, household_id, with_recipient=True),
        household_reductions(backend, staff, household_id),
    )
    entered = parts["household"].data.get("inputs") if parts["household"].data else None
    inputs = values if form == "inputs" and values is not None else stored_values(entered)
    context = {
        "title": "Bedarfsgemeinschaft",
        "benefits": parts,
        "done": done,
        "done_in": done_in,  # the part of the page the notice belongs to (a lift: its section); None: the top
        "what_if": what_if,
        "this_month": today.replace(day=1).isoformat(),
        "errors": {form: errors} if form else {},
        "values": {form: values or {}, "inputs": inputs},
        "income_rows": range(rows(inputs, "income_", MIN_INCOME_ROWS)),
        "asset_rows": range(rows(inputs, "asset_", MIN_ASSET_ROWS)),
        "income_kinds": INCOME_KINDS,
        "asset_kinds": ASSET_KINDS,
        "persons": _persons(entered if form != "inputs" else None, inputs),
        "pending": pending_notes(parts["household"].data),
        "reductions": shown(reductions, parts["household"], today),
        "today": today.isoformat(),
    }
    return render(request, "household.html", context, status_code)


def _persons(entered: dict[str, Any] | None, values: dict[str, str]) -> list[tuple[str, str]]:
    """The people a row can name, as the form lists them: applicant, partner, children in their order."""
    children = values.get("children")
    if children is None and entered:
        children = ", ".join(m["birth_date"] for m in entered["members"] if m["role"] == "child")
    persons = [("adult", "Antragsteller/in"), ("partner", "Partner/in")]
    for n, birth in enumerate((c.strip() for c in (children or "").split(",") if c.strip()), start=1):
        persons.append((f"child-{n}", f"Kind {n} (geb. {birth})"))
    return persons


@router.get("/leistungen/{household_id}", response_class=HTMLResponse, summary="A household")
async def household(
    request: Request, household_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    done = DONE.get(ok, "Die Eingaben sind gespeichert.") if ok else None
    return await show(
        request, backend, staff, household_id, done=done, done_in="reductions" if ok == "aufgehoben" else None
    )


@router.post("/leistungen/{household_id}/eingaben", summary="Enter a household's inputs")
async def enter_inputs(request: Request, household_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    found = await backend.get_or_none("benefits", f"/households/{household_id}", staff)
    clients = [str(c) for c in (found or {}).get("member_client_ids", [])]
    sent = None
    try:
        sent = household_form(form, clients)
        path = f"/households/{household_id}"
        await backend.send("PUT", "benefits", path, staff, sent.body, key=form.get("idempotency_key"))
    except Invalid as invalid:
        return await show(
            request, backend, staff, household_id, form="inputs", errors=invalid.errors(), values=form, status_code=422
        )
    except ServiceError as error:
        if error.status == 422 and error.problem.get("kept") is True:  # stored, decided once the figures are in
            return RedirectResponse(f"/leistungen/{household_id}?ok=vorgemerkt", status_code=303)
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, known_fields(form), sent.aliases if sent else {})
        return await show(
            request, backend, staff, household_id, form="inputs", errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/leistungen/{household_id}?ok=eingaben", status_code=303)


@router.post("/leistungen/{household_id}/empfaenger", summary="Enter whom the household's letters go to")
async def enter_recipient(request: Request, household_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    body = {name: form.get(name, "").strip() or None for name in RECIPIENT_FIELDS}
    try:
        await backend.send("PUT", "benefits", f"/households/{household_id}/recipient", staff, body)
    except ServiceError as error:
        if error.status != 422:
            raise
        errors = form_errors(error.problem, RECIPIENT_FIELDS)
        return await show(
            request, backend, staff, household_id, form="recipient", errors=errors, values=form, status_code=422
        )
    return RedirectResponse(f"/leistungen/{household_id}?ok=empfaenger", status_code=303)


@router.post("/leistungen/{household_id}/was-waere-wenn", summary="What if the client earned this much")
async def what_if(request: Request, household_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    """Computes without storing anything: a plain POST answered with the page and the computation."""
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    try:
        income = {"client_id": form.get("client_id", ""), "gross": euros(form, "gross"), "net": euros(form, "net")}
        body = {"month": form.get("month", ""), "earned_incomes": [income]}
        answer = await backend.send("POST", "benefits", f"/households/{household_id}/what-if", staff, body)
    except Invalid as invalid:
        return await show(
            request, backend, staff, household_id, form="what_if", errors=invalid.errors(), values=form, status_code=422
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, WHAT_IF_FIELDS, WHAT_IF_ALIASES)
        return await show(
            request, backend, staff, household_id, form="what_if", errors=errors, values=form, status_code=error.status
        )
    return await show(request, backend, staff, household_id, form="what_if", values=form, what_if=answer)


@router.get("/bescheide/{decision_id}", response_class=HTMLResponse, summary="A decision and its explanation")
async def decision(request: Request, decision_id: UUID, backend: BackendDep, staff: StaffDep) -> Response:
    found = await backend.get("benefits", f"/decisions/{decision_id}", staff)
    return render(request, "decision.html", {"title": "Bescheid", "decision": found})


@router.get("/bescheide/{decision_id}/schreiben", summary="The decision's letter (PDF) from benefits")
async def letter(decision_id: UUID, backend: BackendDep, staff: StaffDep) -> Response:
    found = await backend.document("benefits", f"/decisions/{decision_id}/letter", staff)
    media_type = found.headers.get("content-type", "application/pdf")
    headers = {"Content-Disposition": f'inline; filename="bescheid-{decision_id}.pdf"'}
    return Response(found.content, media_type=media_type, headers=headers)
