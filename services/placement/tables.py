"""Placement's tables (its own database)."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import Column, DateTime, Numeric
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel

from services.platform.plumbing_tables import add_plumbing_tables


class PlacementTable(SQLModel, registry=registry()):
    pass


class EmployerRow(PlacementTable, table=True):
    __tablename__ = "employers"

    employer_id: UUID = Field(primary_key=True)
    name: str = Field(max_length=200)
    office_id: str = Field(index=True, max_length=50)
    postcode: str = Field(max_length=5)
    partner_company: bool = False
    created_at: datetime = Field(sa_column=Column(DateTime(timezone=True), nullable=False))


class EmploymentRow(PlacementTable, table=True):
    __tablename__ = "employments"

    employment_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    employer_id: UUID = Field(foreign_key="employers.employer_id")
    start_date: date
    weekly_hours: Decimal = Field(sa_column=Column(Numeric(5, 2), nullable=False))
    gross_monthly_pay: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    net_monthly_pay: Decimal = Field(sa_column=Column(Numeric(12, 2), nullable=False))
    first_pay_date: date
    subject_to_social_insurance: bool
    apprenticeship: bool = False
    recorded_by: str = Field(max_length=100)


metadata = PlacementTable.metadata
plumbing = add_plumbing_tables(metadata)
