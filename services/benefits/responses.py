"""Benefits' HTTP response bodies: computations with their explanation, decisions, households, savings."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from pydantic import BaseModel, Field

from services.benefits.schemas import HouseholdInputs


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
    inputs: dict[str, Any] = Field(description="the engine's inputs as computed: month and household")
    result: ComputationOut
    settlement: SettlementOut | None
    recomputed_identically: bool | None = Field(
        None, description="recomputing the stored inputs with today's rule tables gives the stored result")


class EarnedIncomeOut(BaseModel):
    employment_id: UUID
    client_id: UUID
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal
    first_inflow: date
    ended_on: date | None
    last_inflow: date | None = None
    apprenticeship: bool = False


class CurrentEntitlementOut(BaseModel):
    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date
    approval_period: ApprovalPeriodOut
    explanation: list[LineOut]
    paragraphs: list[str]


class HouseholdOut(BaseModel):
    household_id: UUID
    office_id: str
    member_client_ids: list[UUID] = Field(description="registered clients of the household (from intake)")
    inputs: HouseholdInputs | None = Field(description="as the benefits clerk entered them; null: never entered")
    inputs_month: date | None = None
    earned_incomes: list[EarnedIncomeOut]
    current_entitlement: CurrentEntitlementOut | None
    notes: list[str] = Field(default_factory=list)


class HouseholdPutOut(BaseModel):
    decision: DecisionOut | None = Field(description="null when the monthly amount did not change")
    computation: ComputationOut
    household: HouseholdOut


class WhatIfOut(BaseModel):
    computation: ComputationOut
    current_monthly_amount: Decimal = Field(description="what the decision in force pays for the month")
    difference: Decimal


class SavingsGroupOut(BaseModel):
    key: str | None = Field(description="client id, office id, programme id (null: none) or month")
    employment_starts: int = Field(description="employment starts whose first changed month lies in the range")
    monthly_before: Decimal = Field(description="monthly amounts before those starts")
    monthly_after: Decimal
    monthly_saving: Decimal
    accumulated_saving: Decimal = Field(description="saving over the range's months while the employments lasted")


class SavingsOut(BaseModel):
    group_by: str
    from_month: date
    to_month: date
    groups: list[SavingsGroupOut]
    total: SavingsGroupOut
