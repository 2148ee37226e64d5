"""Determined reductions (§§ 31a, 32, 7b Abs. 4 SGB II): who determined what, for whom, and its lifting.

Ids, dates, percentages and paragraphs only: what the person did or said stays with the hearing (coaching's
and the workflow's records), so nothing here needs sealing.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, Numeric
from sqlmodel import Field

from services.benefits.domain.reduced_entitlement import Reduction
from services.benefits.domain.reductions import Consequence, Earlier, Incident, Sanction
from services.benefits.tables.base import BenefitsTable
from services.platform.columns import moment_field


class ReductionRow(BenefitsTable, table=True):
    __tablename__ = "reductions"

    reduction_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    client_id: UUID = Field(index=True)
    office_id: str = Field(max_length=50)
    incident: str = Field(max_length=30)
    occurred_on: date
    determined_on: date
    determined_by: str = Field(max_length=100)
    consequence: str = Field(max_length=20)
    percent: Decimal = Field(sa_column=Column(Numeric(5, 2), nullable=False))
    first_month: date
    months: int | None = None  # None: until the person reports in person (§ 7b Abs. 4 S. 3)
    step: int
    paragraph: str = Field(max_length=200)
    from_day: date | None = None  # a Sperrzeit's first day: the period runs by days (§ 31b Abs. 1 S. 2)
    decision_id: UUID | None = None  # the change decision it led to; None: the amount did not change
    lifted_from: date | None = None
    lifted_on: date | None = None
    lifted_by: str | None = Field(default=None, max_length=100)
    created_at: datetime = moment_field()

    def sanction(self) -> Sanction:
        return Sanction(
            Incident(self.incident),
            self.occurred_on,
            Consequence(self.consequence),
            self.percent,
            self.first_month,
            self.months,
            self.step,
            self.paragraph,
            self.from_day,
        )

    def reduction(self) -> Reduction:
        return Reduction(str(self.reduction_id), str(self.client_id), self.sanction(), self.lifted_from)

    def earlier(self) -> Earlier:
        return Earlier(Incident(self.incident), self.occurred_on, self.first_month, self.step)
