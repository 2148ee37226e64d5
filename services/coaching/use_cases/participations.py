"""Enrol a client in a programme, transfer them, end their participation: one transaction each.

The case manager follows the programme under the weighted caseload (domain/staffing.py): the current
one keeps the case if it still fits their caseload in the new programme, else the office's best-fitting
case manager with room takes it (409 `no-capacity` naming why when nobody has room). Each change
announces `participation_ended.v1` / `case_assigned.v1` / `participation_started.v1`, in that order.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, date, datetime
from fractions import Fraction
from uuid import UUID

from sqlalchemy import select
from sqlmodel import col

from contracts.events import ParticipationStartedV1
from services.coaching.domain.dating import assignment_day
from services.coaching.domain.model import CaseStatus, check_assigned
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.participations import (
    EndReason,
    Participation,
    check_endable,
    check_enrolable,
    check_transferable,
    planned_end,
)
from services.coaching.domain.programmes import Programme
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import CaseManagerLoad, NoCapacity, choose_case_manager, needs_of
from services.coaching.tables import CaseRow, ParticipationRow
from services.coaching.use_cases.cases import hand_over
from services.coaching.use_cases.lookups import case_for, manager_loads
from services.coaching.use_cases.participation_records import (
    base_programme,
    current_participation,
    end_participation,
    to_participation,
    under_25,
)
from services.platform.auth.staff import StaffUser
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class ParticipationChange:
    """What a change left: the participation it touched, and whom and which programme the case follows now."""

    participation: Participation
    case_worker_id: str
    program_id: str
    contact_interval_days: int


class Caseloads:
    """The office's case managers' loads within one transaction, kept current as cases move (bulk enrolment)."""

    def __init__(self, managers: list[CaseManagerLoad]) -> None:
        self._managers = {m.staff_id: m for m in managers}

    def place(self, case: CaseRow, old: Programme, new: Programme, office_name: str) -> str:
        """Who carries `case` in `new`; the loads change only when someone does (a refusal leaves them)."""
        managers = dict(self._managers)
        current = managers.get(case.case_worker_id or "")
        if current is not None:
            current = managers[current.staff_id] = current.without_case_of(old)
        if current is None or not current.has_room_for(new):
            try:
                current = choose_case_manager(managers.values(), needs_of(case.target_groups), new)
            except NoCapacity as full:
                raise NoCapacity(
                    f"the case managers of {office_name} are full for {new.name} (1:{new.caseload_ratio}, "
                    f"weighted across their caseloads): {full}"
                ) from full
        weight = current.weight_before(new) + Fraction(1, new.caseload_ratio)
        managers[current.staff_id] = replace(current, load=current.load + 1, weight=weight)
        self._managers = managers
        return current.staff_id


async def participations_of(tx: Transaction, client_id: UUID, by: StaffUser) -> list[Participation]:
    await case_for(tx.session, client_id, by)
    rows = await tx.session.execute(
        select(ParticipationRow)
        .where(col(ParticipationRow.client_id) == client_id)
        .order_by(col(ParticipationRow.started_on).desc(), col(ParticipationRow.recorded_at).desc())
    )
    return [to_participation(r) for r in rows.scalars()]


async def enrol(
    tx: Transaction,
    client_id: UUID,
    program_id: str,
    starts_on: date | None,
    ref: Reference,
    by: StaffUser,
    caseloads: Caseloads | None = None,
    ends_on: date | None = None,
) -> ParticipationChange:
    """`ends_on`: the planned end when it is not the programme's duration from the start (a cohort's end)."""
    case = await case_for(tx.session, client_id, by, lock=True)
    programme = _programme_for(case, program_id, ref)
    started_on = starts_on or _today()
    assigned_on = assignment_day(case.assigned_on, case.assigned_at) or started_on
    check_enrolable(programme, await current_participation(tx, client_id), started_on, assigned_on)
    return await _start(tx, case, programme, started_on, ref, by, None, caseloads, ends_on)


async def transfer(
    tx: Transaction, client_id: UUID, program_id: str, on: date | None, ref: Reference, by: StaffUser
) -> ParticipationChange:
    case = await case_for(tx.session, client_id, by, lock=True)
    programme = _programme_for(case, program_id, ref)
    day = on or _today()
    current = check_transferable(programme, await current_participation(tx, client_id))
    check_endable(current, day)
    ended = await end_participation(tx, case, current, EndReason.TRANSFERRED, day, programme, by)
    return await _start(tx, case, programme, day, ref, by, ended.participation_id)


async def end(
    tx: Transaction, client_id: UUID, reason: EndReason, ended_on: date | None, ref: Reference, by: StaffUser
) -> ParticipationChange:
    case = await case_for(tx.session, client_id, by, lock=True)
    check_assigned(CaseStatus(case.status), case.case_worker_id)
    day = ended_on or _today()
    current = check_endable(await current_participation(tx, client_id), day)
    base = base_programme(case, ref)
    ended = await end_participation(tx, case, current, reason, day, base, by)
    staff_id = await _follow(tx, case, base, ref, by, f"participation in {current.program_id} ended: {reason}", day)
    return ParticipationChange(ended, staff_id, base.program_id, base.contact_interval_days)


async def office_caseloads(tx: Transaction, office_id: str, ref: Reference) -> Caseloads:
    return Caseloads(await manager_loads(tx.session, office_id, ref.programmes.ratio, lock=True))


def _programme_for(case: CaseRow, program_id: str, ref: Reference) -> Programme:
    check_assigned(CaseStatus(case.status), case.case_worker_id)
    office = ref.offices.get(case.office_id)
    offered = office.programmes if office is not None else None
    return ref.programmes.choose(program_id, case.target_groups, under_25(case), offered)


async def _start(
    tx: Transaction,
    case: CaseRow,
    programme: Programme,
    started_on: date,
    ref: Reference,
    by: StaffUser,
    transferred_from: UUID | None,
    caseloads: Caseloads | None = None,
    ends_on: date | None = None,
) -> ParticipationChange:
    why = f"enrolled in {programme.program_id}"
    staff_id = await _follow(tx, case, programme, ref, by, why, started_on, caseloads)
    now = datetime.now(UTC)
    row = ParticipationRow(
        participation_id=new_id(),
        client_id=case.client_id,
        program_id=programme.program_id,
        office_id=case.office_id,
        started_on=started_on,
        planned_end_on=ends_on or planned_end(programme, started_on),
        transferred_from=transferred_from,
        started_by=by.staff_id,
        recorded_at=now,
    )
    tx.session.add(row)
    await tx.publish(
        ParticipationStartedV1(
            client_id=case.client_id,
            participation_id=row.participation_id,
            program_id=programme.program_id,
            office_id=case.office_id,
            case_worker_id=staff_id,
            started_on=started_on,
            planned_end_on=row.planned_end_on,
            contact_interval_days=programme.contact_interval_days,
            started_at=now,
            transferred_from=transferred_from,
        )
    )
    return ParticipationChange(to_participation(row), staff_id, programme.program_id, programme.contact_interval_days)


async def _follow(
    tx: Transaction,
    case: CaseRow,
    programme: Programme,
    ref: Reference,
    by: StaffUser,
    reason: str,
    on: date,
    caseloads: Caseloads | None = None,
) -> str:
    """The case manager follows the programme (kept if they have room); the hand-over is announced, dated by
    the participation's day (its start, its end), not the day it is recorded."""
    loads = caseloads or await office_caseloads(tx, case.office_id, ref)
    old = ref.programmes.get(case.program_id or "") or ref.programmes.default
    office = ref.offices.get(case.office_id)
    staff_id = loads.place(case, old, programme, office.name if office else case.office_id)
    await hand_over(tx, case, staff_id, programme, by, reason=reason, on=on)
    return staff_id


def _today() -> date:
    return datetime.now(BERLIN).date()
