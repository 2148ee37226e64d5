"""HTTP routes of decisions (Bescheide): one decision with its inputs, result and explanation."""

from __future__ import annotations

from uuid import UUID

from fastapi import APIRouter

from services.benefits.api import BenefitsClerk
from services.benefits.schemas.decisions import DecisionOut, decision_out
from services.benefits.use_cases import decisions
from services.platform.service_app import RuntimeDep

router = APIRouter(prefix="/decisions", tags=["decisions"])


@router.get("/{decision_id}", response_model=DecisionOut, summary="One decision: inputs, result, explanation")
async def get_decision(decision_id: UUID, runtime: RuntimeDep, user: BenefitsClerk) -> DecisionOut:
    async with runtime.uow.transaction() as tx:
        row = await decisions.one_decision(tx, decision_id, user)
        return decision_out(row, recomputed_identically=decisions.recomputes_identically(row))
