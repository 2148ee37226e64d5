"""HTTP routes of decisions (Bescheide): one decision with its inputs, result and explanation."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from services.benefits.api import BenefitsClerk, sealing
from services.benefits.schemas.decisions import DecisionOut
from services.benefits.use_cases import decisions
from services.platform.http.replies import reply
from services.platform.privacy.api import Purpose, SpecialCategoriesDep
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/decisions", tags=["decisions"])


@router.get("/{decision_id}", response_model=DecisionOut, summary="One decision: inputs, result, explanation")
async def get_decision(
    decision_id: UUID, runtime: RuntimeDep, user: BenefitsClerk, vault: SpecialCategoriesDep, purpose: Purpose
) -> DecisionOut:
    async with runtime.uow.transaction() as tx:
        return await reply(DecisionOut, decisions.one_decision(tx, decision_id, sealing(user, vault, purpose)))
