"""The payment ledger in benefits' own database (registered in the benefits MetaData).

`payments` is unique per (month, household): that constraint, not the workflow, is what
makes the run exactly-once. Its index leads with `month` so that the same index serves the
conflict check, "all payments of month M" for the report, and the join with the roll.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, DateTime, Numeric, String, Table, UniqueConstraint
from sqlmodel import Field

from services.benefits.tables import BenefitsTable


class PaymentRunRow(BenefitsTable, table=True):
    """One run per month (`payments-YYYY-MM`); created by its first batch.

    Deliberately never updated by batches: a per-batch "last batch at" would put a row lock
    on every batch transaction and serialise parallel shards of the run.
    """

    __tablename__ = "payment_runs"

    run_id: str = Field(primary_key=True, max_length=40)
    month: date = Field(unique=True)
    started_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class PaymentRow(BenefitsTable, table=True):
    """A payment ordered for one household and month; never updated, never ordered twice."""

    __tablename__ = "payments"
    __table_args__ = (UniqueConstraint("month", "household_id", name="uq_payments_month_household"),)

    payment_id: UUID = Field(primary_key=True)
    run_id: str = Field(max_length=40, foreign_key="payment_runs.run_id")
    month: date
    household_id: UUID
    office_id: str = Field(max_length=50)
    amount: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    decision_id: UUID
    ordered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class PaymentFailureRow(BenefitsTable, table=True):
    """A household the run could not pay, with the reason a clerk has to resolve.

    Removed again when a later batch of the same month (after the fix) pays the household.
    """

    __tablename__ = "payment_failures"

    month: date = Field(primary_key=True)
    household_id: UUID = Field(primary_key=True)
    run_id: str = Field(max_length=40, foreign_key="payment_runs.run_id")
    office_id: str = Field(max_length=50)
    amount: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    reason: str = Field(sa_column=Column(String(500), nullable=False))
    recorded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


# Core views of the same tables, for bulk statements.
PAYMENT_RUNS: Table = BenefitsTable.metadata.tables[PaymentRunRow.__tablename__]
PAYMENTS: Table = BenefitsTable.metadata.tables[PaymentRow.__tablename__]
PAYMENT_FAILURES: Table = BenefitsTable.metadata.tables[PaymentFailureRow.__tablename__]
