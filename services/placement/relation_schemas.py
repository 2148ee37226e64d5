"""HTTP bodies of an employer's relations (#12): contact persons, contacts, partnerships, visits, internships."""

from __future__ import annotations

from datetime import date
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.placement.domain.employer_relations import AddContactPerson, ContactKind, RecordContact, SetPartnership
from services.placement.domain.internships import (
    ArrangeInternship,
    Attendance,
    EndInternship,
    InternshipKind,
    InternshipOutcome,
    ScheduleVisit,
)
from services.placement.schemas import ShortText, Text
from services.platform.http import fields

ProgramId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,49}$"), Field(description="programme id")]
Phone = Annotated[str, StringConstraints(strip_whitespace=True, pattern=r"^\+?[0-9][0-9 /()-]{4,30}$")]
Email = Annotated[str, StringConstraints(strip_whitespace=True, max_length=200, pattern=r"^[^@\s]+@[^@\s]+\.[^@\s]+$")]
Note = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000), fields.MULTILINE]


class ContactPersonIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    name: Text
    role: ShortText | None = Field(None, description="e.g. Personalleitung")
    phone: Phone | None = None
    email: Email | None = None

    def to_command(self) -> AddContactPerson:
        return AddContactPerson(self.name, self.role, self.phone, self.email)


class ContactPersonOut(ContactPersonIn):
    contact_person_id: UUID
    employer_id: UUID


class ContactIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    contact_on: fields.StaffDate
    kind: ContactKind
    note: Note
    contact_person_id: UUID | None = None
    follow_up_on: fields.StaffDate | None = Field(None, description="puts the contact on the office's follow-ups")

    def to_command(self) -> RecordContact:
        return RecordContact(self.contact_on, self.kind, self.note, self.contact_person_id, self.follow_up_on)


class ContactOut(ContactIn):
    contact_id: UUID
    employer_id: UUID
    office_id: str
    staff_id: str


class PartnershipIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    since: fields.StaffDate
    until: fields.StaffDate | None = None


class PartnershipOut(PartnershipIn):
    employer_id: UUID
    program_id: str


def partnership_command(program_id: str, body: PartnershipIn) -> SetPartnership:
    return SetPartnership(program_id, body.since, body.until)


class VisitIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    employer_id: UUID
    program_id: ProgramId
    visit_on: fields.StaffDate
    client_ids: Annotated[list[UUID], Field(max_length=30, description="the group, at most 30 clients")]

    def to_command(self) -> ScheduleVisit:
        return ScheduleVisit(self.employer_id, self.program_id, self.visit_on, tuple(self.client_ids))


class GuestOut(BaseModel):
    client_id: UUID
    attendance: Attendance


class VisitOut(BaseModel):
    visit_id: UUID
    employer_id: UUID
    office_id: str
    program_id: str
    visit_on: date
    guests: list[GuestOut]


class AttendanceIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    attendance: Annotated[Attendance, Field(description="attended or absent")]


class InternshipIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    client_id: UUID
    employer_id: UUID
    program_id: ProgramId
    kind: InternshipKind = InternshipKind.INTERNSHIP
    starts_on: fields.StaffDate
    ends_on: fields.StaffDate = Field(description="last day; at most six weeks after the start (§ 45 Abs. 2 SGB III)")

    def to_command(self) -> ArrangeInternship:
        return ArrangeInternship(**self.model_dump())


class InternshipOutcomeIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    outcome: InternshipOutcome
    outcome_on: fields.StaffDate

    def to_command(self) -> EndInternship:
        return EndInternship(self.outcome, self.outcome_on)


class InternshipOut(InternshipIn):
    internship_id: UUID
    office_id: str
    outcome: InternshipOutcome | None = None
    outcome_on: date | None = None
