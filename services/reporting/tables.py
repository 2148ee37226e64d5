"""The reporting read model (its own database): one table per kind of fact, keyed so that a month's figures are
a few indexed reads. Rows hold ids, months and amounts, never names (the events carry none).

Facts that arrive on different topics live in different tables and are joined only when a district is read
(`use_cases/districts.py`): a rebuild reads the topics one after another, so no row may depend on another
topic's event having arrived first.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Column, Index, LargeBinary, Numeric, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.columns import moment_field
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.person_keys import add_person_key_tables


class ReportingTable(SQLModel, registry=registry()):
    pass


def _money() -> Any:
    return Field(sa_column=Column(Numeric(12, 2), nullable=False))


class PersonRow(ReportingTable, table=True):
    """A client as intake registered them (client_registered)."""

    __tablename__ = "people"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(index=True, max_length=50)
    sex: str = Field(max_length=10)
    target_groups: list[str] = Field(sa_column=Column(JSON, nullable=False))
    registered_at: datetime = moment_field()


class ProgrammeRow(ReportingTable, table=True):
    """The programme and case worker of a client's latest case assignment (coaching case_assigned)."""

    __tablename__ = "programme_assignments"

    client_id: UUID = Field(primary_key=True)
    programme_id: str | None = Field(default=None, max_length=50)
    case_worker_id: str | None = Field(default=None, max_length=100)  # a staff id, no name
    assigned_at: datetime = moment_field()
    # The day the programme took effect (a dated assignment, a participation's start or end day); NULL in rows
    # written before 0007: the day of `assigned_at`.
    assigned_on: date | None = None


class ParticipationRow(ReportingTable, table=True):
    """A participation in a programme, from its start to its end once known (coaching participation_started and
    participation_ended): K3E2's Maßnahmen and the programme yardsticks' spells. Either event may come first in a
    rebuild of a topic's partitions, so each writes its own columns and neither needs the other."""

    __tablename__ = "participations"

    participation_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    programme_id: str = Field(max_length=50)
    started_on: date | None = None
    ended_on: date | None = None


class BenefitMonthRow(ReportingTable, table=True):
    """A household's entitlement for one month as the latest decision for that month has it (benefits)."""

    __tablename__ = "benefit_months"

    household_id: UUID = Field(primary_key=True)
    month: date = Field(primary_key=True, index=True)
    subsistence: Decimal = _money()  # §§ 20, 21, 23 SGB II
    housing: Decimal = _money()  # § 22 SGB II
    monthly_entitlement: Decimal = _money()
    decision_id: UUID


class NeedyMonthRow(ReportingTable, table=True):
    """A member of a household with an entitlement in that month (benefits)."""

    __tablename__ = "needy_months"

    client_id: UUID = Field(primary_key=True)
    month: date = Field(primary_key=True, index=True)
    household_id: UUID = Field(index=True)
    # The member's part of the household's benefits (need shares, § 9 Abs. 2 S. 3 SGB II), for K1 by sex and
    # programme; None where the decision's event did not carry it (older events).
    subsistence: Decimal | None = Field(default=None, sa_column=Column(Numeric(12, 2), nullable=True))
    housing: Decimal | None = Field(default=None, sa_column=Column(Numeric(12, 2), nullable=True))


class PaymentRow(ReportingTable, table=True):
    """A month's payment as ordered (benefits payment_ordered): the office the household is paid by."""

    __tablename__ = "payments"
    # A benefit month's paying office is looked up by household and month (`use_cases/districts.py`); with the
    # month index alone SQLite reads every household's payment of that month for each benefit month.
    __table_args__ = (Index("ix_payments_household_month", "household_id", "month"),)

    payment_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(max_length=50)
    month: date = Field(index=True)
    amount: Decimal = _money()


class EmploymentRow(ReportingTable, table=True):
    """An employment's start with its kind, and its end once known (placement)."""

    __tablename__ = "employments"

    employment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    start_date: date = Field(index=True)
    kind: str = Field(max_length=20)
    end_date: date | None = None


class EmploymentMonthRow(ReportingTable, table=True):
    """A month the employment continued throughout (placement employment_confirmed)."""

    __tablename__ = "employment_months"

    employment_id: UUID = Field(primary_key=True)
    month: date = Field(primary_key=True)
    client_id: UUID = Field(index=True)


class ContactMonthRow(ReportingTable, table=True):
    """How many contacts staff recorded with a client in a month (coaching contact_recorded, Europe/Berlin)."""

    __tablename__ = "contact_months"

    client_id: UUID = Field(primary_key=True)
    month: date = Field(primary_key=True)
    contacts: int


class MergedClientRow(ReportingTable, table=True):
    """A duplicate registration staff merged into another (intake client_merged): its facts count for `merged_into`."""

    __tablename__ = "merged_clients"

    client_id: UUID = Field(primary_key=True)
    merged_into: UUID = Field(index=True)
    merged_at: datetime = moment_field()


class StoredReportRow(ReportingTable, table=True):
    """A monthly report typeset ahead or on a first request (`use_cases/stored_reports.py`): figures only, no
    person's data. `version` is the read model's as the report read it; another one now means it may be stale."""

    __tablename__ = "stored_reports"

    month: date = Field(primary_key=True)
    office_id: str = Field(primary_key=True, max_length=50)  # the office asked for, "" for every visible one
    offices: str = Field(primary_key=True, max_length=2000)  # the offices it covers, comma-separated; "*" all
    version: str = Field(max_length=100)
    built_at: datetime = moment_field()
    html: str = Field(sa_column=Column(Text, nullable=False))
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))


metadata = ReportingTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)  # here for the exports of the right of access (`person_data.py`)
person_keys = add_person_key_tables(metadata)


class CohortRow(ReportingTable, table=True):
    """A programme's cohort with its dates, and its close once it came (coaching cohort_opened, cohort_closed;
    both keyed by the cohort, so the opening comes first)."""

    __tablename__ = "cohorts"

    cohort_id: UUID = Field(primary_key=True)
    programme_id: str = Field(index=True, max_length=50)
    office_id: str = Field(index=True, max_length=50)
    starts_on: date | None = None
    ends_on: date | None = None
    closed_on: date | None = None


class CohortMemberRow(ReportingTable, table=True):
    """A participation in a cohort and what became of it (coaching cohort_joined, cohort_outcome_recorded; keyed
    by the client, a topic's partition apart from its cohort's row: joined only when a month is read)."""

    __tablename__ = "cohort_members"

    participation_id: UUID = Field(primary_key=True)
    cohort_id: UUID = Field(index=True)
    client_id: UUID
    office_id: str = Field(max_length=50)
    joined_on: date | None = None
    outcome: str | None = Field(default=None, max_length=20)
    outcome_on: date | None = None


READ_MODEL = (
    PersonRow,
    ProgrammeRow,
    ParticipationRow,
    BenefitMonthRow,
    NeedyMonthRow,
    PaymentRow,
    EmploymentRow,
    EmploymentMonthRow,
    ContactMonthRow,
    MergedClientRow,
    CohortRow,
    CohortMemberRow,
)
