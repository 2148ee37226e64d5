"""Decisions (Bescheide): written once, their computation sealed; and how one maps to the domain."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field

from services.benefits.domain.approval import ApprovalPeriod
from services.benefits.domain.decisions import DecisionKind, InForce
from services.benefits.domain.snapshots import Json
from services.benefits.domain.views import Computation, CurrentEntitlement, Decision, NextEntitlement
from services.benefits.tables.base import BenefitsTable, json_document, money
from services.platform.columns import moment_field


class DecisionRow(BenefitsTable, table=True):
    """A decision (Bescheid): written once, never updated; a later decision supersedes it."""

    __tablename__ = "decisions"
    __table_args__ = (UniqueConstraint("household_id", "sequence", name="uq_decisions_household_sequence"),)

    decision_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    sequence: int
    office_id: str = Field(max_length=50, index=True)
    kind: str = Field(max_length=10)
    cause: str = Field(max_length=30)
    employment_id: UUID | None = None
    computed_for: date
    effective_month: date
    decided_on: date
    previous_amount: Decimal = money()
    new_amount: Decimal = money()
    entitlement: Decimal = money()  # without the Sofortzuschlag (§ 72 Abs. 2: never recovered)
    income_covers_need: bool
    provisional: bool
    period_start: date
    period_end: date
    period_months: int
    period_paragraph: str = Field(max_length=100)
    period_reason: str = Field(max_length=100)
    # Sealed {"inputs": ..., "result": ...}: the engine's household names a member's disability, and the
    # result's explanation its Mehrbedarf (§ 21 Abs. 4) — health data (GDPR Art. 9). The amounts stay in clear.
    sealed_computation: str = Field(sa_column=Column(Text, nullable=False))
    settlement: dict[str, Any] | None = json_document(nullable=True)
    supersedes: UUID | None = None
    decided_by: str = Field(max_length=100)
    created_at: datetime = moment_field()

    def approval_period(self) -> ApprovalPeriod:
        return ApprovalPeriod(
            self.period_start, self.period_end, self.period_months, self.period_paragraph, self.period_reason
        )

    def in_force(self) -> InForce:
        """What this decision set, as the next decision compares with it."""
        return InForce(
            self.decision_id,
            DecisionKind(self.kind),
            self.new_amount,
            self.entitlement,
            self.approval_period(),
            self.effective_month,
        )

    def decision(self, computation: Json | None = None, recomputed_identically: bool | None = None) -> Decision:
        """The decision with its opened `computation` ({"inputs", "result"}); None leaves them out."""
        return Decision(
            self.decision_id,
            self.household_id,
            self.office_id,
            self.sequence,
            self.kind,
            self.cause,
            self.employment_id,
            self.computed_for,
            self.effective_month,
            self.previous_amount,
            self.new_amount,
            self.income_covers_need,
            self.provisional,
            self.approval_period(),
            self.supersedes,
            self.decided_by,
            self.created_at,
            self.settlement,
            None if computation is None else computation["inputs"],
            Computation.stored(computation),
            recomputed_identically,
        )

    def current_entitlement(self, computation: Json | None) -> CurrentEntitlement:
        result = Computation.stored(computation)
        return CurrentEntitlement(
            self.decision_id,
            self.kind,
            self.kind != DecisionKind.END.value,
            self.new_amount,
            self.effective_month,
            self.approval_period(),
            result.explanation if result else None,
            result.paragraphs if result else None,
        )

    def next_entitlement(self) -> NextEntitlement:
        return NextEntitlement(
            self.decision_id, self.kind, self.kind != DecisionKind.END.value, self.new_amount, self.effective_month
        )


DECISION_COMPUTATION = "decisions.sealed_computation"  # the sealed field: its audit name and associated data
