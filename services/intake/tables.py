"""Intake's tables (its own database). Personal data stays here; events carry only ids."""

from __future__ import annotations

from datetime import date, datetime, time
from uuid import UUID

from sqlalchemy import JSON, Column, DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables


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
    target_groups: list[str] = Field(sa_column=Column(JSON, nullable=False))
    earliest_daily_start: time | None = None
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None
    consent_given_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    registered_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    registered_by: str = Field(max_length=100)


metadata = IntakeTable.metadata
plumbing = add_plumbing_tables(metadata)
