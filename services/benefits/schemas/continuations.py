"""HTTP bodies of a continuation application (Weiterbewilligungsantrag, § 37 Abs. 1, § 41 Abs. 3 SGB II) and of
the list of approval periods that end in a month."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.benefits.domain.continuation import ContinuationApplication
from services.benefits.schemas.decisions import DecisionOut
from services.benefits.schemas.households import HouseholdInputs
from services.platform.http.fields import StaffDate


class ContinuationIn(BaseModel):
    """The household applies for the next approval period; without `household` its circumstances are unchanged."""

    model_config = ConfigDict(extra="forbid")
    applied_on: StaffDate = Field(
        description="the day the application was received; after the period's end it reaches back to the first of "
        "its month (§ 37 Abs. 2 S. 2 SGB II), not further"
    )
    household: HouseholdInputs | None = Field(
        None, description="changed inputs, from the next period's first month on; null: unchanged"
    )

    def to_application(self, household_id: UUID) -> ContinuationApplication:
        changed = None if self.household is None else self.household.to_domain()
        return ContinuationApplication(household_id, self.applied_on, changed)


class ContinuationOut(BaseModel):
    """What is stored in clear: this reply is kept for idempotent retries."""

    first_month: date = Field(description="the first month of the next approval period")
    decision: DecisionOut | None = Field(description="the grant of the next period; null: no longer in need")
    reason: str = Field(description="why, with its paragraphs")


class EndingPeriodOut(BaseModel):
    household_id: UUID
    office_id: str
    decision_id: UUID = Field(description="the decision in force (grant or change) whose period ends")
    period_start: date
    period_end: date
    monthly_amount: Decimal


class EndingPeriodPage(BaseModel):
    items: list[EndingPeriodOut]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")
