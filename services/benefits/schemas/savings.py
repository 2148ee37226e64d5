"""HTTP bodies of the savings from employment starts (seed 003)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from pydantic import BaseModel, Field


class SavingsGroupOut(BaseModel):
    key: str | None = Field(description="client id, office id, programme id (null: none) or month")
    employment_starts: int = Field(description="employment starts whose first changed month lies in the range")
    monthly_before: Decimal = Field(description="monthly amounts before those starts")
    monthly_after: Decimal
    monthly_saving: Decimal
    accumulated_saving: Decimal = Field(description="saving over the range's months while the employments lasted")


class SavingsOut(BaseModel):
    group_by: str
    from_month: date
    to_month: date
    groups: list[SavingsGroupOut]
    total: SavingsGroupOut
