"""Savings per employment start, and each client's programme they are reported by (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from sqlmodel import Field

from services.benefits.tables.base import BenefitsTable, money


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
