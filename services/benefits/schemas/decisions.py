"""HTTP bodies of computations and decisions: the amounts, the explanation, the stored inputs; and their mapping."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from services.benefits.domain.result import EntitlementResult
from services.benefits.domain.snapshots import Json, result_from_json
from services.benefits.tables import DecisionRow

SEALED = (
    "Special-category data (a member's disability, GDPR Art. 9), shown only to the benefits clerks of the "
    "household's office, each read audited: null in the reply to PUT /households/{household_id}, which is "
    "kept for idempotent retries."
)


class LineOut(BaseModel):
    """One step of the computation; `person_id` null means the whole household."""

    person_id: str | None
    kind: str
    amount: Decimal
    paragraph: str
    note: str


class PersonOut(BaseModel):
    person_id: str
    level: int = Field(description="Regelbedarfsstufe (§ 20, § 23 SGB II)")
    need: Decimal
    counted_income: Decimal
    entitlement: Decimal
    housing_part: Decimal
    child_supplement: Decimal


class ComputationOut(BaseModel):
    month: date
    monthly_amount: Decimal = Field(description="paid per month: entitlement plus Sofortzuschlag (§ 72)")
    entitlement: Decimal
    child_supplement: Decimal
    need: Decimal
    income_covers_need: bool
    housing_appropriate: bool
    persons: list[PersonOut]
    explanation: list[LineOut]
    paragraphs: list[str] = Field(description="every provision the computation applied")


class ApprovalPeriodOut(BaseModel):
    start: date
    end: date
    months: int
    paragraph: str
    reason: str


class SettlementOut(BaseModel):
    """Months already paid in advance (§ 42) at the old amount; no recovery below 50 EUR (§ 40 Abs. 1 S. 3)."""

    months: list[dict[str, Any]]
    back_payment: Decimal
    overpayment: Decimal
    recovery: Decimal
    recovery_waived: bool
    paragraph: str


class DecisionSummaryOut(BaseModel):
    decision_id: UUID
    household_id: UUID
    sequence: int
    kind: str = Field(description="grant, change or end")
    cause: str
    employment_id: UUID | None
    computed_for: date
    effective_month: date
    previous_monthly_amount: Decimal
    monthly_amount: Decimal
    income_covers_need: bool
    provisional: bool
    approval_period: ApprovalPeriodOut
    supersedes: UUID | None
    decided_by: str
    created_at: datetime


class DecisionOut(DecisionSummaryOut):
    """An immutable decision (Bescheid): the inputs it was computed from, its result and explanation."""

    office_id: str
    inputs: dict[str, Any] | None = Field(description=f"the engine's inputs as computed: month and household. {SEALED}")
    result: ComputationOut | None = Field(description=f"the computation with its explanation. {SEALED}")
    settlement: SettlementOut | None
    recomputed_identically: bool | None = Field(
        None, description="recomputing the stored inputs with today's rule tables gives the stored result"
    )


class CurrentEntitlementOut(BaseModel):
    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date
    approval_period: ApprovalPeriodOut
    explanation: list[LineOut] | None = Field(description=f"the decision's explanation. {SEALED}")
    paragraphs: list[str] | None


def computation_out(result: EntitlementResult) -> ComputationOut:
    return ComputationOut(
        month=result.month,
        monthly_amount=result.payment,
        entitlement=result.entitlement,
        child_supplement=result.child_supplement,
        need=result.need,
        income_covers_need=result.income_covers_need,
        housing_appropriate=result.housing_appropriate,
        persons=[
            PersonOut(
                person_id=p.person_id,
                level=int(p.level),
                need=p.need,
                counted_income=p.counted_income,
                entitlement=p.entitlement,
                housing_part=p.housing_part,
                child_supplement=p.child_supplement,
            )
            for p in result.persons
        ],
        explanation=[
            LineOut(person_id=i.person_id, kind=i.kind.value, amount=i.amount, paragraph=i.paragraph, note=i.note)
            for i in result.explanation
        ],
        paragraphs=sorted({item.paragraph for item in result.explanation}),
    )


def settlement_out(data: Json | None) -> SettlementOut | None:
    return None if data is None else SettlementOut.model_validate(data)


def _period(row: DecisionRow) -> ApprovalPeriodOut:
    return ApprovalPeriodOut(
        start=row.period_start,
        end=row.period_end,
        months=row.period_months,
        paragraph=row.period_paragraph,
        reason=row.period_reason,
    )


def _summary_fields(row: DecisionRow) -> dict[str, object]:
    return {
        "decision_id": row.decision_id,
        "household_id": row.household_id,
        "sequence": row.sequence,
        "kind": row.kind,
        "cause": row.cause,
        "employment_id": row.employment_id,
        "computed_for": row.computed_for,
        "effective_month": row.effective_month,
        "previous_monthly_amount": row.previous_amount,
        "monthly_amount": row.new_amount,
        "income_covers_need": row.income_covers_need,
        "provisional": row.provisional,
        "approval_period": _period(row),
        "supersedes": row.supersedes,
        "decided_by": row.decided_by,
        "created_at": row.created_at,
    }


def decision_summary_out(row: DecisionRow) -> DecisionSummaryOut:
    return DecisionSummaryOut.model_validate(_summary_fields(row))


def _computation(computation: Json | None) -> ComputationOut | None:
    return None if computation is None else computation_out(result_from_json(computation["result"]))


def decision_out(row: DecisionRow, computation: Json | None, recomputed_identically: bool | None = None) -> DecisionOut:
    """`computation`: the opened {"inputs", "result"}; None leaves them out (for the idempotent PUT reply)."""
    return DecisionOut.model_validate(
        {
            **_summary_fields(row),
            "office_id": row.office_id,
            "inputs": None if computation is None else computation["inputs"],
            "result": _computation(computation),
            "settlement": settlement_out(row.settlement),
            "recomputed_identically": recomputed_identically,
        }
    )


def current_entitlement_out(row: DecisionRow, computation: Json | None) -> CurrentEntitlementOut:
    result = _computation(computation)
    return CurrentEntitlementOut(
        decision_id=row.decision_id,
        kind=row.kind,
        active=row.kind != "end",
        monthly_amount=row.new_amount,
        effective_month=row.effective_month,
        approval_period=_period(row),
        explanation=result.explanation if result else None,
        paragraphs=result.paragraphs if result else None,
    )
