"""Intake's tables (its own database). Personal data stays here; events carry only ids.

Special-category data (GDPR Art. 9: the health-related target group) is not kept in `target_groups` but
sealed in `special_categories` (AES-256-GCM, bound to the row's id; see services.platform.privacy). Every
row has a sealed value, also when it holds no such group, so the column tells nothing by being empty.
"""

from __future__ import annotations

from datetime import date, datetime, time
from uuid import UUID

from sqlalchemy import JSON, Column, DateTime, Text
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table


class IntakeTable(SQLModel, registry=registry()):
    pass


class ClientRow(IntakeTable, table=True):
    __tablename__ = "clients"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID = Field(index=True)
    office_id: str = Field(index=True, max_length=50)
    given_name: str = Field(max_length=100)
    family_name: str = Field(max_length=100)
    birth_date: date
    postcode: str = Field(max_length=5)
    target_groups: list[str] = Field(sa_column=Column(JSON, nullable=False))  # without special categories
    special_categories: str = Field(sa_column=Column(Text, nullable=False))  # sealed {"target_groups": [...]}
    earliest_daily_start: time | None = None
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None
    consent_given_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    registered_by: str = Field(max_length=100)


metadata = IntakeTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)
SPECIAL_CATEGORIES = "clients.special_categories"  # the sealed field: audit name and associated data
