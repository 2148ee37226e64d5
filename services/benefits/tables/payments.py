"""The entitlement roll the monthly payment run pays (one row per household and month), and the payment ledger it
writes."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, ColumnElement, Index, String, Table, UniqueConstraint, and_
from sqlmodel import Field, col

from services.benefits.tables.base import BenefitsTable, money
from services.platform.columns import moment_field


class EntitlementMonthRow(BenefitsTable, table=True):
    """What one household is owed for one month, as the decision in force *for that month* set it: the roll the
    monthly payment run pays.

    A decision effective from month E replaces the household's rows from E on (`decided_months`): the months of
    its approval period from E, or none after an end. Earlier months keep what the decisions for them said, so a
    decision taken early for a later month (a reduction from next month, § 31b Abs. 1 S. 1) leaves this month's
    payment as it was. The decisions themselves are kept immutably elsewhere; this table is derived from them.
    """

    __tablename__ = "entitlement_months"
    # The primary key leads with the month: the run's keyset pages ("month M, household after the cursor") and the
    # report's joins read it in order. The second index serves the decision's replacement of one household's months.
    __table_args__ = (Index("ix_entitlement_months_household", "household_id", "month"),)

    month: date = Field(primary_key=True)
    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50)
    amount: Decimal = money()
    decision_id: UUID


def owed_for(month: date) -> ColumnElement[bool]:
    """The one definition of "owed a payment for `month`": the month's roll row, with a positive amount."""
    return and_(col(EntitlementMonthRow.month) == month, col(EntitlementMonthRow.amount) > 0)


# --- The payment ledger: `payments` is unique per (month, household); that constraint, not the workflow,
# makes the run exactly-once. Its index leads with `month`, so the same index serves the conflict check,
# "all payments of month M" for the report, and the join with the roll.


class PaymentRunRow(BenefitsTable, table=True):
    """One run per month (`payments-YYYY-MM`); created by its first batch.

    Deliberately never updated by batches: a per-batch "last batch at" would put a row lock
    on every batch transaction and serialise parallel shards of the run.
    """

    __tablename__ = "payment_runs"

    run_id: str = Field(primary_key=True, max_length=40)
    month: date = Field(unique=True)
    started_at: datetime = moment_field()


class PaymentRow(BenefitsTable, table=True):
    """A payment ordered for one household and month; never updated, never ordered twice."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("month", "household_id", name="uq_payments_month_household"),)

    payment_id: UUID = Field(primary_key=True)
    run_id: str = Field(max_length=40, foreign_key="payment_runs.run_id")
    month: date
    household_id: UUID
    office_id: str = Field(max_length=50)
    amount: Decimal = money()
    decision_id: UUID
    ordered_at: datetime = moment_field()


class PaymentFailureRow(BenefitsTable, table=True):
    """A household the run could not pay, with the reason a clerk has to resolve.

    Removed again when a later batch of the same month (after the fix) pays the household.
    """

    __tablename__ = "payment_failures"

    month: date = Field(primary_key=True)
    household_id: UUID = Field(primary_key=True)
    run_id: str = Field(max_length=40, foreign_key="payment_runs.run_id")
    office_id: str = Field(max_length=50)
    amount: Decimal = money()
    reason: str = Field(sa_column=Column(String(500), nullable=False))
    recorded_at: datetime = moment_field()


# Core views of the same tables, for bulk statements.
ENTITLEMENT_MONTHS: Table = BenefitsTable.metadata.tables[EntitlementMonthRow.__tablename__]
PAYMENT_RUNS: Table = BenefitsTable.metadata.tables[PaymentRunRow.__tablename__]
PAYMENTS: Table = BenefitsTable.metadata.tables[PaymentRow.__tablename__]
PAYMENT_FAILURES: Table = BenefitsTable.metadata.tables[PaymentFailureRow.__tablename__]
