"""Benefits' tables (its own database): households, decisions, the entitlement roll, savings, the payment ledger;
and how a row maps to the domain."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    ColumnElement,
    Numeric,
    String,
    Table,
    Text,
    UniqueConstraint,
    and_,
    false,
)
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel, col

from services.benefits.domain.approval import ApprovalPeriod
from services.benefits.domain.decisions import DecisionKind, InForce
from services.benefits.domain.employments import Employment, Pay, first_of, pay_lag
from services.platform.columns import moment_field
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table


class BenefitsTable(SQLModel, registry=registry()):
    pass


def money() -> Any:
    return Field(sa_column=Column(Numeric(12, 2), nullable=False))


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

    def in_force(self) -> InForce:
        """What this decision set, as the next decision compares with it."""
        period = ApprovalPeriod(
            self.period_start, self.period_end, self.period_months, self.period_paragraph, self.period_reason
        )
        return InForce(
            self.decision_id, DecisionKind(self.kind), self.new_amount, self.entitlement, period, self.effective_month
        )


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
    updated_at: datetime = moment_field()


def owed_for(month: date) -> ColumnElement[bool]:
    """The one definition of "owed a payment for `month`": active, positive, and the month in the period."""
    return and_(
        col(EntitlementRow.active),
        col(EntitlementRow.monthly_amount) > 0,
        col(EntitlementRow.period_start) <= month,
        col(EntitlementRow.period_end) >= month,
    )


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
PAYMENT_RUNS: Table = BenefitsTable.metadata.tables[PaymentRunRow.__tablename__]
PAYMENTS: Table = BenefitsTable.metadata.tables[PaymentRow.__tablename__]
PAYMENT_FAILURES: Table = BenefitsTable.metadata.tables[PaymentFailureRow.__tablename__]


metadata = BenefitsTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
# The sealed fields: their audit names and associated data.
HOUSEHOLD_INPUTS = "households.sealed_inputs"
DECISION_COMPUTATION = "decisions.sealed_computation"
