"""Lifting a reduction (Minderung aufheben) from the household's page: benefits decides from when (§ 31a Abs. 1
S. 2 with § 31b Abs. 2 S. 2; § 7b Abs. 4 S. 3 for reporting in person) and refuses what it will not lift."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from staff_app.backend import ServiceError
from staff_app.forms import strings
from staff_app.pages.benefits import show
from staff_app.problems import form_errors
from staff_app.web import BackendDep, PostedDep

router = APIRouter()
FIELDS = ("fulfilled_on",)


def lift_form(reduction_id: UUID) -> str:
    """The name the page keeps a lift form's errors and values under: one form per reduction."""
    return f"lift-{reduction_id}"


@router.post("/leistungen/{household_id}/minderungen/{reduction_id}/aufheben", summary="Lift a reduction")
async def lift(
    request: Request, household_id: UUID, reduction_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    body = {"fulfilled_on": form.get("fulfilled_on", "").strip()}
    path = f"/households/{household_id}/reductions/{reduction_id}/lift"
    try:
        await backend.send("POST", "benefits", path, staff, body, key=form.get("idempotency_key"))
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, FIELDS)
        name = lift_form(reduction_id)
        return await show(
            request, backend, staff, household_id, form=name, errors=errors, values=form, status_code=error.status
        )
    return RedirectResponse(f"/leistungen/{household_id}?ok=aufgehoben#minderungen", status_code=303)
