"""Benefits' HTTP bodies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import UUID

from pydantic import BaseModel


class EarnedIncomeOut(BaseModel):
    employment_id: UUID
    client_id: UUID
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal
    first_inflow: date
    ended_on: date | None


class HouseholdOut(BaseModel):
    household_id: UUID
    office_id: str
    member_client_ids: list[UUID]
    earned_incomes: list[EarnedIncomeOut]
