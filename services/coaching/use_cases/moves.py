"""A client moved to another office's area (`client_moved.v1`): the case follows them, in one transaction.

What happens, in this order:
1. The case belongs to the new office from now on; its open tasks go with it.
2. A participation in a programme of the old office ends (`moved_away`): places are the office's.
3. The case goes to the best-fitting case manager of the new office with room under that office's ratios
   (the same rule as an assignment, staffing.py); with nobody's room it waits for assignment there — never
   over capacity — and a `handover` task without a case manager puts it on the new office's worklist for the
   team lead. A case that had no case manager yet simply waits in the new office.
4. Booked appointments at the old office still ahead are not kept (the client no longer comes there): an
   individual or team appointment is cancelled (`client_moved`), from a group session the client is taken
   off; for each a `client_notice` task asks the (new) case manager to tell the client and book anew.
A move within the office's area, a closed case, or the event heard again, changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime, time
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlmodel import col

from contracts.events import ClientMovedV1
from services.coaching.domain.appointments import AppointmentKind, AppointmentStatus, CancellationReason
from services.coaching.domain.dating import assignment_day
from services.coaching.domain.model import CaseStatus, TaskKind, TaskStatus
from services.coaching.domain.offices import BERLIN
from services.coaching.domain.participations import EndReason
from services.coaching.domain.reference import Reference
from services.coaching.domain.staffing import NoCapacity, choose_case_manager, needs_of
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow, CaseRow, TaskRow
from services.coaching.use_cases import participation_records
from services.coaching.use_cases.appointments import cancel_row
from services.coaching.use_cases.cases import hand_over
from services.coaching.use_cases.lookups import keep_next_due, manager_loads
from services.coaching.use_cases.notices import COACHING_SERVICE, Notice, raise_service_tasks
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction


async def follow_move(tx: Transaction, event: ClientMovedV1, ref: Reference, vault: SpecialCategories) -> None:
    case = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if case is None or case.status == CaseStatus.CLOSED or case.office_id == event.office_id:
        return
    old_office = case.office_id
    case.office_id = event.office_id
    await tx.session.execute(
        update(TaskRow)
        .where(col(TaskRow.client_id) == case.client_id, col(TaskRow.status) == TaskStatus.OPEN)
        .values(office_id=event.office_id)
    )
    await _end_participation(tx, case, event, ref)
    await _hand_over(tx, case, ref, vault, event)
    await _release_appointments(tx, case, old_office, event, ref, vault)


async def _end_participation(tx: Transaction, case: CaseRow, event: ClientMovedV1, ref: Reference) -> None:
    current = await participation_records.current_participation(tx, case.client_id)
    if current is None:
        return
    ended_on = max(event.moved_on, current.started_on)
    base = participation_records.base_programme(case, ref)
    await participation_records.end_participation(
        tx, case, current, EndReason.MOVED_AWAY, ended_on, base, COACHING_SERVICE
    )
    case.program_id, case.contact_interval_days = base.program_id, base.contact_interval_days


async def _hand_over(
    tx: Transaction, case: CaseRow, ref: Reference, vault: SpecialCategories, event: ClientMovedV1
) -> None:
    if case.case_worker_id is None:
        return
    office = ref.offices.get(case.office_id)
    current = ref.programmes.get(case.program_id or "")
    offered = office.programmes if office is not None else None
    programme = (
        current
        if current is not None and (offered is None or current.program_id in offered)
        else participation_records.base_programme(case, ref)
    )
    managers = await manager_loads(tx.session, case.office_id, ref.programmes.ratio, lock=True)
    try:
        chosen = choose_case_manager(managers, needs_of(case.target_groups), programme)
    except NoCapacity as full:
        await _wait_for_assignment(tx, case, vault, event, str(full))
        return
    # Dated by the move (the new office is responsible from `moved_on`), never before the current assignment.
    current_day = assignment_day(case.assigned_on, case.assigned_at)
    on = max(event.moved_on, current_day) if current_day is not None else event.moved_on
    why = f"moved from {event.from_office_id}"
    await hand_over(tx, case, chosen.staff_id, programme, COACHING_SERVICE, reason=why, on=on)


async def _wait_for_assignment(
    tx: Transaction, case: CaseRow, vault: SpecialCategories, event: ClientMovedV1, why: str
) -> None:
    case.case_worker_id, case.assigned_at, case.status = None, None, CaseStatus.AWAITING_ASSIGNMENT
    case.assigned_on = None
    keep_next_due(case)
    await tx.session.execute(
        update(TaskRow)
        .where(col(TaskRow.client_id) == case.client_id, col(TaskRow.status) == TaskStatus.OPEN)
        .values(case_worker_id=None)
    )
    detail = f"Umzug aus {event.from_office_id}: Fall wartet auf eine Fallmanagerin/einen Fallmanager ({why})."
    notice = Notice(case.client_id, case.office_id, None, TaskKind.HANDOVER, datetime.now(UTC), detail)
    await raise_service_tasks(tx, vault, [notice], f"event {event.type}")


async def _release_appointments(
    tx: Transaction, case: CaseRow, old_office: str, event: ClientMovedV1, ref: Reference, vault: SpecialCategories
) -> None:
    now = datetime.now(UTC)
    since = max(now, datetime.combine(event.moved_on, time(0), BERLIN).astimezone(UTC))
    rows = (
        await tx.session.execute(
            select(AppointmentRow)
            .join(
                AppointmentParticipantRow,
                col(AppointmentParticipantRow.appointment_id) == AppointmentRow.appointment_id,
            )
            .where(
                col(AppointmentParticipantRow.client_id) == case.client_id,
                col(AppointmentRow.office_id) == old_office,
                col(AppointmentRow.status) == AppointmentStatus.BOOKED,
                col(AppointmentRow.starts_at) >= since,
            )
            .order_by(col(AppointmentRow.starts_at))
            .with_for_update()
        )
    ).scalars()
    office = ref.offices.get(old_office)
    notices = []
    for row in list(rows):
        await _release(tx, row, case.client_id, now)
        local = row.starts_at.astimezone(BERLIN)
        detail = (
            f"Termin am {local:%d.%m.%Y um %H:%M} Uhr in {office.name if office else old_office} entfällt wegen "
            "Umzugs: Kundin/Kunden benachrichtigen und bei Bedarf in der neuen Geschäftsstelle neu buchen."
        )
        notices.append(
            Notice(case.client_id, case.office_id, case.case_worker_id, TaskKind.CLIENT_NOTICE, row.starts_at, detail)
        )
    await raise_service_tasks(tx, vault, notices, f"event {event.type}")


async def _release(tx: Transaction, row: AppointmentRow, client_id: UUID, now: datetime) -> None:
    if row.kind == AppointmentKind.GROUP:
        await tx.session.execute(
            delete(AppointmentParticipantRow).where(
                col(AppointmentParticipantRow.appointment_id) == row.appointment_id,
                col(AppointmentParticipantRow.client_id) == client_id,
            )
        )
        row.sequence += 1
        return
    cancel_row(row, CancellationReason.CLIENT_MOVED, now)
