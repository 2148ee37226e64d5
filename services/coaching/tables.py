"""Coaching's tables (its own database).

Timestamps are stored as UTC (`utc()` on the way in and out: SQLite hands back naive values).
Cooperation-plan obstacles are stored as kinds and statuses; special-category kinds never carry text.
A plan's content as agreed — every obstacle with its note, and the goals — is sealed in `sealed_content`
(AES-256-GCM, bound to the plan's id; see services.platform.privacy): health and addiction obstacles are
special-category data (GDPR Art. 9), and free text is where they get described ("referral to addiction
counselling"). Only the ordinary obstacles' kinds and statuses are kept in clear, in `obstacles`.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Column, DateTime, Text, text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table


class CoachingTable(SQLModel, registry=registry()):
    pass


def utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def _when(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(DateTime(timezone=True), nullable=nullable))


def _json_list() -> Any:
    return Field(default_factory=list, sa_column=Column(JSON, nullable=False, server_default=text("'[]'")))


class CaseRow(CoachingTable, table=True):
    __tablename__ = "cases"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID
    office_id: str = Field(index=True, max_length=50)
    status: str = Field(max_length=30, index=True)
    case_worker_id: str | None = Field(default=None, max_length=100, index=True)
    opened_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    target_groups: list[str] = _json_list()
    program_id: str | None = Field(default=None, max_length=30)
    contact_interval_days: int | None = None
    assigned_at: datetime | None = _when(nullable=True)
    ready_at: datetime | None = _when(nullable=True)
    closed_at: datetime | None = _when(nullable=True)
    closure_reason: str | None = Field(default=None, max_length=30)


class AssignmentRow(CoachingTable, table=True):
    """Who held the case when, and why it changed hands: the assignment history."""

    __tablename__ = "assignments"

    assignment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    previous_case_worker_id: str | None = Field(default=None, max_length=100)
    program_id: str = Field(max_length=30)
    assigned_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    assigned_by: str = Field(max_length=100)
    reason: str | None = Field(default=None, max_length=500)


class StaffRow(CoachingTable, table=True):
    __tablename__ = "staff"

    staff_id: str = Field(primary_key=True, max_length=100)
    office_id: str = Field(index=True, max_length=50)
    roles: list[str] = _json_list()
    specialties: list[str] = _json_list()
    updated_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ContactRow(CoachingTable, table=True):
    __tablename__ = "contacts"

    contact_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    channel: str = Field(max_length=20)
    occurred_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    note: str | None = Field(default=None, max_length=2000)


class AppointmentRow(CoachingTable, table=True):
    __tablename__ = "appointments"

    appointment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    staff_id: str = Field(max_length=100)
    starts_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    duration_minutes: int
    channel: str = Field(max_length=20)
    location_id: str | None = Field(default=None, max_length=50)
    booked_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class TaskRow(CoachingTable, table=True):
    __tablename__ = "tasks"

    task_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    office_id: str = Field(index=True, max_length=50)
    case_worker_id: str | None = Field(default=None, max_length=100, index=True)
    kind: str = Field(max_length=30)
    status: str = Field(max_length=20, index=True)
    due_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    detail: str | None = Field(default=None, max_length=500)
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    created_by: str = Field(max_length=100)
    completed_at: datetime | None = _when(nullable=True)
    completed_by: str | None = Field(default=None, max_length=100)


class CooperationPlanRow(CoachingTable, table=True):
    """One agreement (or review) of the cooperation plan (Kooperationsplan, § 15 SGB II); the newest counts."""

    __tablename__ = "cooperation_plans"

    plan_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    agreed_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    review_due: date
    obstacles: list[dict[str, Any]] = _json_list()  # ordinary kinds and statuses only
    sealed_content: str = Field(sa_column=Column(Text, nullable=False))  # sealed {"obstacles": [...], "goals": [...]}
    recorded_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


metadata = CoachingTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
PLAN_CONTENT = "cooperation_plans.sealed_content"  # the sealed field: audit name and associated data
