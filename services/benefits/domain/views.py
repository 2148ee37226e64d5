"""What the household and decision use cases hand back: computations, decisions, the household as its caller may
see it. No I/O.

Special-category data (the engine's inputs, a computation's explanation: they name a member's disability) is
None for everyone but the benefits clerks of the household's office, and in the reply kept for idempotent retries.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from services.benefits.domain.approval import ApprovalPeriod
from services.benefits.domain.households import EnteredHousehold
from services.benefits.domain.result import EntitlementResult
from services.benefits.domain.snapshots import Json, result_from_json


@dataclass(frozen=True)
class Line:
    """One step of the computation; `person_id` None means the whole household."""

    person_id: str | None
    kind: str
    amount: Decimal
    paragraph: str
    note: str


@dataclass(frozen=True)
class PersonResult:
    person_id: str
    level: int  # Regelbedarfsstufe (§ 20, § 23 SGB II)
    need: Decimal
    counted_income: Decimal
    entitlement: Decimal
    housing_part: Decimal
    child_supplement: Decimal


@dataclass(frozen=True)
class Computation:
    month: date
    monthly_amount: Decimal  # paid per month: entitlement plus Sofortzuschlag (§ 72)
    entitlement: Decimal
    child_supplement: Decimal
    need: Decimal
    income_covers_need: bool
    housing_appropriate: bool
    persons: list[PersonResult]
    explanation: list[Line]
    paragraphs: list[str]  # every provision the computation applied, once

    @classmethod
    def of(cls, result: EntitlementResult) -> Computation:
        return cls(
            result.month,
            result.payment,
            result.entitlement,
            result.child_supplement,
            result.need,
            result.income_covers_need,
            result.housing_appropriate,
            [
                PersonResult(
                    p.person_id,
                    int(p.level),
                    p.need,
                    p.counted_income,
                    p.entitlement,
                    p.housing_part,
                    p.child_supplement,
                )
                for p in result.persons
            ],
            [Line(i.person_id, i.kind.value, i.amount, i.paragraph, i.note) for i in result.explanation],
            sorted({item.paragraph for item in result.explanation}),
        )

    @classmethod
    def stored(cls, computation: Json | None) -> Computation | None:
        """The computation of a decision's opened {"inputs", "result"}; None when it was not opened."""
        return None if computation is None else cls.of(result_from_json(computation["result"]))


@dataclass(frozen=True)
class Decision:
    """An immutable decision (Bescheid); `inputs` and `result` only when opened for its reader."""

    decision_id: UUID
    household_id: UUID
    office_id: str
    sequence: int
    kind: str  # grant, change or end
    cause: str
    employment_id: UUID | None
    computed_for: date
    effective_month: date
    previous_monthly_amount: Decimal
    monthly_amount: Decimal
    income_covers_need: bool
    provisional: bool
    approval_period: ApprovalPeriod
    supersedes: UUID | None
    decided_by: str
    created_at: datetime
    settlement: Json | None  # months paid in advance at the old amount (§ 42), as stored
    inputs: Json | None = None  # the engine's inputs as computed: month and household
    result: Computation | None = None
    recomputed_identically: bool | None = None  # today's rule tables give the stored result


@dataclass(frozen=True)
class CurrentEntitlement:
    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date
    approval_period: ApprovalPeriod
    explanation: list[Line] | None  # None: not opened for this reader
    paragraphs: list[str] | None


@dataclass(frozen=True)
class NextEntitlement:
    """A decision already taken for a later month than the one shown (no explanation: it is not opened)."""

    decision_id: UUID
    kind: str
    active: bool
    monthly_amount: Decimal
    effective_month: date


@dataclass(frozen=True)
class RecordedIncome:
    """An employment's pay as placement reported it."""

    employment_id: UUID
    client_id: UUID
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal
    first_inflow: date
    ended_on: date | None
    last_inflow: date | None
    apprenticeship: bool


@dataclass(frozen=True)
class PendingDecision:
    """A decision the engine could not make for want of figures: made by the service once they are loaded."""

    month: date  # the first month the fact affects
    cause: str
    missing_rule: str  # the rule table's figure the engine did not find
    missing_on: date
    recorded_at: datetime


@dataclass(frozen=True)
class HouseholdView:
    household_id: UUID
    office_id: str
    member_client_ids: list[UUID]  # registered clients of the household (from intake)
    inputs: EnteredHousehold | None  # None: never entered, or not for this reader
    inputs_month: date | None
    earned_incomes: list[RecordedIncome]
    current_entitlement: CurrentEntitlement | None
    notes: list[str]
    pending_decisions: list[PendingDecision] = field(default_factory=list)
    next_entitlement: NextEntitlement | None = None


@dataclass(frozen=True)
class HouseholdEntry:
    """What entering a household's inputs gives: the decision it caused (None: the amount did not change), or
    the decision left pending because the rule tables have no figures for the entry's month (the inputs stay)."""

    decision: Decision | None
    household: HouseholdView
    pending: PendingDecision | None = None


@dataclass(frozen=True)
class WhatIfAnswer:
    computation: Computation
    current_monthly_amount: Decimal  # what the decision in force pays for the month
    difference: Decimal
