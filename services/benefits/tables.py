"""Benefits' tables (its own database)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, DateTime, Numeric
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables


class BenefitsTable(SQLModel, registry=registry()):
    pass


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
    gross_monthly_pay: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    net_monthly_pay: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    first_inflow: date
    ended_on: date | None = None


class EntitlementRow(BenefitsTable, table=True):
    """A household's entitlement as the latest decision set it: the roll the monthly payment run pays.

    One row per household, replaced by each new decision (the decisions themselves are kept
    immutably elsewhere). Paid for month M when active and M lies in [period_start, period_end].
    """

    __tablename__ = "entitlements"

    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    monthly_amount: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    period_start: date
    period_end: date
    active: bool = Field(index=True)
    decision_id: UUID
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


metadata = BenefitsTable.metadata
plumbing = add_plumbing_tables(metadata)
