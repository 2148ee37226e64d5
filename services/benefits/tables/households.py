"""Who belongs to a household, what they earn, and the household's inputs as a clerk entered them (sealed)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Boolean, Column, Text, false
from sqlmodel import Field

from services.benefits.domain.employments import Employment, Pay, first_of, pay_lag
from services.benefits.domain.views import RecordedIncome
from services.benefits.tables.base import BenefitsTable, money
from services.platform.columns import moment_field


class HouseholdMemberRow(BenefitsTable, table=True):
    """Who belongs to which household (Bedarfsgemeinschaft, § 7 Abs. 3), learned from intake."""

    __tablename__ = "household_members"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(max_length=50)


class EarnedIncomeRow(BenefitsTable, table=True):
    """An employment's pay as reported by placement; counts from its inflow month (§ 11 Abs. 2)."""

    __tablename__ = "earned_incomes"

    employment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    household_id: UUID | None = Field(default=None, index=True)
    gross_monthly_pay: Decimal = money()
    net_monthly_pay: Decimal = money()
    first_inflow: date  # the first pay date; its month is the first inflow month
    ended_on: date | None = None
    started_on: date | None = None
    last_inflow: date | None = None  # first day of the month the last pay flows in, once ended
    apprenticeship: bool = Field(default=False, sa_column=Column(Boolean, nullable=False, server_default=false()))

    def employment(self, confirmed: Sequence[ConfirmedPayRow] = ()) -> Employment:
        """The employment's pay by inflow month, with the pay its employer confirmed."""
        return Employment(
            self.employment_id,
            self.client_id,
            Pay(self.gross_monthly_pay, self.net_monthly_pay, self.apprenticeship),
            first_of(self.first_inflow),
            pay_lag(self.started_on, self.first_inflow) if self.started_on else 0,
            self.last_inflow,
            {c.inflow_month: Pay(c.gross_pay, c.net_pay, self.apprenticeship) for c in confirmed},
        )

    def recorded(self) -> RecordedIncome:
        return RecordedIncome(
            self.employment_id,
            self.client_id,
            self.gross_monthly_pay,
            self.net_monthly_pay,
            self.first_inflow,
            self.ended_on,
            self.last_inflow,
            self.apprenticeship,
        )


class ConfirmedPayRow(BenefitsTable, table=True):
    """The actual pay of a month as the employer confirmed it, keyed by the month it flows in."""

    __tablename__ = "confirmed_pay"

    employment_id: UUID = Field(primary_key=True)
    inflow_month: date = Field(primary_key=True)
    worked_month: date
    gross_pay: Decimal = money()
    net_pay: Decimal = money()


class HouseholdRow(BenefitsTable, table=True):
    """A household's inputs as the benefits clerk last entered them (the decisions keep each snapshot).

    They are sealed whole: a member's disability (§ 21 Abs. 4) is health data (GDPR Art. 9).
    """

    __tablename__ = "households"

    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    sealed_inputs: str = Field(sa_column=Column(Text, nullable=False))  # sealed EnteredHousehold (JSON)
    inputs_month: date
    entered_at: datetime = moment_field()
    entered_by: str = Field(max_length=100)


HOUSEHOLD_INPUTS = "households.sealed_inputs"  # the sealed field: its audit name and associated data
