"""What placement officers and the journey ask of placement, as the use cases take it (the routes map HTTP
bodies to these)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from decimal import Decimal
from uuid import UUID

from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import EmploymentKind, ProposalStatus


@dataclass(frozen=True)
class AddEmployer:
    name: str
    office_id: str
    postcode: str
    partner_company: bool


@dataclass(frozen=True)
class AddVacancy:
    employer_id: UUID
    title: str
    occupation: str
    kind: VacancyKind
    weekly_hours: Decimal
    daily_start: time  # on the office's wall clock
    location_postcode: str
    positions: int
    gross_monthly_pay: Decimal
    subject_to_social_insurance: bool
    kldb_code: str | None = None  # KldB 2010 occupation type (Berufsgattung)
    # The hidden job market (#12): an opening an employer mentioned, visible only to its office's placement staff.
    published: bool = True
    source_contact_id: UUID | None = None


@dataclass(frozen=True)
class MakeProposal:
    client_id: UUID
    vacancy_id: UUID


@dataclass(frozen=True)
class RecordOutcome:
    outcome: ProposalStatus


@dataclass(frozen=True)
class RecordHire:
    """The employment contract of a hire."""

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
    employment_kind: EmploymentKind | None = None  # None: as the flags say (`model.kind_of_hire`)


@dataclass(frozen=True)
class EndEmployment:
    end_date: date
    reason: str


@dataclass(frozen=True)
class ConfirmMonth:
    """The employer's answer for a month: the pay that month (Zuflussprinzip, § 11 Abs. 2 SGB II)."""

    month: date
    gross_pay: Decimal
    net_pay: Decimal
