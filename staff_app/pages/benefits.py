"""The benefits clerk's desk: a household's inputs, its computation and decisions, and what-if questions."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import reads
from staff_app.backend import Backend, ServiceError
from staff_app.forms import Invalid, euros, strings
from staff_app.pending_decisions import pending_notes
from staff_app.problems import FormErrors, form_errors
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
INCOME_FIELDS = ("income_kind", "income_amount", "income_net", "income_proven_costs", "income_proof")
INPUT_FIELDS = (
    "month",
    "adult_birth_date",
    "partner_birth_date",
    "children",
    "rent",
    "heating",
    "appropriate_rent",
    *INCOME_FIELDS,
)
INPUT_ALIASES = {
    "members.0.birth_date": "adult_birth_date",
    "members.0.incomes.0.kind": "income_kind",
    "members.0.incomes.0.amount": "income_amount",
    "members.0.incomes.0.net": "income_net",
    "members.0.incomes.0.proven_costs": "income_proven_costs",
    "members.0.incomes.0.proof": "income_proof",
    "members.0.incomes.0": "income_amount",
    "members.1.birth_date": "partner_birth_date",
    "housing.rent": "rent",
    "housing.heating": "heating",
    "housing.appropriate_rent": "appropriate_rent",
}
# A kept entry for a month without figures: stored, decided by benefits itself (see "Noch nicht entschieden").
DONE = {"vorgemerkt": "Die Eingaben sind gespeichert, aber noch nicht entschieden."}
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
) -> Response:
    parts = await reads.household_parts(backend, staff, household_id)
    context = {
        "title": "Bedarfsgemeinschaft",
        "benefits": parts,
        "done": done,
        "what_if": what_if,
        "this_month": date.today().replace(day=1).isoformat(),
        "errors": {form: errors} if form else {},
        "values": {form: values or {}},
        "pending": pending_notes(parts["household"].data),
    }
    return render(request, "household.html", context, status_code)


@router.get("/leistungen/{household_id}", response_class=HTMLResponse, summary="A household")
async def household(
    request: Request, household_id: UUID, backend: BackendDep, staff: StaffDep, ok: str = ""
) -> Response:
    return await show(
        request, backend, staff, household_id, done=DONE.get(ok, "Die Eingaben sind gespeichert.") if ok else None
    )


def household_body(form: dict[str, str], clients: list[str]) -> dict[str, Any]:
    """The household as `PUT /households/{id}` takes it, from the clerk's form: applicant, partner, children."""
    members: list[dict[str, Any]] = [
        {
            "role": "adult",
            "birth_date": form.get("adult_birth_date", ""),
            "client_id": clients[0] if clients else None,
            "incomes": earned_income(form),
        }
    ]
    if form.get("partner_birth_date", "").strip():
        partner_id = clients[1] if len(clients) > 1 else None
        members.append({"role": "partner", "birth_date": form["partner_birth_date"], "client_id": partner_id})
    for text in filter(None, (c.strip() for c in form.get("children", "").split(","))):
        members.append({"role": "child", "birth_date": _iso_date(text, "children")})
    return {
        "month": form.get("month", ""),
        "members": members,
        "housing": {
            "rent": euros(form, "rent"),
            "heating": euros(form, "heating"),
            "appropriate_rent": euros(form, "appropriate_rent"),
        },
    }


def earned_income(form: dict[str, str]) -> list[dict[str, Any]]:
    """The applicant's pay or profit as the clerk entered it (none when no amount is given), from `month` on.

    Proven costs count for employment and self-employment only (§ 11b Abs. 2 S. 2 SGB II): the form offers no
    other kind."""
    if not form.get("income_amount", "").strip():
        return []
    income: dict[str, Any] = {
        "kind": form.get("income_kind", ""),
        "amount": euros(form, "income_amount"),
        "inflow_from": form.get("month", ""),
        "proof": form.get("income_proof", ""),
    }
    if form.get("income_net", "").strip():
        income["net"] = euros(form, "income_net")
    if form.get("income_proven_costs", "").strip():
        income["proven_costs"] = euros(form, "income_proven_costs")
    return [income]


def _iso_date(text: str, field: str) -> str:
    for parse in (date.fromisoformat, lambda t: date(*reversed([int(p) for p in t.split(".")]))):
        try:
            return parse(text).isoformat()
        except (ValueError, TypeError):
            continue
    raise Invalid(field, f"„{text}“ ist kein Datum (z. B. 12.03.2015).")


@router.post("/leistungen/{household_id}/eingaben", summary="Enter a household's inputs")
async def enter_inputs(request: Request, household_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    found = await backend.get_or_none("benefits", f"/households/{household_id}", staff)
    clients = [str(c) for c in (found or {}).get("member_client_ids", [])]
    try:
        body = household_body(form, clients)
        path = f"/households/{household_id}"
        await backend.send("PUT", "benefits", path, staff, body, key=form.get("idempotency_key"))
    except Invalid as invalid:
        return await show(
            request, backend, staff, household_id, form="inputs", errors=invalid.errors(), values=form, status_code=422
        )
    except ServiceError as error:
        if error.status == 422 and error.problem.get("kept") is True:  # stored, decided once the figures are in
            return RedirectResponse(f"/leistungen/{household_id}?ok=vorgemerkt", status_code=303)
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, INPUT_FIELDS, INPUT_ALIASES)
        return await show(
            request, backend, staff, household_id, form="inputs", errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/leistungen/{household_id}?ok=eingaben", status_code=303)


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
