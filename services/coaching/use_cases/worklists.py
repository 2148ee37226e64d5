"""The worklists of coaching: the caseload and a day's appointments. Read-only; a fixed number of queries each.

The caseload is one query for the page of cases (ordered by when the next contact is due, kept on the case
row) and one for the open and overdue tasks of those cases; pages continue by keyset (due, client id).
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import ColumnElement, and_, case, func, or_, select
from sqlmodel import col

from services.coaching.domain.appointments import AppointmentStatus
from services.coaching.domain.model import CaseStatus, TaskStatus
from services.coaching.domain.worklists import (
    AppointmentPage,
    CaseListing,
    CaseListingPage,
    FindAppointments,
    FindCases,
    berlin_day,
)
from services.coaching.tables import AppointmentRow, AppointmentStaffRow, CaseRow, TaskRow, to_appointment
from services.platform.auth.staff import StaffUser
from services.platform.cursors import FIELD, decode_cursor, encode_cursor
from services.platform.errors import RuleViolation
from services.platform.unit_of_work import Transaction


def _moment(value: Any) -> datetime | None:
    """A moment a cursor carries, in UTC; a forged one (no offset, out of range) is refused, not a 500."""
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(value) if isinstance(value, str) else None
        if moment is None or moment.tzinfo is None:
            raise ValueError("not a moment with an offset")
        return moment.astimezone(UTC)
    except (ValueError, OverflowError) as exc:
        raise RuleViolation(FIELD, "not a cursor of this listing") from exc


def _uuid(value: Any) -> UUID:
    try:
        return UUID(str(value))
    except ValueError as exc:
        raise RuleViolation(FIELD, "not a cursor of this listing") from exc


_CASE_ORDER = (
    col(CaseRow.next_contact_due_at).is_(None),
    col(CaseRow.next_contact_due_at),
    col(CaseRow.client_id),
)


def _after_case(cursor: str) -> ColumnElement[bool]:
    due_text, client_text = decode_cursor(cursor, 2)
    due, client_id = _moment(due_text), _uuid(client_text)
    due_at, case_id = col(CaseRow.next_contact_due_at), col(CaseRow.client_id)
    if due is None:  # the cases with nothing due come last, by client id
        return and_(due_at.is_(None), case_id > client_id)
    return or_(due_at > due, and_(due_at == due, case_id > client_id), due_at.is_(None))


def _case_filters(query: FindCases, by: StaffUser) -> list[ColumnElement[bool]]:
    filters: list[ColumnElement[bool]] = []
    if (offices := by.visible_offices(query.office_id)) is not None:
        filters.append(col(CaseRow.office_id).in_(sorted(offices)))
    if query.case_worker_id is not None:
        filters.append(col(CaseRow.case_worker_id) == query.case_worker_id)
    statuses = query.statuses or frozenset(CaseStatus) - {CaseStatus.CLOSED}
    filters.append(col(CaseRow.status).in_(sorted(statuses)))
    if query.program_id is not None:
        filters.append(col(CaseRow.program_id) == query.program_id)
    if query.due_before is not None:
        filters.append(col(CaseRow.next_contact_due_at) < query.due_before)
    if query.cursor is not None:
        filters.append(_after_case(query.cursor))
    return filters


async def _task_counts(tx: Transaction, client_ids: list[UUID], now: datetime) -> dict[UUID, tuple[int, int]]:
    if not client_ids:
        return {}
    overdue = func.sum(case((col(TaskRow.due_at) < now, 1), else_=0))
    rows = await tx.session.execute(
        select(col(TaskRow.client_id), func.count(), overdue)
        .where(col(TaskRow.client_id).in_(client_ids), col(TaskRow.status) == TaskStatus.OPEN)
        .group_by(col(TaskRow.client_id))
    )
    return {client_id: (int(total), int(late or 0)) for client_id, total, late in rows}


async def find_cases(tx: Transaction, query: FindCases, by: StaffUser) -> CaseListingPage:
    """Cases by when their next contact is due (nothing due last), with their open and overdue tasks."""
    rows = (
        await tx.session.execute(
            select(
                col(CaseRow.client_id),
                col(CaseRow.office_id),
                col(CaseRow.case_worker_id),
                col(CaseRow.status),
                col(CaseRow.program_id),
                col(CaseRow.last_contact_at),
                col(CaseRow.next_contact_due_at),
            )
            .where(*_case_filters(query, by))
            .order_by(*_CASE_ORDER)
            .limit(query.limit + 1)
        )
    ).all()
    page = rows[: query.limit]
    counts = await _task_counts(tx, [r[0] for r in page], datetime.now(UTC))
    items = [CaseListing(r[0], r[1], r[2], CaseStatus(r[3]), r[4], r[5], r[6], *counts.get(r[0], (0, 0))) for r in page]
    return CaseListingPage(items, _case_cursor(items[-1]) if len(rows) > query.limit else None)


def _case_cursor(last: CaseListing) -> str:
    return encode_cursor([last.next_due_at.isoformat() if last.next_due_at else None, str(last.client_id)])


def _after_appointment(cursor: str) -> ColumnElement[bool]:
    starts_text, appointment_text = decode_cursor(cursor, 2)
    starts, appointment_id = _moment(starts_text), _uuid(appointment_text)
    if starts is None:
        raise RuleViolation(FIELD, "not a cursor of this listing")
    starts_at = col(AppointmentRow.starts_at)
    return or_(starts_at > starts, and_(starts_at == starts, col(AppointmentRow.appointment_id) > appointment_id))


async def find_appointments(tx: Transaction, query: FindAppointments, by: StaffUser) -> AppointmentPage:
    """A day's booked appointments (Europe/Berlin) of a staff member (also as one of a team) or of offices, in
    the order they start; cancelled ones are left out."""
    start, end = berlin_day(query.day)
    starts_at = col(AppointmentRow.starts_at)
    select_day = (
        select(AppointmentRow)
        .where(starts_at >= start, starts_at < end, col(AppointmentRow.status) == AppointmentStatus.BOOKED)
        .order_by(starts_at, col(AppointmentRow.appointment_id))
        .limit(query.limit + 1)
    )
    if (offices := by.visible_offices(query.office_id)) is not None:
        select_day = select_day.where(col(AppointmentRow.office_id).in_(sorted(offices)))
    if query.staff_id is not None:
        staff = select(col(AppointmentStaffRow.appointment_id)).where(
            col(AppointmentStaffRow.staff_id) == query.staff_id
        )
        select_day = select_day.where(col(AppointmentRow.appointment_id).in_(staff))
    if query.cursor is not None:
        select_day = select_day.where(_after_appointment(query.cursor))
    rows = list((await tx.session.execute(select_day)).scalars())
    items = [to_appointment(row) for row in rows[: query.limit]]
    more = len(rows) > query.limit
    cursor = encode_cursor([items[-1].starts_at.isoformat(), str(items[-1].appointment_id)]) if more else None
    return AppointmentPage(items, cursor)
