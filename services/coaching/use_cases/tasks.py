"""What staff record on a case: contacts, appointments, tasks (the plan: `plans`). One transaction each."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ContactChannel, ContactRecordedV1
from services.coaching import store
from services.coaching.domain.model import CaseStatus, TaskStatus, check_completable, check_not_closed
from services.coaching.reference import Reference
from services.coaching.schemas import (
    AppointmentIn,
    AppointmentOut,
    ContactIn,
    ContactOut,
    TaskIn,
    TaskOut,
    TaskPage,
)
from services.coaching.tables import AppointmentRow, CaseRow, ContactRow, TaskRow, utc
from services.coaching.use_cases import appointment_out
from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


def _check_in_person(case: CaseRow, ref: Reference, field: str, at: datetime, minutes: int,
                     channel: ContactChannel, location_id: str | None) -> None:
    """In-person business happens inside the office's opening hours (or a consultation day's)."""
    if channel != ContactChannel.IN_PERSON:
        if location_id is not None:
            raise RuleViolation("location_id", "only in-person meetings take place at a location")
        return
    office = ref.offices.get(case.office_id)
    if office is not None:
        office.check_in_person(field, at, minutes, location_id)


async def record_contact(tx: Transaction, client_id: UUID, body: ContactIn, ref: Reference,
                         by: StaffUser) -> ContactOut:
    """Business dates come from the caller and may lie in the past or on a simulated calendar."""
    case = await store.case_for(tx.session, client_id, by)
    check_not_closed(CaseStatus(case.status))
    _check_in_person(case, ref, "occurred_at", body.occurred_at, 0, body.channel, body.location_id)
    contact = ContactRow(contact_id=new_id(), client_id=case.client_id, case_worker_id=by.staff_id,
                         channel=body.channel, occurred_at=utc(body.occurred_at), note=body.note)
    tx.session.add(contact)
    await tx.publish(ContactRecordedV1(client_id=case.client_id, contact_id=contact.contact_id,
                                       case_worker_id=by.staff_id, channel=body.channel,
                                       occurred_at=body.occurred_at))
    return ContactOut(contact_id=contact.contact_id, client_id=case.client_id, case_worker_id=by.staff_id,
                      channel=body.channel, occurred_at=utc(body.occurred_at))


async def book_appointment(tx: Transaction, client_id: UUID, body: AppointmentIn, ref: Reference,
                           by: StaffUser) -> AppointmentOut:
    case = await store.case_for(tx.session, client_id, by)
    check_not_closed(CaseStatus(case.status))
    _check_in_person(case, ref, "starts_at", body.starts_at, body.duration_minutes, body.channel,
                     body.location_id)
    row = AppointmentRow(appointment_id=new_id(), client_id=client_id, staff_id=by.staff_id,
                         starts_at=utc(body.starts_at), duration_minutes=body.duration_minutes,
                         channel=body.channel, location_id=body.location_id, booked_at=datetime.now(UTC))
    tx.session.add(row)
    return appointment_out(row, case.office_id)


async def raise_task(tx: Transaction, client_id: UUID, body: TaskIn, by: StaffUser) -> TaskOut:
    """A task for the case's case manager, e.g. raised by the journey when a contact is overdue."""
    case = await store.case_for(tx.session, client_id, by)
    check_not_closed(CaseStatus(case.status))
    row = TaskRow(task_id=new_id(), client_id=client_id, office_id=case.office_id,
                  case_worker_id=case.case_worker_id, kind=body.kind, status=TaskStatus.OPEN,
                  due_at=utc(body.due_at), detail=body.detail, created_at=datetime.now(UTC), created_by=by.staff_id)
    tx.session.add(row)
    return store.task_out(row)


async def list_tasks(tx: Transaction, by: StaffUser, office_id: str | None, case_worker_id: str | None,
                     status: TaskStatus | None, after: UUID | None, limit: int) -> TaskPage:
    """Tasks in creation order (ids are UUIDv7), a page at a time; `after` is the last id of the previous page."""
    query = select(TaskRow).order_by(col(TaskRow.task_id)).limit(limit + 1)
    if office_id is not None:
        store.check_office(by, office_id)
        query = query.where(col(TaskRow.office_id) == office_id)
    elif ALL_OFFICES not in by.office_ids:
        query = query.where(col(TaskRow.office_id).in_(sorted(by.office_ids)))
    if case_worker_id is not None:
        query = query.where(col(TaskRow.case_worker_id) == case_worker_id)
    if status is not None:
        query = query.where(col(TaskRow.status) == status)
    if after is not None:
        query = query.where(col(TaskRow.task_id) > after)
    rows = list((await tx.session.execute(query)).scalars())
    page = rows[:limit]
    return TaskPage(items=[store.task_out(r) for r in page],
                    next_cursor=str(page[-1].task_id) if len(rows) > limit else None)


async def complete_task(tx: Transaction, task_id: UUID, by: StaffUser) -> TaskOut:
    """Mark a task done; completing it again changes nothing."""
    row = await tx.session.get(TaskRow, task_id, with_for_update=True)
    if row is None:
        raise NotFound("task", task_id)
    store.check_office(by, row.office_id)
    check_completable(TaskStatus(row.status))
    if row.status == TaskStatus.OPEN:
        row.status, row.completed_at, row.completed_by = TaskStatus.DONE, datetime.now(UTC), by.staff_id
    return store.task_out(row)
