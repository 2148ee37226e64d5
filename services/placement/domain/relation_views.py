"""What the use cases of an employer's relations hand back. No I/O here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.placement.domain.employer_relations import ContactKind
from services.placement.domain.internships import Attendance, InternshipKind, InternshipOutcome


@dataclass(frozen=True)
class ContactPerson:
    contact_person_id: UUID
    employer_id: UUID
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class Contact:
    contact_id: UUID
    employer_id: UUID
    office_id: str
    contact_on: date
    kind: ContactKind
    note: str
    staff_id: str
    contact_person_id: UUID | None
    follow_up_on: date | None


@dataclass(frozen=True)
class Partnership:
    employer_id: UUID
    program_id: str
    since: date
    until: date | None


@dataclass(frozen=True)
class Guest:
    client_id: UUID
    attendance: Attendance


@dataclass(frozen=True)
class CompanyVisit:
    visit_id: UUID
    employer_id: UUID
    office_id: str
    program_id: str
    visit_on: date
    guests: tuple[Guest, ...]


@dataclass(frozen=True)
class Internship:
    internship_id: UUID
    client_id: UUID
    employer_id: UUID
    office_id: str
    program_id: str
    kind: InternshipKind
    starts_on: date
    ends_on: date
    outcome: InternshipOutcome | None
    outcome_on: date | None
