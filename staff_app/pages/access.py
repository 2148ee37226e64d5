"""Auskunft nach Art. 15 DSGVO for the data-protection officer: every service's part of what Lotse holds about a
person (`GET /persons/{client_id}/export`; each service checks the role and the person's office and audits the
export), shown by service and table and downloadable as JSON (machine-readable, Art. 20 too) and as a readable
PDF or HTML. The file has the layout of `python -m workflows.access_request` (kind `lotse.access_request.v1`);
the journey's history is not part of it here, as the officer's token may not read journeys."""

from __future__ import annotations

import asyncio
import json
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from staff_app.backend import Backend, ServiceError, ServiceUnavailable
from staff_app.forms import strings
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep, StaffDep, render

router = APIRouter()
PARTS = {
    "intake": "Registrierung (intake)",
    "coaching": "Fallmanagement (coaching)",
    "placement": "Vermittlung (placement)",
    "benefits": "Leistungen (benefits)",
    "reporting": "Statistik (reporting)",
}
STATUSES = {"held": "Daten gespeichert", "none": "keine Daten", "erased": "gelöscht", "refused": "abgelehnt"}


def _may(staff: Staff) -> None:
    if not staff.has("data_protection_officer"):
        raise HTTPException(403, "Auskünfte nach Art. 15 DSGVO erteilt die oder der Datenschutzbeauftragte.")


async def _part(backend: Backend, staff: Staff, service: str, client_id: UUID) -> dict[str, Any]:
    """A service's part; one that refuses or cannot be reached is named with its answer, never left out."""
    if not backend.serves(service):
        return {"status": "unavailable", "error": "nicht eingerichtet"}
    try:
        found: dict[str, Any] = await backend.get(service, f"/persons/{client_id}/export", staff)
    except ServiceUnavailable as error:
        return {"status": "unavailable", "error": str(error.problem.get("title"))}
    except ServiceError as error:
        return {"status": "refused", "http_status": error.status, "error": str(error.problem.get("detail") or "")}
    return found


async def compile_report(backend: Backend, staff: Staff, client_id: UUID) -> dict[str, Any]:
    parts = await asyncio.gather(*(_part(backend, staff, s, client_id) for s in PARTS))
    services = dict(zip(PARTS, parts, strict=True))
    return {
        "kind": "lotse.access_request.v1",
        "legal_basis": "Art. 15 DSGVO (Auskunftsrecht der betroffenen Person)",
        "client_id": str(client_id),
        "compiled_at": datetime.now(UTC).isoformat(),
        "compiled_by": staff.staff_id,
        "erased_in": [name for name, part in services.items() if part.get("status") == "erased"],
        "services": services,
        "journey": None,
    }


def _document(request: Request, report: dict[str, Any]) -> str:
    template = request.app.state.templates.get_template("_access_document.html")
    return str(template.render(report=report, titles=PARTS, statuses=STATUSES))


@router.get("/auskunft", response_class=HTMLResponse, summary="Right of access: request a person's export")
async def access_form(request: Request, staff: StaffDep, fehler: str = "") -> Response:
    _may(staff)
    error = "Bitte die Kennung der Person angeben (wie in der Akte, z. B. 3f0c…-…)." if fehler else None
    return render(request, "access.html", {"title": "Auskunft nach Art. 15 DSGVO", "report": None, "error": error})


@router.post("/auskunft", summary="Compile a person's export")
async def access_request(request: Request, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    _may(staff)
    form = strings(await request.form())
    try:
        client_id = UUID(form.get("client_id", "").strip())
    except ValueError:
        return RedirectResponse("/auskunft?fehler=kennung", status_code=303)
    return RedirectResponse(f"/auskunft/{client_id}", status_code=303)


@router.get("/auskunft/{client_id}", response_class=HTMLResponse, summary="A person's export, by service")
async def access_report(client_id: UUID, request: Request, backend: BackendDep, staff: StaffDep) -> Response:
    _may(staff)
    report = await compile_report(backend, staff, client_id)
    context = {"title": "Auskunft nach Art. 15 DSGVO", "report": report, "titles": PARTS, "statuses": STATUSES}
    return render(request, "access.html", context | {"error": None})


@router.get("/auskunft/{client_id}/auskunft.json", summary="The export as JSON")
async def access_json(client_id: UUID, backend: BackendDep, staff: StaffDep) -> Response:
    _may(staff)
    report = await compile_report(backend, staff, client_id)
    headers = {"Content-Disposition": f'attachment; filename="auskunft-{client_id}.json"'}
    body = json.dumps(report, indent=2, ensure_ascii=False)
    return Response(body, media_type="application/json", headers=headers)


@router.get("/auskunft/{client_id}/auskunft.html", summary="The export as a readable page")
async def access_html(client_id: UUID, request: Request, backend: BackendDep, staff: StaffDep) -> Response:
    _may(staff)
    return HTMLResponse(_document(request, await compile_report(backend, staff, client_id)))


@router.get("/auskunft/{client_id}/auskunft.pdf", summary="The export as PDF")
async def access_pdf(client_id: UUID, request: Request, backend: BackendDep, staff: StaffDep) -> Response:
    _may(staff)
    from weasyprint import HTML  # only here: the pages need no pango

    html = _document(request, await compile_report(backend, staff, client_id))
    pdf = await asyncio.to_thread(lambda: HTML(string=html).write_pdf())
    headers = {"Content-Disposition": f'attachment; filename="auskunft-{client_id}.pdf"'}
    return Response(pdf, media_type="application/pdf", headers=headers)
