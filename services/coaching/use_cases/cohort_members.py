"""A cohort's members: join (enrolling the client if need be), childcare, outcome; the reminder and the close
that the cohort's timer workflow asks for. One transaction each (domain/cohorts.py has the rules)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from uuid import UUID

from sqlalchemy import func, select
from sqlmodel import col

from contracts.events import CohortClosedV1, CohortJoinedV1, CohortOutcomeRecordedV1
from services.coaching.domain.appointment_commands import Invitation
from services.coaching.domain.appointments import AppointmentStatus
from services.coaching.domain.cohorts import (
    END_REASON_OF,
    Childcare,
    CohortStatus,
    Member,
    Outcome,
    check_joinable,
    check_joins_after,
    check_joins_on,
    check_outcome,
    joining_day,
)
from services.coaching.domain.commands import RaiseTask
from services.coaching.domain.dating import assignment_day
from services.coaching.domain.model import TaskKind
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.participations import EndReason
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentRow, CohortMemberRow, CohortRow, ParticipationRow
from services.coaching.use_cases import participations
from services.coaching.use_cases.appointments import invite
from services.coaching.use_cases.cohort_rows import childcare_data, to_cohort, to_member
from services.coaching.use_cases.cohorts import cohort_row
from services.coaching.use_cases.lookups import case_for
from services.coaching.use_cases.participation_records import current_participation
from services.coaching.use_cases.tasks import raise_task
from services.platform.auth.staff import StaffUser
from services.platform.errors import Conflict, NotFound, RuleViolation
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class Closing:
    cohort_id: UUID
    closed_on: date
    ended: list[UUID]  # clients whose participation the close ended
    outcomes_missing: list[UUID]


@dataclass(frozen=True)
class Reminded:
    cohort_id: UUID
    task_ids: list[UUID]


async def join(
    tx: Transaction,
    cohort_id: UUID,
    client_id: UUID,
    childcare: Childcare | None,
    notice_given_at: datetime | None,
    ref: Reference,
    by: StaffUser,
    joins_on: date | None = None,
) -> Member:
    """The client's participation in the cohort's programme joins it — enrolled by this if they take part in
    none, ending with the cohort; 409 when they take part in another programme, or the cohort is full or closed.
    They are invited to every session still ahead of the join (`joins_on`: staff's day, else today)."""
    row = await cohort_row(tx, cohort_id, by, lock=True)
    cohort = to_cohort(row)
    today = datetime.now(BERLIN).date()
    day = check_joins_on(cohort, joins_on, today) if joins_on is not None else joining_day(cohort, today)
    check_joinable(cohort, await _members(tx, cohort_id), day)
    if await tx.session.get(CohortMemberRow, (cohort_id, client_id)) is not None:
        raise Conflict("the client is a member of this cohort already")
    current = await current_participation(tx, client_id)
    if joins_on is not None:
        case = await case_for(tx.session, client_id, by, lock=True)
        handed_over = assignment_day(case.assigned_on, case.assigned_at)
        check_joins_after(day, current.started_on if current is not None else None, handed_over)
    if current is None:
        change = await participations.enrol(tx, client_id, cohort.program_id, day, ref, by, ends_on=cohort.ends_on)
        current = change.participation
    elif current.program_id != cohort.program_id:
        raise Conflict(f"the client takes part in {current.program_id}: transfer them first")
    elif await _cohort_of(tx, current.participation_id) is not None:
        raise Conflict("the client's participation belongs to another cohort")
    member = CohortMemberRow(
        cohort_id=cohort_id,
        client_id=client_id,
        participation_id=current.participation_id,
        joined_on=day,
        childcare=childcare_data(childcare),
    )
    tx.session.add(member)
    await tx.session.flush()
    # A join dated back (the demo's calendar) is invited from its day on; else from now, as staff see the sessions.
    since = datetime.combine(day, time(0), BERLIN) if joins_on is not None else datetime.now(UTC) - timedelta(minutes=1)
    for appointment_id in await _sessions_ahead(tx, row, since):
        await invite(tx, appointment_id, Invitation(client_id, notice_given_at), by)
    await tx.publish(
        CohortJoinedV1(
            cohort_id=cohort_id,
            client_id=client_id,
            participation_id=current.participation_id,
            office_id=row.office_id,
            joined_on=day,
        )
    )
    return to_member(member)


async def arrange_childcare(
    tx: Transaction, cohort_id: UUID, client_id: UUID, childcare: Childcare | None, by: StaffUser
) -> Member:
    await cohort_row(tx, cohort_id, by)
    member = await _member(tx, cohort_id, client_id)
    member.childcare = childcare_data(childcare)
    return to_member(member)


async def record_outcome(
    tx: Transaction, cohort_id: UUID, client_id: UUID, outcome: Outcome, on: date, ref: Reference, by: StaffUser
) -> Member:
    """`in_work`, `in_training`, `dropped_out` end the participation on `on`; `continuing` leaves it to the close."""
    row = await cohort_row(tx, cohort_id, by, lock=True)
    member = await _member(tx, cohort_id, client_id)
    check_outcome(to_cohort(row), to_member(member), outcome, on)
    reason = END_REASON_OF[outcome]
    if reason is not None and await _still_current(tx, member.participation_id):
        await participations.end(tx, client_id, reason, on, ref, by)
    member.outcome, member.outcome_on, member.outcome_recorded_by = outcome.value, on, by.staff_id
    now = datetime.now(UTC)
    await tx.publish(
        CohortOutcomeRecordedV1(
            cohort_id=cohort_id,
            client_id=client_id,
            participation_id=member.participation_id,
            office_id=row.office_id,
            outcome=outcome.value,
            outcome_on=on,
            recorded_at=now,
        )
    )
    return to_member(member)


async def remind_outcomes(tx: Transaction, cohort_id: UUID, by: StaffUser, vault: SpecialCategories) -> Reminded:
    """A task for each member's case manager whose outcome is not recorded yet, due on the cohort's last day."""
    row = await cohort_row(tx, cohort_id, by)
    due = datetime.combine(row.ends_on, time(9), BERLIN).astimezone(UTC)
    task_ids = []
    for member in await _member_rows(tx, cohort_id):
        if member.outcome is None and await _still_current(tx, member.participation_id):
            cmd = RaiseTask(TaskKind.COHORT_OUTCOME, due, None)
            task = await raise_task(tx, member.client_id, cmd, by, vault, "cohort outcome reminder")
            task_ids.append(task.task_id)
    return Reminded(cohort_id, task_ids)


async def close(tx: Transaction, cohort_id: UUID, as_of: date, ref: Reference, by: StaffUser) -> Closing:
    """On or after `ends_on` (`as_of`: the timer's day): the still-current participations end `completed` on
    `ends_on`. Closing twice answers the same (the timer's retries)."""
    row = await cohort_row(tx, cohort_id, by, lock=True)
    members = await _member_rows(tx, cohort_id)
    missing = [m.client_id for m in members if m.outcome is None]
    if row.status == CohortStatus.CLOSED:
        return Closing(cohort_id, row.ends_on, [], missing)
    if as_of < row.ends_on:
        raise RuleViolation("as_of", f"the cohort runs until {row.ends_on.isoformat()}")
    ended = []
    for member in members:
        if await _still_current(tx, member.participation_id):
            await participations.end(tx, member.client_id, EndReason.COMPLETED, row.ends_on, ref, by)
            ended.append(member.client_id)
    row.status, row.closed_at = CohortStatus.CLOSED, datetime.now(UTC)
    await tx.publish(
        CohortClosedV1(
            cohort_id=cohort_id,
            program_id=row.program_id,
            office_id=row.office_id,
            closed_on=row.ends_on,
            members=len(members),
            outcomes_missing=len(missing),
            closed_at=row.closed_at,
        )
    )
    return Closing(cohort_id, row.ends_on, ended, missing)


async def _members(tx: Transaction, cohort_id: UUID) -> int:
    count = select(func.count()).where(col(CohortMemberRow.cohort_id) == cohort_id)
    return int((await tx.session.execute(count)).scalar_one())


async def _member_rows(tx: Transaction, cohort_id: UUID) -> list[CohortMemberRow]:
    rows = await tx.session.execute(
        select(CohortMemberRow).where(col(CohortMemberRow.cohort_id) == cohort_id).with_for_update()
    )
    return list(rows.scalars())


async def _member(tx: Transaction, cohort_id: UUID, client_id: UUID) -> CohortMemberRow:
    member = await tx.session.get(CohortMemberRow, (cohort_id, client_id), with_for_update=True)
    if member is None:
        raise NotFound("member of the cohort", client_id)
    return member


async def _cohort_of(tx: Transaction, participation_id: UUID) -> UUID | None:
    found = select(col(CohortMemberRow.cohort_id)).where(col(CohortMemberRow.participation_id) == participation_id)
    return (await tx.session.execute(found)).scalar_one_or_none()


async def _still_current(tx: Transaction, participation_id: UUID) -> bool:
    row = await tx.session.get(ParticipationRow, participation_id)
    return row is not None and row.ended_on is None


async def _sessions_ahead(tx: Transaction, cohort: CohortRow, ahead: datetime) -> list[UUID]:
    if cohort.series_id is None:
        return []
    rows = await tx.session.execute(
        select(col(AppointmentRow.appointment_id))
        .where(
            col(AppointmentRow.series_id) == cohort.series_id,
            col(AppointmentRow.status) == AppointmentStatus.BOOKED,
            col(AppointmentRow.starts_at) >= ahead,
        )
        .order_by(col(AppointmentRow.starts_at))
    )
    return list(rows.scalars())
