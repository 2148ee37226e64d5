"""A participation's rows and its end, for the use cases that end one: staff (participations.py) and a closure."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ParticipationEndedV1
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.participations import EndReason, Participation
from services.coaching.domain.programmes import Programme, under_25_on
from services.coaching.domain.reference import Reference
from services.coaching.tables import CaseRow, ParticipationRow
from services.platform.auth.staff import StaffUser
from services.platform.unit_of_work import Transaction


async def current_participation(tx: Transaction, client_id: UUID) -> Participation | None:
    row = (
        await tx.session.execute(
            select(ParticipationRow)
            .where(col(ParticipationRow.client_id) == client_id, col(ParticipationRow.ended_on).is_(None))
            .limit(1)
        )
    ).scalar_one_or_none()
    return to_participation(row) if row is not None else None


async def end_participation(
    tx: Transaction,
    case: CaseRow,
    current: Participation,
    reason: EndReason,
    ended_on: date,
    next_programme: Programme,
    by: StaffUser,
) -> Participation:
    row = await tx.session.get(ParticipationRow, current.participation_id, with_for_update=True)
    assert row is not None
    row.ended_on, row.end_reason, row.ended_by = ended_on, reason.value, by.staff_id
    await tx.publish(
        ParticipationEndedV1(
            client_id=case.client_id,
            participation_id=row.participation_id,
            program_id=row.program_id,
            office_id=case.office_id,
            reason=reason.value,
            ended_on=ended_on,
            ended_at=datetime.now(UTC),
            next_program_id=next_programme.program_id,
            contact_interval_days=next_programme.contact_interval_days,
        )
    )
    return to_participation(row)


def to_participation(row: ParticipationRow) -> Participation:
    return Participation(
        participation_id=row.participation_id,
        client_id=row.client_id,
        program_id=row.program_id,
        office_id=row.office_id,
        started_on=row.started_on,
        planned_end_on=row.planned_end_on,
        ended_on=row.ended_on,
        end_reason=EndReason(row.end_reason) if row.end_reason else None,
        transferred_from=row.transferred_from,
    )


async def end_with_case(tx: Transaction, case: CaseRow, ref: Reference, by: StaffUser) -> None:
    """A closed case takes its current participation with it (`case_closed`), freeing the programme's place."""
    current = await current_participation(tx, case.client_id)
    if current is not None:
        today = max(datetime.now(BERLIN).date(), current.started_on)
        await end_participation(tx, case, current, EndReason.CASE_CLOSED, today, base_programme(case, ref), by)


def base_programme(case: CaseRow, ref: Reference) -> Programme:
    office = ref.offices.get(case.office_id)
    return ref.programmes.choose(None, case.target_groups, under_25(case), office.programmes if office else None)


def under_25(case: CaseRow) -> bool | None:
    return under_25_on(case.age_band, case.turns_25_on, datetime.now(BERLIN).date())
