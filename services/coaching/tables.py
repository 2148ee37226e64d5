"""Coaching's tables (its own database)."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Column, DateTime
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables


class CoachingTable(SQLModel, registry=registry()):
    pass


class CaseRow(CoachingTable, table=True):
    __tablename__ = "cases"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID
    office_id: str = Field(index=True, max_length=50)
    status: str = Field(max_length=30, index=True)
    case_worker_id: str | None = Field(default=None, max_length=100, index=True)
    opened_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class ContactRow(CoachingTable, table=True):
    __tablename__ = "contacts"

    contact_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(foreign_key="cases.client_id", index=True)
    case_worker_id: str = Field(max_length=100)
    channel: str = Field(max_length=20)
    occurred_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))
    note: str | None = Field(default=None, max_length=2000)


metadata = CoachingTable.metadata
plumbing = add_plumbing_tables(metadata)
