"""§ 16a referrals on the client file: refer to a provider, and move a referral on (coaching keeps the order of the
steps, the plan's obstacle follows, and a follow-up date becomes a task)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from uuid import UUID

from fastapi import APIRouter, Request
from fastapi.responses import Response

from staff_app import referral_texts as texts
from staff_app.backend import Backend, ServiceError
from staff_app.forms import strings, text
from staff_app.pages.client_file import act
from staff_app.sessions import Staff
from staff_app.web import BackendDep, PostedDep

router = APIRouter()


def referral_body(form: Mapping[str, str]) -> dict[str, Any]:
    return {
        "kind": form.get("kind", ""),
        "provider_id": text(form, "provider_id"),
        "provider_name": text(form, "provider_name"),
        "status": form.get("status") or "referred",
        "on": form.get("on", ""),
        "follow_up_on": text(form, "follow_up_on"),
        "consent_given_on": text(form, "consent_given_on"),
        "note": text(form, "note"),
    }


def status_body(form: Mapping[str, str]) -> dict[str, Any]:
    return {
        "status": form.get("status", ""),
        "on": form.get("on", ""),
        "follow_up_on": text(form, "follow_up_on"),
        "consent_given_on": text(form, "consent_given_on"),
        "note": text(form, "note"),
    }


async def send(backend: Backend, staff: Staff, path: str, body: dict[str, Any], key: str | None) -> Any:
    """Coaching's refusals in German, so the file shows them next to their fields."""
    try:
        return await backend.send("POST", "coaching", path, staff, body, key=key)
    except ServiceError as error:
        raise ServiceError(error.service, error.status, texts.germanised(error.problem)) from error


@router.post("/akte/{client_id}/weitervermittlungen", summary="Refer (§ 16a SGB II)")
async def refer(request: Request, client_id: UUID, backend: BackendDep, session: PostedDep) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    call = send(backend, staff, f"/cases/{client_id}/referrals", referral_body(form), form.get("idempotency_key"))
    return await act(request, backend, staff, client_id, "referral", call, "weitervermittlung", fields=texts.FIELDS)


@router.post("/akte/{client_id}/weitervermittlungen/{referral_id}/stand", summary="Move a referral on")
async def move(
    request: Request, client_id: UUID, referral_id: UUID, backend: BackendDep, session: PostedDep
) -> Response:
    staff = session.staff
    assert staff is not None
    form = strings(await request.form())
    call = send(backend, staff, f"/referrals/{referral_id}/status", status_body(form), form.get("idempotency_key"))
    name = f"referral-{referral_id}"
    return await act(request, backend, staff, client_id, name, call, "stand", fields=texts.STATUS_FIELDS)
