"""Placement's tables (its own database) and their mapping to the domain. Moments are `UtcDateTime` columns."""

from __future__ import annotations

from dataclasses import asdict, replace
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import JSON, Column, ForeignKey, Numeric, Row, UniqueConstraint, Uuid
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel, col

from services.placement.domain.employment import CheckStatus
from services.placement.domain.matching import Candidate, Opening, VacancyKind
from services.placement.domain.model import HiredInto, ProposalFacts, ProposalStatus, SearchStatus
from services.placement.domain.profiles import Language, Qualification, SetProfile, Youth
from services.placement.domain.travel import CommuteMode
from services.placement.domain.views import Check, Confirmation, Employer, Employment, Proposal, Search, Vacancy
from services.platform.columns import moment_field
from services.platform.plumbing_tables import add_plumbing_tables
from services.platform.privacy.audit import add_audit_table
from services.platform.privacy.person_keys import add_person_key_tables


class PlacementTable(SQLModel, registry=registry()):
    pass


def _money(nullable: bool = False) -> Any:
    return Field(default=None, sa_column=Column(Numeric(12, 2), nullable=nullable))


def _reference(column: str, target: str) -> Any:
    """A nullable foreign key with a name (SQLite batch migrations need named constraints)."""
    table = target.split(".")[0]
    return Field(
        default=None, sa_column=Column(Uuid, ForeignKey(target, name=f"fk_employments_{column}_{table}"), nullable=True)
    )


class EmployerRow(PlacementTable, table=True):
    __tablename__ = "employers"

    employer_id: UUID = Field(primary_key=True)
    name: str = Field(max_length=200)
    office_id: str = Field(index=True, max_length=50)
    postcode: str = Field(max_length=5)
    partner_company: bool = False
    created_at: datetime = moment_field()


class ClientProfileRow(PlacementTable, table=True):
    """What placement learned of a client from `client_registered.v1`: office and availability, no names."""

    __tablename__ = "client_profiles"

    client_id: UUID = Field(primary_key=True)
    household_id: UUID
    office_id: str = Field(index=True, max_length=50)
    target_groups: list[str] = Field(sa_column=Column(JSON, nullable=False))
    earliest_daily_start: time | None = None
    max_weekly_hours: int | None = None
    max_commute_minutes: int | None = None
    registered_at: datetime = moment_field()


class JobSearchRow(PlacementTable, table=True):
    __tablename__ = "job_searches"

    search_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    status: str = Field(max_length=20)
    case_worker_id: str = Field(max_length=100)
    opened_at: datetime = moment_field()
    closed_at: datetime | None = moment_field(nullable=True)
    closed_reason: str | None = Field(default=None, max_length=100)


class VacancyRow(PlacementTable, table=True):
    __tablename__ = "vacancies"

    vacancy_id: UUID = Field(primary_key=True)
    employer_id: UUID = Field(foreign_key="employers.employer_id", index=True)
    title: str = Field(max_length=200)
    occupation: str = Field(max_length=100)
    kind: str = Field(max_length=20)
    # Unknown (None) for an imported vacancy whose publication does not say: matching never guesses them.
    weekly_hours: Decimal | None = Field(default=None, sa_column=Column(Numeric(5, 2), nullable=True))
    daily_start: time | None = None
    location_postcode: str = Field(max_length=5)
    positions: int
    open_positions: int
    gross_monthly_pay: Decimal | None = _money(nullable=True)
    subject_to_social_insurance: bool
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)
    kldb_code: str | None = Field(default=None, max_length=5, index=True)
    # The BA Jobsuche reference number of an imported vacancy: a re-import updates the row it names.
    refnr: str | None = Field(default=None, max_length=50, unique=True, index=True)
    entry_date: date | None = None  # eintrittsdatum of an imported vacancy
    # The hidden job market: unpublished openings are read only by the employer's office (`employer_tables`).
    published: bool = Field(default=True, index=True)
    source_contact_id: UUID | None = None


class PlacementProfileRow(PlacementTable, table=True):
    """What a placement officer records of a client for matching (personal data: office-scoped reads)."""

    __tablename__ = "placement_profiles"

    client_id: UUID = Field(primary_key=True)
    target_occupations: list[str] = Field(sa_column=Column(JSON, nullable=False))
    qualifications: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    driving_licences: list[str] = Field(sa_column=Column(JSON, nullable=False))
    languages: list[dict[str, Any]] = Field(sa_column=Column(JSON, nullable=False))
    residence_postcode: str | None = Field(default=None, max_length=5)
    commute_mode: str = Field(max_length=20)
    max_commute_minutes: int | None = None
    apprenticeship_seeker: bool = Field(default=False, index=True)
    birth_date: date | None = None
    school_year: int | None = None
    expected_leaving_date: date | None = None
    seeking_since: date | None = None
    updated_at: datetime = moment_field()
    updated_by: str = Field(max_length=100)


class ProposalRow(PlacementTable, table=True):
    __tablename__ = "proposals"

    proposal_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    vacancy_id: UUID = Field(foreign_key="vacancies.vacancy_id", index=True)
    search_id: UUID = Field(foreign_key="job_searches.search_id")
    status: str = Field(max_length=20)
    proposed_at: datetime = moment_field()
    proposed_by: str = Field(max_length=100)
    updated_at: datetime = moment_field()


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
    # model.EmploymentKind as given or derived at the hire; None for rows from before placement 0003.
    employment_kind: str | None = Field(default=None, max_length=20)
    recorded_by: str = Field(max_length=100)
    vacancy_id: UUID | None = _reference("vacancy_id", "vacancies.vacancy_id")
    proposal_id: UUID | None = _reference("proposal_id", "proposals.proposal_id")
    end_date: date | None = None
    end_reason: str | None = Field(default=None, max_length=200)
    ended_at: datetime | None = moment_field(nullable=True)


class ClientMergeRow(PlacementTable, table=True):
    """What a merge of a duplicate (intake client_merged) moved to the kept client: ids only, append-only."""

    __tablename__ = "client_merges"

    client_id: UUID = Field(primary_key=True)  # the merged-away duplicate
    merged_into: UUID = Field(index=True)
    merged_at: datetime = moment_field()
    moved: dict[str, Any] = Field(sa_column=Column(JSON, nullable=False))  # table → ids moved, profile outcome
    recorded_at: datetime = moment_field()


class ContinuationCheckRow(PlacementTable, table=True):
    """One per (employment, month): open until confirmed by the employer's figures or ended."""

    __tablename__ = "continuation_checks"
    __table_args__ = (UniqueConstraint("employment_id", "month", name="uq_continuation_checks_employment_month"),)

    check_id: UUID = Field(primary_key=True)
    employment_id: UUID = Field(foreign_key="employments.employment_id", index=True)
    month: date
    status: str = Field(max_length=20, index=True)
    created_at: datetime = moment_field()
    gross_pay: Decimal | None = _money(nullable=True)
    net_pay: Decimal | None = _money(nullable=True)
    confirmed_at: datetime | None = moment_field(nullable=True)
    confirmed_by: str | None = Field(default=None, max_length=100)


class ProposalStepRow(PlacementTable, table=True):
    """One step of a proposal's pipeline (domain/pipeline.py), in the order recorded; the note is for staff only."""

    __tablename__ = "proposal_steps"

    step_id: UUID = Field(primary_key=True)
    proposal_id: UUID = Field(foreign_key="proposals.proposal_id", index=True)
    step: str = Field(max_length=30)
    on_date: date
    interview_outcome: str | None = Field(default=None, max_length=20)
    closed_as: str | None = Field(default=None, max_length=20)
    reason: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, max_length=500)
    recorded_at: datetime = moment_field()
    recorded_by: str = Field(max_length=100)


class AftercareRecordRow(PlacementTable, table=True):
    """After a hire: the employer's feedback or a staff warning that the job is at risk (domain/aftercare.py)."""

    __tablename__ = "aftercare_records"

    record_id: UUID = Field(primary_key=True)
    employment_id: UUID = Field(foreign_key="employments.employment_id", index=True)
    kind: str = Field(max_length=20)
    on_date: date
    rating: str | None = Field(default=None, max_length=20)
    reason: str | None = Field(default=None, max_length=40)
    note: str | None = Field(default=None, max_length=500)
    recorded_at: datetime = moment_field()
    recorded_by: str = Field(max_length=100)


def to_candidate(row: ClientProfileRow, profile: PlacementProfileRow | None = None) -> Candidate:
    """The registration's availability, with the placement profile's occupations, residence and own limit."""
    candidate = Candidate(
        client_id=row.client_id,
        office_id=row.office_id,
        earliest_daily_start=row.earliest_daily_start,
        max_weekly_hours=row.max_weekly_hours,
        max_commute_minutes=row.max_commute_minutes,
        target_groups=frozenset(row.target_groups),
    )
    if profile is None:
        return candidate
    return replace(
        candidate,
        max_commute_minutes=profile.max_commute_minutes or row.max_commute_minutes,
        target_occupations=tuple(profile.target_occupations),
        qualifications=tuple(q["occupation"] for q in profile.qualifications),
        residence_postcode=profile.residence_postcode,
        commute_mode=CommuteMode(profile.commute_mode),
    )


def to_profile_row(client_id: UUID, cmd: SetProfile, at: datetime, by: str) -> PlacementProfileRow:
    youth = cmd.apprenticeship
    return PlacementProfileRow(
        client_id=client_id,
        target_occupations=list(cmd.target_occupations),
        qualifications=[asdict(q) for q in cmd.qualifications],
        driving_licences=sorted(cmd.driving_licences),
        languages=[asdict(lang) for lang in cmd.languages],
        residence_postcode=cmd.residence_postcode,
        commute_mode=cmd.commute_mode,
        max_commute_minutes=cmd.max_commute_minutes,
        apprenticeship_seeker=youth is not None,
        birth_date=youth.birth_date if youth else None,
        school_year=youth.school_year if youth else None,
        expected_leaving_date=youth.expected_leaving_date if youth else None,
        seeking_since=youth.seeking_since if youth else None,
        updated_at=at,
        updated_by=by,
    )


def to_set_profile(row: PlacementProfileRow) -> SetProfile:
    youth = None
    if row.apprenticeship_seeker and row.birth_date is not None and row.seeking_since is not None:
        youth = Youth(row.birth_date, row.school_year, row.expected_leaving_date, row.seeking_since)
    return SetProfile(
        target_occupations=tuple(row.target_occupations),
        qualifications=tuple(Qualification(**q) for q in row.qualifications),
        driving_licences=frozenset(row.driving_licences),
        languages=tuple(Language(**lang) for lang in row.languages),
        residence_postcode=row.residence_postcode,
        commute_mode=CommuteMode(row.commute_mode),
        max_commute_minutes=row.max_commute_minutes,
        apprenticeship=youth,
    )


def to_opening(row: VacancyRow | Row[Any]) -> Opening:
    """From an entity or a row of all the table's columns (matching loads its candidates so)."""
    return Opening(
        vacancy_id=row.vacancy_id,
        kind=VacancyKind(row.kind),
        weekly_hours=row.weekly_hours,
        daily_start=row.daily_start,
        postcode=row.location_postcode,
        open_positions=row.open_positions,
        kldb_code=row.kldb_code,
    )


OPENING_COLUMNS = (
    col(VacancyRow.vacancy_id),
    col(VacancyRow.kind),
    col(VacancyRow.weekly_hours),
    col(VacancyRow.daily_start),
    col(VacancyRow.location_postcode),
    col(VacancyRow.open_positions),
    col(VacancyRow.kldb_code),
)


def opening_of(row: Any) -> Opening:
    """An opening from a row of `OPENING_COLUMNS`."""
    vacancy_id, kind, hours, start, postcode, open_positions, kldb_code = row
    return Opening(vacancy_id, VacancyKind(kind), hours, start, postcode, open_positions, kldb_code)


def to_hired_into(row: VacancyRow) -> HiredInto:
    return HiredInto(employer_id=row.employer_id, kind=VacancyKind(row.kind), open_positions=row.open_positions)


def to_proposal_facts(row: ProposalRow) -> ProposalFacts:
    return ProposalFacts(client_id=row.client_id, vacancy_id=row.vacancy_id, status=ProposalStatus(row.status))


def to_employer(row: EmployerRow) -> Employer:
    return Employer(
        employer_id=row.employer_id,
        name=row.name,
        office_id=row.office_id,
        postcode=row.postcode,
        partner_company=row.partner_company,
    )


def to_vacancy(row: VacancyRow | Row[Any]) -> Vacancy:
    return Vacancy(
        vacancy_id=row.vacancy_id,
        employer_id=row.employer_id,
        title=row.title,
        occupation=row.occupation,
        kind=VacancyKind(row.kind),
        weekly_hours=row.weekly_hours,
        daily_start=row.daily_start,
        location_postcode=row.location_postcode,
        positions=row.positions,
        open_positions=row.open_positions,
        gross_monthly_pay=row.gross_monthly_pay,
        subject_to_social_insurance=row.subject_to_social_insurance,
        created_at=row.created_at,
        kldb_code=row.kldb_code,
        refnr=row.refnr,
        entry_date=row.entry_date,
        published=row.published,
        source_contact_id=row.source_contact_id,
    )


def to_search(row: JobSearchRow, office_id: str | None) -> Search:
    return Search(
        search_id=row.search_id,
        client_id=row.client_id,
        status=SearchStatus(row.status),
        office_id=office_id,
        opened_at=row.opened_at,
        closed_at=row.closed_at,
        closed_reason=row.closed_reason,
    )


def to_proposal(row: ProposalRow) -> Proposal:
    return Proposal(
        proposal_id=row.proposal_id,
        client_id=row.client_id,
        vacancy_id=row.vacancy_id,
        search_id=row.search_id,
        status=ProposalStatus(row.status),
        proposed_at=row.proposed_at,
        proposed_by=row.proposed_by,
    )


def to_employment(row: EmploymentRow, office_id: str | None) -> Employment:
    return Employment(
        employment_id=row.employment_id,
        client_id=row.client_id,
        employer_id=row.employer_id,
        start_date=row.start_date,
        weekly_hours=row.weekly_hours,
        gross_monthly_pay=row.gross_monthly_pay,
        net_monthly_pay=row.net_monthly_pay,
        first_pay_date=row.first_pay_date,
        subject_to_social_insurance=row.subject_to_social_insurance,
        apprenticeship=row.apprenticeship,
        vacancy_id=row.vacancy_id,
        proposal_id=row.proposal_id,
        status="ended" if row.end_date else "active",
        employment_kind=row.employment_kind,
        office_id=office_id,
        end_date=row.end_date,
        end_reason=row.end_reason,
    )


def to_check(row: ContinuationCheckRow, client_id: UUID, office_id: str | None) -> Check:
    return Check(
        check_id=row.check_id,
        employment_id=row.employment_id,
        client_id=client_id,
        month=row.month,
        status=CheckStatus(row.status),
        office_id=office_id,
    )


def to_confirmation(row: ContinuationCheckRow, client_id: UUID) -> Confirmation:
    assert row.gross_pay is not None and row.net_pay is not None and row.confirmed_at is not None
    return Confirmation(
        check_id=row.check_id,
        employment_id=row.employment_id,
        client_id=client_id,
        month=row.month,
        gross_pay=row.gross_pay,
        net_pay=row.net_pay,
        status=CheckStatus(row.status),
        confirmed_at=row.confirmed_at,
    )


metadata = PlacementTable.metadata
plumbing = add_plumbing_tables(metadata)
audit = add_audit_table(metadata)  # here for the exports of the right of access (`person_data.py`)
person_keys = add_person_key_tables(metadata)
