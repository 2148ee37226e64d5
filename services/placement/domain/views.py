"""What placement's use cases hand back: employers, vacancies, searches, proposals, employments, checks. No I/O."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from typing import Literal
from uuid import UUID

from services.placement.domain.employment import CheckStatus
from services.placement.domain.matching import Exclusion, VacancyKind
from services.placement.domain.model import ProposalStatus, SearchStatus
from services.placement.domain.profiles import SetProfile
from services.placement.domain.scoring import Component


@dataclass(frozen=True)
class Employer:
    employer_id: UUID
    name: str
    office_id: str
    postcode: str
    partner_company: bool


@dataclass(frozen=True)
class Vacancy:
    vacancy_id: UUID
    employer_id: UUID
    title: str
    occupation: str
    kind: VacancyKind
    weekly_hours: Decimal | None  # None: an imported vacancy that does not say
    daily_start: time | None
    location_postcode: str
    positions: int
    open_positions: int
    gross_monthly_pay: Decimal | None
    subject_to_social_insurance: bool
    created_at: datetime
    kldb_code: str | None = None  # KldB 2010
    refnr: str | None = None  # BA Jobsuche reference number of an imported vacancy
    entry_date: date | None = None
    published: bool = True
    source_contact_id: UUID | None = None


@dataclass(frozen=True)
class Search:
    search_id: UUID
    client_id: UUID
    status: SearchStatus
    office_id: str | None  # None until the client's registration reached placement
    opened_at: datetime
    closed_at: datetime | None
    closed_reason: str | None


@dataclass(frozen=True)
class MatchedVacancy(Vacancy):
    score: float = 0.0
    score_components: tuple[Component, ...] = ()


@dataclass(frozen=True)
class ExclusionCount:
    constraint: str  # matching.CONSTRAINT_NAMES
    vacancies: int


@dataclass(frozen=True)
class Matches:
    client_id: UUID
    matches: list[MatchedVacancy]  # best first
    excluded: list[Exclusion]  # one page, by vacancy id
    excluded_total: int = 0
    excluded_by_constraint: list[ExclusionCount] = field(default_factory=list)


@dataclass(frozen=True)
class Profile:
    client_id: UUID
    office_id: str
    profile: SetProfile
    updated_at: datetime


@dataclass(frozen=True)
class Proposal:
    proposal_id: UUID
    client_id: UUID
    vacancy_id: UUID
    search_id: UUID
    status: ProposalStatus
    proposed_at: datetime
    proposed_by: str


@dataclass(frozen=True)
class Employment:
    employment_id: UUID
    client_id: UUID
    employer_id: UUID
    start_date: date
    weekly_hours: Decimal
    gross_monthly_pay: Decimal
    net_monthly_pay: Decimal
    first_pay_date: date
    subject_to_social_insurance: bool
    apprenticeship: bool
    vacancy_id: UUID | None
    proposal_id: UUID | None
    status: Literal["active", "ended"]
    employment_kind: str | None  # model.EmploymentKind; None for hires recorded before it was
    office_id: str | None  # the client's office, once known to placement
    end_date: date | None
    end_reason: str | None


@dataclass(frozen=True)
class Check:
    check_id: UUID
    employment_id: UUID
    client_id: UUID
    month: date
    status: CheckStatus
    office_id: str | None


@dataclass(frozen=True)
class Confirmation:
    check_id: UUID
    employment_id: UUID
    client_id: UUID
    month: date
    gross_pay: Decimal
    net_pay: Decimal
    status: CheckStatus
    confirmed_at: datetime
