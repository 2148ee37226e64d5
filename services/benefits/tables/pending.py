"""Decisions the engine could not make yet because the rule tables have no figures for the month."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlmodel import Field

from services.benefits.domain.views import PendingDecision
from services.benefits.tables.base import BenefitsTable
from services.platform.columns import moment_field


class PendingDecisionRow(BenefitsTable, table=True):
    """One fact that should have led to a decision: re-decided once its month's figures are loaded.

    Ids and dates only; the household's inputs stay where they are (sealed)."""

    __tablename__ = "pending_decisions"

    pending_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    cause: str = Field(max_length=40)
    month: date  # the first month the fact affects
    decided_on: date  # the business date the decision would have had
    decided_by: str = Field(max_length=100)
    employment_id: UUID | None = None
    missing_rule: str = Field(max_length=200)  # what the engine could not find, for the household view
    missing_on: date
    recorded_at: datetime = moment_field(index=True)

    def pending(self) -> PendingDecision:
        return PendingDecision(self.month, self.cause, self.missing_rule, self.missing_on, self.recorded_at)
