"""The client file (Akte): each part from the service that holds it, and the forms to act on the case.

Forms post plainly and answer with a redirect to the file (post/redirect/get); a refusal re-renders the file
with the service's reason next to the field it names and the status of the refusal.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Mapping
from datetime import datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app import reads
from staff_app import referral_texts as rt
from staff_app.backend import Backend, ServiceError
from staff_app.formatting import BERLIN
from staff_app.forms import Invalid, berlin_moment, strings, text
from staff_app.problems import FormErrors, form_errors
from staff_app.reduction_reads import household_reductions, shown
from staff_app.sections import sections
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
FIELDS: dict[str, tuple[str, ...]] = {
    "contact": ("channel", "occurred_at", "note", "location_id"),
    "appointment": ("starts_at", "duration_minutes", "channel", "location_id"),
    "task": (),
    "readiness": (),
}  # the cooperation plan's fields depend on the obstacles chosen: see plan_fields
DONE = {
    "registriert": "Die Kundin/der Kunde ist registriert.",
    "kontakt": "Der Kontakt ist erfasst.",
    "termin": "Der Termin ist gebucht.",
    "aufgabe": "Die Aufgabe ist erledigt.",
    "bereit": "Die Bereitschaft für die Vermittlung ist erklärt.",
    "plan": "Der Kooperationsplan ist vereinbart.",
    "vorschlag": "Der Stellenvorschlag ist gemacht.",
    "ergebnis": "Das Ergebnis des Vorschlags ist erfasst.",
    "einstellung": "Die Einstellung ist erfasst.",
    "schritt": "Der Schritt des Vorschlags ist erfasst.",
    "weitervermittlung": "Die Weitervermittlung ist erfasst.",
    "stand": "Der Stand der Weitervermittlung ist erfasst.",
}
CHANNELS = ("in_person", "phone", "video", "email")
# Coaching's obstacle kinds and statuses; health and addiction are special-category data (GDPR Art. 9):
# coaching records only their kind and status, so the form offers no note for them.
OBSTACLES = ("debts", "missing_qualification", "childcare", "mobility", "language", "health", "addiction")
SPECIAL_OBSTACLES = frozenset({"health", "addiction"})
OBSTACLE_STATUSES = ("identified", "referred", "in_progress", "resolved")


async def load(
    backend: Backend, staff: Staff, client_id: UUID, proposal_id: str = "", employment_id: str = ""
) -> dict[str, Any]:
    """Everything the file shows; a part the caller's role may not see is not asked for at all."""
    client = await backend.get("intake", f"/clients/{client_id}", staff)  # 403 / 404: the whole page
    reads_journey = staff.has("case_manager", "operator")
    case, office, *journeys = await sections(
        backend.get("coaching", f"/cases/{client_id}", staff),
        backend.get("coaching", f"/offices/{client['office_id']}", staff),
        *([backend.get("journeys", f"/journeys/{client_id}", staff)] if reads_journey else []),
    )
    journey = journeys[0] if journeys else None
    placement = (
        await reads.client_placement(backend, staff, client_id, proposal_id, employment_id)
        if staff.has("placement_officer")
        else {}
    )
    referrals = (
        await reads.client_referrals(backend, staff, client_id, str(client["office_id"]))
        if staff.has("case_manager", "coach") and case.data
        else {}
    )
    household_id = UUID(str(client["household_id"]))
    benefits, reductions = (
        await asyncio.gather(
            reads.household_parts(backend, staff, household_id),
            household_reductions(backend, staff, household_id),
        )
        if staff.has("benefits_clerk")
        else ({}, None)
    )
    return {
        "title": f"Akte {client['person']['family_name']}, {client['person']['given_name']}",
        "client": client,
        "case": case,
        "journey": journey,
        "office": office,
        "placement": placement,
        "benefits": benefits,
        "reductions": shown(reductions, benefits["household"], datetime.now(BERLIN).date()) if reductions else None,
        "referrals": referrals,
        "rt": rt,
        "channels": CHANNELS,
        "obstacle_kinds": OBSTACLES,
        "special_obstacles": SPECIAL_OBSTACLES,
        "obstacle_statuses": OBSTACLE_STATUSES,
    }


async def show(
    request: Request,
    backend: Backend,
    staff: Staff,
    client_id: UUID,
    *,
    done: str | None = None,
    form: str | None = None,
    errors: FormErrors | None = None,
    values: Mapping[str, str] | None = None,
    status_code: int = 200,
    proposal_id: str = "",
    employment_id: str = "",
) -> Response:
    context = await load(backend, staff, client_id, proposal_id, employment_id)
    context |= {"done": done, "form": form, "errors": {form: errors} if form else {}, "values": {form: values or {}}}
    return render(request, "client_file.html", context, status_code)


@router.get("/akte/{client_id}", response_class=HTMLResponse, summary="The client file")
async def client_file(
    request: Request,
    client_id: UUID,
    backend: BackendDep,
    staff: StaffDep,
    ok: str = "",
    vorschlag: UUID | None = None,
    beschaeftigung: UUID | None = None,
) -> Response:
    """`vorschlag` and `beschaeftigung` name a proposal or employment just made (placement lists neither per
    client), so the file can show it and its next step."""
    proposal, employment = str(vorschlag or ""), str(beschaeftigung or "")
    return await show(
        request, backend, staff, client_id, done=DONE.get(ok), proposal_id=proposal, employment_id=employment
    )


async def act(
    request: Request,
    backend: Backend,
    staff: Staff,
    client_id: UUID,
    form: str,
    call: Awaitable[Any],
    done: str,
    *,
    fields: tuple[str, ...] = (),
    aliases: Mapping[str, str] | None = None,
    then: Callable[[Any], str] | None = None,
    proposal_id: str = "",
) -> Response:
    """Do what the form asks; back to the file with the message `done` (and what `then` adds to the query),
    or the refusal next to its field (in the proposal `proposal_id`, when the form belongs to one)."""
    values = strings(await request.form())
    try:
        answer = await call
    except Invalid as invalid:
        errors = invalid.errors()
        return await show(
            request,
            backend,
            staff,
            client_id,
            form=form,
            errors=errors,
            values=values,
            status_code=422,
            proposal_id=proposal_id,
        )
    except ServiceError as error:
        if error.status not in (409, 422):
            raise
        errors = form_errors(error.problem, fields or FIELDS.get(form, ()), aliases)
        return await show(
            request,
            backend,
            staff,
            client_id,
            form=form,
            errors=errors,
            values=values,
            status_code=error.status,
            proposal_id=proposal_id,
        )
    more = f"&{then(answer)}" if then else ""
    return RedirectResponse(f"/akte/{client_id}?ok={done}{more}#{form}", status_code=303)


@router.post("/akte/{client_id}/kontakte", summary="Record a contact")
async def record_contact(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())

    async def call() -> Any:
        body = {
            "channel": form.get("channel", ""),
            "occurred_at": berlin_moment(form, "occurred_at"),
            "note": text(form, "note"),
            "location_id": text(form, "location_id"),
        }
        path = f"/cases/{client_id}/contacts"
        return await backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))

    return await act(request, backend, staff, client_id, "contact", call(), "kontakt")


@router.post("/akte/{client_id}/termine", summary="Book an appointment")
async def book_appointment(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())

    async def call() -> Any:
        body = {
            "starts_at": berlin_moment(form, "starts_at"),
            "duration_minutes": form.get("duration_minutes", ""),
            "channel": form.get("channel", ""),
            "location_id": text(form, "location_id"),
        }
        path = f"/cases/{client_id}/appointments"
        return await backend.send("POST", "coaching", path, staff, body, key=form.get("idempotency_key"))

    return await act(request, backend, staff, client_id, "appointment", call(), "termin")


@router.post("/akte/{client_id}/bereitschaft", summary="Declare ready for placement")
async def declare_ready(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    key = strings(await request.form()).get("idempotency_key")
    call = backend.send("POST", "coaching", f"/cases/{client_id}/readiness", staff, key=key)
    return await act(request, backend, staff, client_id, "readiness", call, "bereit")


def plan_body(form: Mapping[str, str]) -> dict[str, Any]:
    """The plan as coaching takes it: one goal per line; each obstacle given a status, with its note."""
    obstacles = [
        {"kind": kind, "status": form[f"obstacle_{kind}"], "note": text(form, f"note_{kind}")}
        for kind in OBSTACLES
        if form.get(f"obstacle_{kind}")
    ]
    goals = [line.strip() for line in form.get("goals", "").splitlines() if line.strip()]
    return {"agreed_at": berlin_moment(form, "agreed_at"), "goals": goals, "obstacles": obstacles}


def plan_fields(body_obstacles: list[dict[str, Any]]) -> tuple[tuple[str, ...], dict[str, str]]:
    """The form's fields, and coaching's names for them (`obstacles.0.note` is the note of the first chosen)."""
    fields = ("agreed_at", "goals", "obstacles", *(f"{p}_{k}" for k in OBSTACLES for p in ("obstacle", "note")))
    aliases: dict[str, str] = {}
    for index, obstacle in enumerate(body_obstacles):
        kind = obstacle["kind"]
        aliases |= {f"obstacles.{index}": f"obstacle_{kind}", f"obstacles.{index}.status": f"obstacle_{kind}"}
        aliases[f"obstacles.{index}.note"] = f"note_{kind}"
    return fields, aliases


@router.post("/akte/{client_id}/kooperationsplan", summary="Agree the cooperation plan")
async def agree_plan(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    chosen = [{"kind": k} for k in OBSTACLES if form.get(f"obstacle_{k}")]
    fields, aliases = plan_fields(chosen)

    async def call() -> Any:
        path = f"/cases/{client_id}/cooperation-plan"
        return await backend.send("PUT", "coaching", path, staff, plan_body(form), key=form.get("idempotency_key"))

    return await act(request, backend, staff, client_id, "plan", call(), "plan", fields=fields, aliases=aliases)


@router.post("/aufgaben/{task_id}/erledigt", summary="Complete a task")
async def complete_task(request: Request, task_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    await backend.send("POST", "coaching", f"/tasks/{task_id}/completion", staff, key=f"complete-{task_id}")
    client_id = form.get("client_id", "")
    back = form.get("back", "")
    if back == "arbeitsplatz" or not client_id:
        return RedirectResponse("/", status_code=303)
    return RedirectResponse(f"/akte/{UUID(client_id)}?ok=aufgabe#tasks", status_code=303)
