"""Coaching's use cases: one transaction each."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlmodel import col

from contracts.events import ClientRegisteredV1, ContactRecordedV1
from services.coaching.domain.model import CaseStatus, check_contact_time
from services.coaching.schemas import CaseOut, ContactIn, ContactOut
from services.coaching.tables import CaseRow, ContactRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, NotPermitted
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


async def open_case(tx: Transaction, event: ClientRegisteredV1) -> None:
    """A registered client gets a case in their office, waiting for a case manager."""
    tx.session.add(CaseRow(client_id=event.client_id, household_id=event.household_id,
                           office_id=event.office_id, status=CaseStatus.AWAITING_ASSIGNMENT,
                           opened_at=datetime.now(UTC)))


async def record_contact(tx: Transaction, client_id: UUID, body: ContactIn, by: StaffUser) -> ContactOut:
    case = await _case_for(tx, client_id, by)
    check_contact_time(body.occurred_at, datetime.now(UTC))
    contact = ContactRow(contact_id=new_id(), client_id=case.client_id, case_worker_id=by.staff_id,
                         channel=body.channel, occurred_at=body.occurred_at, note=body.note)
    tx.session.add(contact)
    await tx.publish(ContactRecordedV1(client_id=case.client_id, contact_id=contact.contact_id,
                                       case_worker_id=by.staff_id, channel=body.channel,
                                       occurred_at=body.occurred_at))
    return ContactOut(contact_id=contact.contact_id, client_id=case.client_id, case_worker_id=by.staff_id,
                      channel=body.channel, occurred_at=body.occurred_at)


async def case_view(tx: Transaction, client_id: UUID, by: StaffUser) -> CaseOut:
    case = await _case_for(tx, client_id, by)
    contacts = await tx.session.scalar(
        select(func.count()).select_from(ContactRow).where(col(ContactRow.client_id) == client_id))
    return CaseOut(client_id=case.client_id, household_id=case.household_id, office_id=case.office_id,
                   status=CaseStatus(case.status), case_worker_id=case.case_worker_id,
                   opened_at=case.opened_at, contacts=contacts or 0)


async def _case_for(tx: Transaction, client_id: UUID, by: StaffUser) -> CaseRow:
    case = await tx.session.get(CaseRow, client_id)
    if case is None:
        raise NotFound("case of client", client_id)
    if not by.may_act_for(case.office_id):
        raise NotPermitted(f"not authorised for office '{case.office_id}'")
    return case
