"""HTTP bodies of reductions: the determination after a hearing, its lifting, a month it changes."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.benefits.domain.reductions import Consequence, Incident
from services.benefits.tables import ReductionRow
from services.benefits.use_cases.reductions import Determined
from services.platform.http.fields import StaffDate, StaffId

ON_BEHALF = (
    "only from the hearing workflow (role journey_worker): the authorised person who decided in the hearing; "
    "a benefits clerk determines in their own name"
)


class ReductionIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client_id: UUID = Field(description="the member whose claim is reduced (a registered client of the household)")
    incident: Incident = Field(
        description="breach of duty (§ 31), missed appointment (§ 32), refused job (§ 31a Abs. 7), Sperrzeit "
        "(§ 31 Abs. 2 Nr. 3) or a Sperrzeit for a missed appointment (§ 31a Abs. 1 S. 3: as § 32)"
    )
    occurred_on: StaffDate = Field(description="the day of the breach or missed appointment: picks the law (§ 65a)")
    determined_on: StaffDate = Field(
        description="the day the authorised person determined it (§ 31b Abs. 1 S. 3): a benefits clerk's is today; "
        "only the hearing workflow names another day (the day decided on its calendar)"
    )
    made_known_on: StaffDate | None = Field(
        None,
        description="the day it was handed over (§ 39 Abs. 1 SGB X); none: posted that day, made known on the "
        "day § 37 Abs. 2 S. 1 SGB X presumes — the reduction starts the month after (§ 31b Abs. 1 S. 1)",
    )
    sperrzeit_from: StaffDate | None = Field(
        None, description="a Sperrzeit's first day (§ 31 Abs. 2 Nr. 3): the reduction starts then (§ 31b Abs. 1 S. 2)"
    )
    consecutive_misses: int = Field(1, ge=1, le=99, description="missed appointments in a row, this one included")
    determined_by: StaffId | None = Field(None, description=ON_BEHALF)


class LiftIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    fulfilled_on: StaffDate = Field(description="duty fulfilled, readiness declared, or reported in person")
    lifted_by: StaffId | None = Field(None, description=ON_BEHALF)


class MonthIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    month: StaffDate = Field(description="one of the reduction's change_months (first day of the month)")
    decided_by: StaffId | None = Field(None, description=ON_BEHALF)


class ReductionOut(BaseModel):
    reduction_id: UUID
    household_id: UUID
    client_id: UUID
    incident: Incident
    consequence: Consequence
    percent: Decimal = Field(description="of the person's Regelbedarf (§ 20); 100 under § 7b Abs. 4")
    first_month: date
    months: int | None = Field(description="null: until the person reports in person (§ 7b Abs. 4 S. 3)")
    step: int
    paragraph: str
    from_day: date | None = Field(
        None, description="a Sperrzeit's first day: the period runs by days from it (§ 31b Abs. 1 S. 2)"
    )
    until: date | None = Field(None, description="the period's last day when it runs by days")
    occurred_on: date
    determined_on: date
    determined_by: str
    decision_id: UUID | None = Field(description="the change decision it led to; null: the amount did not change")
    lifted_from: date | None = Field(
        description="the first day it no longer applies: a month's 1st, or for a period by days the day itself"
    )
    lifted_on: date | None = Field(None, description="the day the duty was fulfilled (as staff recorded it)")
    lifted_by: str | None
    change_months: list[date] = Field(default_factory=list, description="months whose amount it changes")
    monthly_reduction: Decimal | None = Field(None, description="withdrawn from the payment in the first month")

    @classmethod
    def of(cls, row: ReductionRow, determined: Determined | None = None) -> ReductionOut:
        fields = {name: getattr(row, name) for name in cls.model_fields if hasattr(row, name)}
        extra = (
            {}
            if determined is None
            else {
                "change_months": list(determined.change_months),
                "monthly_reduction": determined.monthly_reduction,
            }
        )
        return cls(**{**fields, "until": row.sanction().until, **extra})


class DecidedOut(BaseModel):
    month: date
    decision_id: UUID | None = Field(description="null: the amount did not change")
    monthly_amount: Decimal
