"""Benefits' tables (its own database)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Boolean, Column, DateTime, Numeric, UniqueConstraint, false
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables


class BenefitsTable(SQLModel, registry=registry()):
    pass


def money() -> Any:
    return Field(sa_column=Column(Numeric(12, 2), nullable=False))


def aware_timestamp() -> Any:
    return Field(sa_column=Column(DateTime(timezone=True), nullable=False))


def json_document(nullable: bool = False) -> Any:
    column = Column(JSON, nullable=nullable)
    return Field(default=None, sa_column=column) if nullable else Field(sa_column=column)


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


class ConfirmedPayRow(BenefitsTable, table=True):
    """The actual pay of a month as the employer confirmed it, keyed by the month it flows in."""

    __tablename__ = "confirmed_pay"

    employment_id: UUID = Field(primary_key=True)
    inflow_month: date = Field(primary_key=True)
    worked_month: date
    gross_pay: Decimal = money()
    net_pay: Decimal = money()


class HouseholdRow(BenefitsTable, table=True):
    """A household's inputs as the benefits clerk last entered them (the decisions keep each snapshot)."""

    __tablename__ = "households"

    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    inputs: dict[str, Any] = json_document()
    inputs_month: date
    entered_at: datetime = aware_timestamp()
    entered_by: str = Field(max_length=100)


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
    inputs: dict[str, Any] = json_document()
    result: dict[str, Any] = json_document()
    settlement: dict[str, Any] | None = json_document(nullable=True)
    supersedes: UUID | None = None
    decided_by: str = Field(max_length=100)
    created_at: datetime = aware_timestamp()


class ClientProgramRow(BenefitsTable, table=True):
    """Each client's programme, learned from coaching's case assignment (for the savings by programme)."""

    __tablename__ = "client_programs"

    client_id: UUID = Field(primary_key=True)
    program_id: str | None = Field(default=None, max_length=50)
    office_id: str = Field(max_length=50)


class SavingRow(BenefitsTable, table=True):
    """An employment start's effect on the monthly amount: before and after (seed 003, "gegengerechnet")."""

    __tablename__ = "savings"

    employment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(max_length=50, index=True)
    program_id: str | None = Field(default=None, max_length=50, index=True)
    month: date = Field(index=True)  # the first month the start changed
    end_month: date | None = None  # the last month it saved, once the employment ended
    monthly_before: Decimal = money()
    monthly_after: Decimal = money()
    decision_id: UUID | None = None


class EntitlementRow(BenefitsTable, table=True):
    """A household's entitlement as the latest decision set it: the roll the monthly payment run pays.

    One row per household, replaced by each new decision (the decisions themselves are kept
    immutably elsewhere). Paid for month M when active and M lies in [period_start, period_end].
    """

    __tablename__ = "entitlements"

    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50, index=True)
    monthly_amount: Decimal = money()
    period_start: date
    period_end: date
    active: bool = Field(index=True)
    decision_id: UUID
    updated_at: datetime = aware_timestamp()


metadata = BenefitsTable.metadata
plumbing = add_plumbing_tables(metadata)
