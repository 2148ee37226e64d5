"""HTTP bodies of computations and decisions: the amounts, the explanation, the stored inputs."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field, computed_field

from services.benefits.domain.letter_texts import cause_label, label

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

    @computed_field(description="the step's German name, as on the decision letter's Berechnungsbogen")  # type: ignore[prop-decorator]
    @property
    def label(self) -> str:
        return label(self.kind, self.paragraph, household=self.person_id is None)


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

    @computed_field(description="what caused the decision, in German, as staff read it")  # type: ignore[prop-decorator]
    @property
    def cause_label(self) -> str:
        return cause_label(self.cause)

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


class NextEntitlementOut(BaseModel):
    """A decision already taken for a month after the one shown: its amount from `effective_month`."""

    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date


class CurrentEntitlementOut(BaseModel):
    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date
    approval_period: ApprovalPeriodOut
    explanation: list[LineOut] | None = Field(description=f"the decision's explanation. {SEALED}")
    paragraphs: list[str] | None
