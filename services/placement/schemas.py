"""Placement's HTTP bodies."""

from __future__ import annotations

from datetime import date, datetime, time
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.events import Month
from services.placement.domain.employment import CheckStatus
from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import ProposalStatus, SearchStatus

Euros = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]
Postcode = Annotated[str, StringConstraints(pattern=r"^\d{5}$")]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]


class EmployerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    office_id: Annotated[str, StringConstraints(min_length=1, max_length=50)]
    postcode: Postcode
    partner_company: bool = Field(False, description="offers internships and company visits")


class EmployerOut(EmployerIn):
    employer_id: UUID


class VacancyIn(BaseModel):
    """A vacancy (Stelle), including ones from the hidden job market filled through contacts."""

    model_config = ConfigDict(extra="forbid")
    employer_id: UUID
    title: Text
    occupation: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]
    kind: VacancyKind = Field(description="job, or apprenticeship (Ausbildungsstelle)")
    weekly_hours: Annotated[Decimal, Field(gt=0, le=48, decimal_places=2,
                                           description="at most 48 (§ 3 Arbeitszeitgesetz)")]
    daily_start: time = Field(description="when the working day starts, e.g. 06:00 for an early shift")
    location_postcode: Postcode
    positions: Annotated[int, Field(ge=1, le=1000)]
    gross_monthly_pay: Euros
    subject_to_social_insurance: bool


class VacancyOut(VacancyIn):
    vacancy_id: UUID
    open_positions: int
    created_at: datetime


class SearchOut(BaseModel):
    search_id: UUID
    client_id: UUID
    status: SearchStatus
    office_id: str | None = Field(description="null until the client's registration reached placement")
    opened_at: datetime
    closed_at: datetime | None = None
    closed_reason: str | None = None


class ExcludedOut(BaseModel):
    vacancy_id: UUID
    reasons: list[str]


class MatchesOut(BaseModel):
    client_id: UUID
    matches: list[VacancyOut]
    excluded: list[ExcludedOut]


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    vacancy_id: UUID


class ProposalOut(ProposalIn):
    proposal_id: UUID
    search_id: UUID
    status: ProposalStatus
    proposed_at: datetime
    proposed_by: str


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Literal["applied", "rejected", "accepted"]


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
    vacancy_id: UUID | None = Field(None, description="the vacancy filled; one of its open positions is taken")
    proposal_id: UUID | None = Field(None, description="the proposal that led to the hire")


class EmploymentOut(HireIn):
    employment_id: UUID
    status: Literal["active", "ended"]
    office_id: str | None = Field(None, description="the client's office, once known to placement")
    end_date: date | None = None
    end_reason: str | None = None


class CheckIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    month: Month = Field(description="first day of the month asked about, e.g. 2026-09-01")


class CheckOut(BaseModel):
    check_id: UUID
    employment_id: UUID
    client_id: UUID
    month: date
    status: CheckStatus
    office_id: str | None = None


class ConfirmationIn(BaseModel):
    """The employer's answer for a month: the pay that month (Zuflussprinzip, § 11 Abs. 2 SGB II)."""

    model_config = ConfigDict(extra="forbid")
    month: Month
    gross_pay: Euros
    net_pay: Euros


class ConfirmationOut(ConfirmationIn):
    check_id: UUID
    employment_id: UUID
    client_id: UUID
    status: CheckStatus
    confirmed_at: datetime


class EndIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    end_date: date = Field(description="last day of the employment")
    reason: Text = Field(description="e.g. dismissal_in_probation, resignation, fixed_term_expired")
