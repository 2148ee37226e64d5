"""An employer's contact persons, the history of contacts with it, follow-ups due and its partner status.

Every read and write checks that the caller acts for the employer's office (the routes admit placement staff
only): a contact person's details are social data of that person.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlmodel import col

from services.placement.domain.employer_relations import (
    AddContactPerson,
    RecordContact,
    SetPartnership,
    check_follow_up,
    check_partnership,
    check_reachable,
)
from services.placement.domain.relation_views import Contact, ContactPerson, Partnership
from services.placement.employer_tables import (
    ContactPersonRow,
    ContactRow,
    PartnershipRow,
    to_contact,
    to_contact_person,
    to_partnership,
)
from services.placement.tables import EmployerRow, audit
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.privacy.audit import Access, AccessAction, record, record_all
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.unit_of_work import Transaction

BERLIN = ZoneInfo("Europe/Berlin")  # business dates are the office's
SEALED_FIELD = "employer_contact_persons.sealed_details"


async def employer_for(tx: Transaction, employer_id: UUID, by: StaffUser, field: str | None = None) -> EmployerRow:
    """The employer, if the caller acts for its office; unknown: 404, or 422 naming `field` in a body."""
    row = await tx.session.get(EmployerRow, employer_id)
    if row is None:
        if field is not None:
            raise RuleViolation(field, "no such employer")
        raise NotFound("employer", employer_id)
    by.require_office(row.office_id)
    return row


def _access(by: StaffUser, row_id: UUID, office_id: str, purpose: str) -> Access:
    """The audit entry of a contact person's details; the person's id stands where a client's would."""
    return Access(by, row_id, office_id, SEALED_FIELD, purpose)


async def add_contact_person(
    tx: Transaction, employer_id: UUID, cmd: AddContactPerson, cipher: FieldCipher, by: StaffUser
) -> ContactPerson:
    check_reachable(cmd)
    employer = await employer_for(tx, employer_id, by)
    row_id, details = new_id(), asdict(cmd)
    row = ContactPersonRow(
        contact_person_id=row_id,
        employer_id=employer_id,
        sealed_details=cipher.seal_json(details, field_context(SEALED_FIELD, row_id)),
        created_at=datetime.now(UTC),
        created_by=by.staff_id,
    )
    tx.session.add(row)
    purpose = "POST /employers/{employer_id}/contact-persons"
    await record(tx.session, audit, _access(by, row_id, employer.office_id, purpose), AccessAction.WRITE)
    return to_contact_person(row, details)


async def list_contact_persons(
    tx: Transaction, employer_id: UUID, cipher: FieldCipher, by: StaffUser
) -> list[ContactPerson]:
    """By name; each person read is an audit entry."""
    employer = await employer_for(tx, employer_id, by)
    query = select(ContactPersonRow).where(col(ContactPersonRow.employer_id) == employer_id)
    rows = list(await tx.session.scalars(query.order_by(col(ContactPersonRow.contact_person_id))))
    purpose = "GET /employers/{employer_id}/contact-persons"
    accesses = [_access(by, r.contact_person_id, employer.office_id, purpose) for r in rows]
    await record_all(tx.session, audit, accesses, AccessAction.READ)
    people = [to_contact_person(r, _opened(cipher, r)) for r in rows]
    return sorted(people, key=lambda p: (p.name, p.contact_person_id))


def _opened(cipher: FieldCipher, row: ContactPersonRow) -> dict[str, str | None]:
    context = field_context(SEALED_FIELD, row.contact_person_id)
    details: dict[str, str | None] = cipher.open_json(row.sealed_details, context)
    return details


async def record_contact(tx: Transaction, employer_id: UUID, cmd: RecordContact, by: StaffUser) -> Contact:
    check_follow_up(cmd, datetime.now(BERLIN).date())
    employer = await employer_for(tx, employer_id, by)
    if cmd.contact_person_id is not None:
        person = await tx.session.get(ContactPersonRow, cmd.contact_person_id)
        if person is None or person.employer_id != employer_id:
            raise RuleViolation("contact_person_id", "no such contact person at this employer")
    row = ContactRow(
        contact_id=new_id(),
        employer_id=employer_id,
        office_id=employer.office_id,
        staff_id=by.staff_id,
        recorded_at=datetime.now(UTC),
        **asdict(cmd),
    )
    tx.session.add(row)
    return to_contact(row)


async def contact_of(tx: Transaction, employer_id: UUID, contact_id: UUID) -> ContactRow:
    """A contact of this employer (the source of an unpublished vacancy), else 422 naming `source_contact_id`."""
    row = await tx.session.get(ContactRow, contact_id)
    if row is None or row.employer_id != employer_id:
        raise RuleViolation("source_contact_id", "no such contact with this employer")
    return row


async def list_contacts(tx: Transaction, employer_id: UUID, by: StaffUser) -> list[Contact]:
    """Newest first."""
    await employer_for(tx, employer_id, by)
    query = select(ContactRow).where(col(ContactRow.employer_id) == employer_id)
    rows = await tx.session.scalars(
        query.order_by(col(ContactRow.contact_on).desc(), col(ContactRow.recorded_at).desc())
    )
    return [to_contact(r) for r in rows]


async def follow_ups_due(tx: Transaction, office_id: str, due_by: date, by: StaffUser, limit: int) -> list[Contact]:
    """The office's worklist: contacts whose follow-up falls on or before `due_by`, soonest first."""
    by.require_office(office_id)
    query = (
        select(ContactRow)
        .where(col(ContactRow.office_id) == office_id, col(ContactRow.follow_up_on) <= due_by)
        .order_by(col(ContactRow.follow_up_on), col(ContactRow.contact_id))
        .limit(limit)
    )
    return [to_contact(r) for r in await tx.session.scalars(query)]


async def set_partnership(tx: Transaction, employer_id: UUID, cmd: SetPartnership, by: StaffUser) -> Partnership:
    """One partnership per (employer, programme): setting it again changes its dates."""
    check_partnership(cmd)
    employer = await employer_for(tx, employer_id, by)
    query = select(PartnershipRow).where(
        col(PartnershipRow.employer_id) == employer_id, col(PartnershipRow.program_id) == cmd.program_id
    )
    now = datetime.now(UTC)
    row = (await tx.session.scalars(query.with_for_update())).first() or PartnershipRow(
        partnership_id=new_id(),
        employer_id=employer_id,
        program_id=cmd.program_id,
        since=cmd.since,
        updated_at=now,
        updated_by=by.staff_id,
    )
    row.since, row.until = cmd.since, cmd.until
    row.updated_at, row.updated_by = now, by.staff_id
    employer.partner_company = True  # the flag matching and the simulator read
    tx.session.add_all([row, employer])
    return to_partnership(row)


async def list_partnerships(tx: Transaction, employer_id: UUID, by: StaffUser) -> list[Partnership]:
    await employer_for(tx, employer_id, by)
    query = select(PartnershipRow).where(col(PartnershipRow.employer_id) == employer_id)
    return [to_partnership(r) for r in await tx.session.scalars(query.order_by(col(PartnershipRow.since)))]
