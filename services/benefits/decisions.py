"""Reading decisions: a household's history and one decision with its inputs, result and explanation."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from services.benefits.domain import BenefitsError
from services.benefits.responses import (
    ApprovalPeriodOut,
    CurrentEntitlementOut,
    DecisionOut,
    DecisionSummaryOut,
)
from services.benefits.snapshots import computation_out, recompute, result_from_json, settlement_out
from services.benefits.tables import DecisionRow, HouseholdMemberRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted
from services.platform.unit_of_work import Transaction


def _period(row: DecisionRow) -> ApprovalPeriodOut:
    return ApprovalPeriodOut(start=row.period_start, end=row.period_end, months=row.period_months,
                             paragraph=row.period_paragraph, reason=row.period_reason)


def _summary_fields(row: DecisionRow) -> dict[str, object]:
    return {
        "decision_id": row.decision_id, "household_id": row.household_id, "sequence": row.sequence,
        "kind": row.kind, "cause": row.cause, "employment_id": row.employment_id, "computed_for": row.computed_for,
        "effective_month": row.effective_month, "previous_monthly_amount": row.previous_amount,
        "monthly_amount": row.new_amount, "income_covers_need": row.income_covers_need,
        "provisional": row.provisional, "approval_period": _period(row), "supersedes": row.supersedes,
        "decided_by": row.decided_by, "created_at": row.created_at,
    }


def recomputes_identically(row: DecisionRow) -> bool:
    """Recomputing the stored inputs with today's rule tables gives the stored result."""
    try:
        return recompute(row.inputs) == row.result
    except BenefitsError:
        return False


def decision_out(row: DecisionRow, verify: bool = False) -> DecisionOut:
    return DecisionOut.model_validate({
        **_summary_fields(row), "office_id": row.office_id, "inputs": row.inputs,
        "result": computation_out(result_from_json(row.result)), "settlement": settlement_out(row.settlement),
        "recomputed_identically": recomputes_identically(row) if verify else None,
    })


def current_entitlement_out(row: DecisionRow) -> CurrentEntitlementOut:
    result = computation_out(result_from_json(row.result))
    return CurrentEntitlementOut(
        decision_id=row.decision_id, kind=row.kind, active=row.kind != "end", monthly_amount=row.new_amount,
        effective_month=row.effective_month, approval_period=_period(row), explanation=result.explanation,
        paragraphs=result.paragraphs,
    )


async def _office_of(tx: Transaction, household_id: UUID) -> str | None:
    return (await tx.session.scalars(select(col(HouseholdMemberRow.office_id)).where(
        col(HouseholdMemberRow.household_id) == household_id).limit(1))).first()


async def household_decisions(tx: Transaction, household_id: UUID, by: StaffUser) -> list[DecisionSummaryOut]:
    rows = (await tx.session.scalars(select(DecisionRow).where(col(DecisionRow.household_id) == household_id)
                                     .order_by(col(DecisionRow.sequence)))).all()
    office = rows[0].office_id if rows else await _office_of(tx, household_id)
    if office is None:
        raise NotFound("household", household_id)
    if not by.may_act_for(office):
        raise NotPermitted(f"not authorised for office '{office}'")
    return [DecisionSummaryOut.model_validate(_summary_fields(row)) for row in rows]


async def one_decision(tx: Transaction, decision_id: UUID, by: StaffUser) -> DecisionOut:
    row = await tx.session.get(DecisionRow, decision_id)
    if row is None:
        raise NotFound("decision", decision_id)
    if not by.may_act_for(row.office_id):
        raise NotPermitted(f"not authorised for office '{row.office_id}'")
    return decision_out(row, verify=True)

