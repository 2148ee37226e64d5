"""Placement's HTTP bodies, and their mapping to the domain's commands."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from contracts.events import Month
from services.placement.domain.commands import (
    AddEmployer,
    AddVacancy,
    ConfirmMonth,
    EndEmployment,
    MakeProposal,
    RecordHire,
    RecordOutcome,
)
from services.placement.domain.employment import CheckStatus
from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import EmploymentKind, ProposalStatus, SearchStatus
from services.platform.http import fields

Euros = Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)]
Postcode = fields.Postcode
# The length is checked after stripping only when the constraints come first: the other way round "  " passed
# as "" and failed the reply instead (a 500).
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=200), fields.SINGLE_LINE]
ShortText = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=100), fields.SINGLE_LINE]
KldbCode = Annotated[
    str, StringConstraints(pattern=r"^[0-9]{5}$"), Field(description="KldB 2010 occupation type, e.g. 29302 (cook)")
]


class EmployerIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    office_id: fields.OfficeId
    postcode: Postcode
    partner_company: bool = Field(False, description="offers internships and company visits")

    def to_command(self) -> AddEmployer:
        return AddEmployer(self.name, self.office_id, self.postcode, self.partner_company)


class EmployerOut(EmployerIn):
    employer_id: UUID


class VacancyIn(BaseModel):
    """A vacancy (Stelle), including ones from the hidden job market filled through contacts."""

    model_config = ConfigDict(extra="forbid")
    employer_id: UUID
    title: Text
    occupation: ShortText
    kind: VacancyKind = Field(description="job, or apprenticeship (Ausbildungsstelle)")
    weekly_hours: Annotated[
        Decimal, Field(gt=0, le=48, decimal_places=2, description="at most 48 (§ 3 Arbeitszeitgesetz)")
    ]
    daily_start: fields.LocalTime = Field(
        description="when the working day starts, e.g. 06:00 for an early shift (Europe/Berlin)"
    )
    location_postcode: Postcode
    positions: Annotated[int, Field(ge=1, le=1000)]
    gross_monthly_pay: Euros
    subject_to_social_insurance: bool
    kldb_code: KldbCode | None = Field(None, description="KldB 2010 occupation type (Berufsgattung) of the job")
    published: bool = Field(
        True, description="false: the hidden job market, an opening an employer mentioned (only its office sees it)"
    )
    source_contact_id: UUID | None = Field(
        None, description="the contact with the employer it came from (required when not published)"
    )

    def to_command(self) -> AddVacancy:
        return AddVacancy(**self.model_dump())


class VacancyOut(VacancyIn):
    vacancy_id: UUID
    open_positions: int
    created_at: datetime
    # An imported vacancy may not say these: null, never a guess.
    weekly_hours: Decimal | None  # type: ignore[assignment]
    daily_start: fields.LocalTime | None  # type: ignore[assignment]
    gross_monthly_pay: Euros | None  # type: ignore[assignment]
    refnr: str | None = Field(None, description="BA Jobsuche reference number of an imported vacancy")
    entry_date: date | None = Field(None, description="eintrittsdatum of an imported vacancy")


class ScoreComponentOut(BaseModel):
    name: Literal["occupation", "level", "commute", "hours"]
    value: float = Field(description="0 to 1")
    weight: float
    reason: str


class MatchOut(VacancyOut):
    score: float = Field(description="weighted sum of the components, 0 to 1; matches are listed best first")
    score_components: list[ScoreComponentOut]


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


class ExclusionCountOut(BaseModel):
    constraint: Literal["daily_start", "weekly_hours", "commute", "open_positions", "occupation", "level"]
    vacancies: int = Field(description="excluded vacancies that break it (one breaking two counts for both)")


class MatchesOut(BaseModel):
    client_id: UUID
    matches: list[MatchOut]
    excluded: list[ExcludedOut] = Field(description="one page of the excluded vacancies by id, with every reason")
    excluded_total: int
    excluded_by_constraint: list[ExclusionCountOut]


class ProposalIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    vacancy_id: UUID

    def to_command(self) -> MakeProposal:
        return MakeProposal(self.client_id, self.vacancy_id)


class ProposalOut(ProposalIn):
    proposal_id: UUID
    search_id: UUID
    status: ProposalStatus
    proposed_at: datetime
    proposed_by: str


class OutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: Literal["applied", "rejected", "accepted"]

    def to_command(self) -> RecordOutcome:
        return RecordOutcome(ProposalStatus(self.outcome))


class HireIn(BaseModel):
    """The employment contract of a hire."""

    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    employer_id: UUID
    start_date: fields.StaffDate
    weekly_hours: Annotated[Decimal, Field(gt=0, le=60, decimal_places=2)]
    gross_monthly_pay: Euros
    net_monthly_pay: Euros
    first_pay_date: fields.StaffDate
    subject_to_social_insurance: bool
    apprenticeship: bool = False
    vacancy_id: UUID | None = Field(None, description="the vacancy filled; one of its open positions is taken")
    proposal_id: UUID | None = Field(None, description="the proposal that led to the hire")
    employment_kind: EmploymentKind | None = Field(
        None,
        description="regular, minijob, self_employed, subsidised (§ 16i SGB II) or apprenticeship, as the § 48a"
        " statistics count integrations; default: as subject_to_social_insurance and apprenticeship say",
    )

    def to_command(self) -> RecordHire:
        return RecordHire(**self.model_dump())


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

    def to_command(self) -> ConfirmMonth:
        return ConfirmMonth(self.month, self.gross_pay, self.net_pay)


class ConfirmationOut(ConfirmationIn):
    check_id: UUID
    employment_id: UUID
    client_id: UUID
    status: CheckStatus
    confirmed_at: datetime


class EndIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    end_date: fields.StaffDate = Field(description="last day of the employment")
    reason: Text = Field(description="e.g. dismissal_in_probation, resignation, fixed_term_expired")

    def to_command(self) -> EndEmployment:
        return EndEmployment(self.end_date, self.reason)
