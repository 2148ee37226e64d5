"""An employer's relations with the Jobcenter: contact persons, the history of contacts, partner status in a
programme, and the hidden job market (openings an employer mentioned, filled through contacts). No I/O here.

A contact person's name, role, phone and e-mail are social data of that person (§ 67 SGB X): placement staff of
the employer's office read them, nobody else.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from uuid import UUID

from services.platform.errors import RuleViolation


class ContactKind(StrEnum):
    CALL = "call"
    VISIT = "visit"
    EMAIL = "email"
    MEETING = "meeting"


@dataclass(frozen=True)
class AddContactPerson:
    name: str
    role: str | None
    phone: str | None
    email: str | None


@dataclass(frozen=True)
class RecordContact:
    contact_on: date
    kind: ContactKind
    note: str
    contact_person_id: UUID | None = None
    follow_up_on: date | None = None


@dataclass(frozen=True)
class SetPartnership:
    program_id: str
    since: date
    until: date | None = None


def check_reachable(person: AddContactPerson) -> None:
    """A contact person nobody can reach is no contact."""
    if person.phone is None and person.email is None:
        raise RuleViolation("phone", "a phone number or an e-mail address is needed")


def check_follow_up(contact: RecordContact, today: date) -> None:
    if contact.contact_on > today:
        raise RuleViolation("contact_on", "lies in the future: record a contact once it took place")
    if contact.follow_up_on is not None and contact.follow_up_on <= contact.contact_on:
        raise RuleViolation("follow_up_on", "must lie after the contact")


def check_partnership(partnership: SetPartnership) -> None:
    if partnership.until is not None and partnership.until < partnership.since:
        raise RuleViolation("until", "lies before since")


def partner_on(since: date, until: date | None, day: date) -> bool:
    return since <= day and (until is None or day <= until)


def check_unpublished(published: bool, source_contact_id: UUID | None) -> None:
    """An unpublished vacancy is known only through a contact: it names the contact it came from."""
    if not published and source_contact_id is None:
        raise RuleViolation("source_contact_id", "an unpublished vacancy names the contact it came from")
