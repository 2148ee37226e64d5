"""The tables of an employer's relations (#12): contact persons, contacts, partnerships, company visits and their
guests, internships. Same registry as `tables`; the mapping to the domain's views is here too."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from sqlalchemy import Column, Text, UniqueConstraint
from sqlmodel import Field

from services.placement.domain.employer_relations import ContactKind
from services.placement.domain.internships import Attendance, InternshipKind, InternshipOutcome
from services.placement.domain.relation_views import (
    CompanyVisit,
    Contact,
    ContactPerson,
    Guest,
    Internship,
    Partnership,
)
from services.placement.tables import PlacementTable
from services.platform.columns import moment_field

EMPLOYER_FK = "employers.employer_id"


class ContactPersonRow(PlacementTable, table=True):
    """Social data of the contact person, sealed at rest (name, role, phone, e-mail as one JSON object bound to
    the row's id): read by placement staff of the employer's office only, every read audited."""

    __tablename__ = "employer_contact_persons"

    contact_person_id: UUID = Field(primary_key=True)
    employer_id: UUID = Field(foreign_key=EMPLOYER_FK, index=True)
    sealed_details: str = Field(sa_column=Column(Text, nullable=False))
    created_at: datetime = moment_field()
    created_by: str = Field(max_length=100)


class ContactRow(PlacementTable, table=True):
    """One entry of the history of contacts with an employer; `follow_up_on` puts it on the office's worklist."""

    __tablename__ = "employer_contacts"

    contact_id: UUID = Field(primary_key=True)
    employer_id: UUID = Field(foreign_key=EMPLOYER_FK, index=True)
    office_id: str = Field(index=True, max_length=50)
    contact_on: date
    kind: str = Field(max_length=20)
    note: str = Field(max_length=2000)
    staff_id: str = Field(max_length=100)
    contact_person_id: UUID | None = Field(default=None, foreign_key="employer_contact_persons.contact_person_id")
    follow_up_on: date | None = Field(default=None, index=True)
    recorded_at: datetime = moment_field()


class PartnershipRow(PlacementTable, table=True):
    __tablename__ = "employer_partnerships"
    __table_args__ = (UniqueConstraint("employer_id", "program_id", name="uq_employer_partnerships_programme"),)

    partnership_id: UUID = Field(primary_key=True)
    employer_id: UUID = Field(foreign_key=EMPLOYER_FK, index=True)
    program_id: str = Field(max_length=50)
    since: date
    until: date | None = None
    updated_at: datetime = moment_field()
    updated_by: str = Field(max_length=100)


class CompanyVisitRow(PlacementTable, table=True):
    __tablename__ = "company_visits"

    visit_id: UUID = Field(primary_key=True)
    employer_id: UUID = Field(foreign_key=EMPLOYER_FK, index=True)
    office_id: str = Field(index=True, max_length=50)
    program_id: str = Field(max_length=50)
    visit_on: date
    scheduled_at: datetime = moment_field()
    scheduled_by: str = Field(max_length=100)


class VisitGuestRow(PlacementTable, table=True):
    __tablename__ = "company_visit_guests"

    visit_id: UUID = Field(foreign_key="company_visits.visit_id", primary_key=True)
    client_id: UUID = Field(primary_key=True, index=True)
    attendance: str = Field(max_length=20)


class InternshipRow(PlacementTable, table=True):
    __tablename__ = "internships"

    internship_id: UUID = Field(primary_key=True)
    client_id: UUID = Field(index=True)
    employer_id: UUID = Field(foreign_key=EMPLOYER_FK, index=True)
    office_id: str = Field(index=True, max_length=50)
    program_id: str = Field(max_length=50)
    kind: str = Field(max_length=20)
    starts_on: date
    ends_on: date
    outcome: str | None = Field(default=None, max_length=20)
    outcome_on: date | None = None
    arranged_at: datetime = moment_field()
    arranged_by: str = Field(max_length=100)


def to_contact_person(row: ContactPersonRow, details: dict[str, str | None]) -> ContactPerson:
    return ContactPerson(
        row.contact_person_id,
        row.employer_id,
        str(details["name"]),
        details["role"],
        details["phone"],
        details["email"],
    )


def to_contact(row: ContactRow) -> Contact:
    return Contact(
        contact_id=row.contact_id,
        employer_id=row.employer_id,
        office_id=row.office_id,
        contact_on=row.contact_on,
        kind=ContactKind(row.kind),
        note=row.note,
        staff_id=row.staff_id,
        contact_person_id=row.contact_person_id,
        follow_up_on=row.follow_up_on,
    )


def to_partnership(row: PartnershipRow) -> Partnership:
    return Partnership(row.employer_id, row.program_id, row.since, row.until)


def to_visit(row: CompanyVisitRow, guests: list[VisitGuestRow]) -> CompanyVisit:
    return CompanyVisit(
        visit_id=row.visit_id,
        employer_id=row.employer_id,
        office_id=row.office_id,
        program_id=row.program_id,
        visit_on=row.visit_on,
        guests=tuple(Guest(g.client_id, Attendance(g.attendance)) for g in sorted(guests, key=lambda g: g.client_id)),
    )


def to_internship(row: InternshipRow) -> Internship:
    return Internship(
        internship_id=row.internship_id,
        client_id=row.client_id,
        employer_id=row.employer_id,
        office_id=row.office_id,
        program_id=row.program_id,
        kind=InternshipKind(row.kind),
        starts_on=row.starts_on,
        ends_on=row.ends_on,
        outcome=InternshipOutcome(row.outcome) if row.outcome else None,
        outcome_on=row.outcome_on,
    )
