"""Open a cohort with its weekly sessions, list a programme's cohorts, read one: one transaction each."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import func, select
from sqlmodel import col

from contracts.events import CohortOpenedV1, ContactChannel
from services.coaching.domain.appointment_commands import ScheduleAppointment, ScheduleSeries
from services.coaching.domain.appointment_policy import AppointmentPolicy
from services.coaching.domain.appointments import AppointmentKind
from services.coaching.domain.cohorts import Cohort, CohortStatus, Member, cohort_end
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.programmes import Programme
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentRow, CohortMemberRow, CohortRow
from services.coaching.use_cases.cohort_rows import to_cohort, to_member
from services.coaching.use_cases.series import schedule_series
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound, RuleViolation
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class OpenCohort:
    program_id: str
    office_id: str
    name: str
    starts_on: datetime  # the first session; the cohort starts on its day (Europe/Berlin)
    duration_minutes: int
    room_id: str
    capacity: int
    staff_ids: list[str]


@dataclass(frozen=True)
class Session:
    appointment_id: UUID
    starts_at: datetime
    duration_minutes: int
    status: str


@dataclass(frozen=True)
class CohortView:
    cohort: Cohort
    programme: Programme
    members: list[Member]
    sessions: list[Session]


@dataclass(frozen=True)
class CohortSummary:
    cohort: Cohort
    members: int


async def open_cohort(
    tx: Transaction, cmd: OpenCohort, ref: Reference, policy: AppointmentPolicy, by: StaffUser
) -> CohortView:
    """The cohort and its weekly group sessions up to its end, in one commit; `cohort_opened.v1` starts its timer."""
    by.require_office(cmd.office_id)
    programme = _offered(cmd.program_id, cmd.office_id, ref)
    starts_on = cmd.starts_on.astimezone(BERLIN).date()
    ends_on = cohort_end(programme, starts_on)
    room = policy.room(cmd.room_id, cmd.office_id)
    if cmd.capacity > room.capacity:
        raise RuleViolation("capacity", f"{room.name} holds {room.capacity}")
    first = ScheduleAppointment(
        AppointmentKind.GROUP,
        cmd.office_id,
        cmd.staff_ids,
        cmd.starts_on,
        cmd.duration_minutes,
        ContactChannel.IN_PERSON,
        [],
        room_id=cmd.room_id,
        capacity=cmd.capacity,
    )
    series = await schedule_series(tx, ScheduleSeries(first, ends_on), ref, policy, by)
    now = datetime.now(UTC)
    row = CohortRow(
        cohort_id=new_id(),
        program_id=programme.program_id,
        office_id=cmd.office_id,
        name=cmd.name,
        starts_on=starts_on,
        ends_on=ends_on,
        room_id=cmd.room_id,
        capacity=cmd.capacity,
        status=CohortStatus.OPEN,
        series_id=series.series_id,
        created_at=now,
        created_by=by.staff_id,
    )
    tx.session.add(row)
    await tx.session.flush()
    await tx.publish(
        CohortOpenedV1(
            cohort_id=row.cohort_id,
            program_id=row.program_id,
            office_id=row.office_id,
            starts_on=starts_on,
            ends_on=ends_on,
            capacity=row.capacity,
            series_id=row.series_id,
            opened_at=now,
        )
    )
    return CohortView(to_cohort(row), programme, [], await sessions_of(tx, row.series_id))


async def cohort(tx: Transaction, cohort_id: UUID, ref: Reference, by: StaffUser) -> CohortView:
    row = await cohort_row(tx, cohort_id, by)
    members = await tx.session.execute(
        select(CohortMemberRow)
        .where(col(CohortMemberRow.cohort_id) == cohort_id)
        .order_by(col(CohortMemberRow.joined_on), col(CohortMemberRow.client_id))
    )
    programme = ref.programmes.get(row.program_id) or ref.programmes.default
    found = [to_member(m) for m in members.scalars()]
    return CohortView(to_cohort(row), programme, found, await sessions_of(tx, row.series_id))


async def sessions_of(tx: Transaction, series_id: UUID | None) -> list[Session]:
    """The cohort's weekly sessions in order, cancelled ones included (with their status)."""
    if series_id is None:
        return []
    rows = await tx.session.execute(
        select(AppointmentRow).where(col(AppointmentRow.series_id) == series_id).order_by(col(AppointmentRow.starts_at))
    )
    return [Session(r.appointment_id, r.starts_at, r.duration_minutes, r.status) for r in rows.scalars()]


async def cohorts_of(tx: Transaction, program_id: str, office_id: str | None, by: StaffUser) -> list[CohortSummary]:
    """A programme's cohorts in the caller's offices (or one of them), newest first, with how many take part."""
    members = (
        select(func.count())
        .where(col(CohortMemberRow.cohort_id) == col(CohortRow.cohort_id))
        .correlate(CohortRow)
        .scalar_subquery()
    )
    query = select(CohortRow, members).where(col(CohortRow.program_id) == program_id)
    if (offices := by.visible_offices(office_id)) is not None:
        query = query.where(col(CohortRow.office_id).in_(sorted(offices)))
    rows = await tx.session.execute(query.order_by(col(CohortRow.starts_on).desc()))
    return [CohortSummary(to_cohort(r), int(n)) for r, n in rows.all()]


async def cohort_row(tx: Transaction, cohort_id: UUID, by: StaffUser, lock: bool = False) -> CohortRow:
    row = await tx.session.get(CohortRow, cohort_id, with_for_update=lock)
    if row is None:
        raise NotFound("cohort", cohort_id)
    by.require_office(row.office_id)
    return row


def _offered(program_id: str, office_id: str, ref: Reference) -> Programme:
    programme = ref.programmes.get(program_id)
    if programme is None:
        raise RuleViolation("program_id", "unknown programme")
    office = ref.offices.get(office_id)
    if office is None:
        raise RuleViolation("office_id", f"unknown office {office_id}")
    offered = office.programmes or ()
    if program_id not in offered:
        raise RuleViolation("program_id", f"not offered by {office.name}; offered: {', '.join(offered)}")
    return programme
