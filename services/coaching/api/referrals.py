"""Coaching's HTTP routes for § 16a referrals: refer, move the status on, list, read, and the office's providers."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query, Response

from services.coaching.api.dependencies import CaseReader, CoachingStaff, ReferenceDep
from services.coaching.domain.referrals import ReferralKind
from services.coaching.referral_schemas import ProviderOut, ReferralIn, ReferralOut, StatusIn
from services.coaching.use_cases import referrals
from services.platform.http.fields import OfficeId
from services.platform.http.idempotency import IdempotencyKey
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

cases_router = APIRouter(prefix="/cases", tags=["referrals"])
router = APIRouter(prefix="/referrals", tags=["referrals"])
providers_router = APIRouter(prefix="/offices", tags=["referrals"])


@cases_router.post("/{client_id}/referrals", status_code=201, response_model=ReferralOut, summary="Refer (§ 16a)")
async def make_referral(
    client_id: UUID,
    body: ReferralIn,
    runtime: RuntimeDep,
    ref: ReferenceDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """A referral to care (Nr. 1), debt counselling (Nr. 2), psychosocial care (Nr. 3) or addiction counselling
    (Nr. 4) addressing the plan's obstacle of that kind (422 naming `kind` without one), whose status follows it.
    Kind, provider and note are stored encrypted, the write audited; this reply leaves them out. A
    `follow_up_on` raises a `referral_follow_up` task. Emits `referral_made.v1` (ids, status, dates)."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ReferralOut, referrals.make_referral(tx, client_id, command, ref, user, vault, purpose)),
    )


@cases_router.get("/{client_id}/referrals", response_model=list[ReferralOut], summary="A client's referrals")
async def list_referrals(
    client_id: UUID, runtime: RuntimeDep, user: CaseReader, vault: SpecialCategoriesDep, purpose: Purpose
) -> list[ReferralOut]:
    """Oldest first. Statuses and dates for everyone working on the case; `details` only for case managers and
    coaches of the client's office, each read audited."""
    async with runtime.uow.transaction() as tx:
        return [
            ReferralOut.model_validate(r, from_attributes=True)
            for r in await referrals.referrals_of(tx, client_id, user, vault, purpose)
        ]


@router.get("/{referral_id}", response_model=ReferralOut, summary="A referral with its details")
async def get_referral(
    referral_id: UUID, runtime: RuntimeDep, user: CaseReader, vault: SpecialCategoriesDep, purpose: Purpose
) -> ReferralOut:
    """403 for anyone but case managers and coaches of the client's office; the read is audited."""
    async with runtime.uow.transaction() as tx:
        return await reply(ReferralOut, referrals.referral(tx, referral_id, user, vault, purpose))


@router.post("/{referral_id}/status", response_model=ReferralOut, summary="Move a referral on")
async def change_status(
    referral_id: UUID,
    body: StatusIn,
    runtime: RuntimeDep,
    user: CoachingStaff,
    vault: SpecialCategoriesDep,
    purpose: Purpose,
    idempotency_key: IdempotencyKey = None,
) -> Response:
    """proposed → referred → first_appointment_held → in_progress → completed, or declined (until the first
    appointment) or broken_off (once referred); 409 out of order, 422 naming `on` before the current status.
    The addressed obstacle follows (referred, in progress, resolved; identified again when broken off or
    declined). Emits `referral_status_changed.v1`."""
    command = body.to_command()
    return await runtime.idempotent.run(
        idempotency_key,
        user,
        body,
        lambda tx: reply(ReferralOut, referrals.change_status(tx, referral_id, command, user, vault, purpose)),
        200,
    )


@providers_router.get(
    "/{office_id}/referral-providers", response_model=list[ProviderOut], summary="The office's § 16a providers"
)
async def list_providers(
    office_id: OfficeId,
    ref: ReferenceDep,
    user: CoachingStaff,
    kind: Annotated[ReferralKind | None, Query()] = None,
) -> list[ProviderOut]:
    user.require_office(office_id)
    return [
        ProviderOut(
            provider_id=p.provider_id, office_id=p.office_id, name=p.name, kinds=sorted(p.kinds), example=p.example
        )
        for p in ref.providers.of_office(office_id, kind)
    ]
