"""Placement's HTTP bodies."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

Euros = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]


class EmployerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
    office_id: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    postcode: Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
    partner_company: bool = Field(False, description="offers internships and company visits")


class EmployerOut(EmployerIn):
    employer_id: UUID


class HireIn(BaseModel):
    """The employment contract of a hire."""

    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    employer_id: UUID
    start_date: date
    weekly_hours: Annotated[Decimal, Field(gt=0, le=60, decimal_places=2)]
    gross_monthly_pay: Euros
    net_monthly_pay: Euros
    first_pay_date: date
    subject_to_social_insurance: bool
    apprenticeship: bool = False


class EmploymentOut(HireIn):
    employment_id: UUID
