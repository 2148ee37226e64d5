"""Intake merged a duplicate registration into another (`client_merged.v1`): the kept client's case takes the
merged-away client's open case items, and the duplicate case ends, in one transaction.

- Open tasks go to the kept case (its office and case manager).
- Booked appointments still ahead go to the kept client; where the kept client is booked on the same appointment
  already, the duplicate's invitation is dropped.
- A current participation of the duplicate ends (`case_closed`), freeing its place; the duplicate case closes
  (`merged`), freeing its caseload slot — the person is counted once.
- When the kept client has no case in coaching yet, the duplicate's case becomes theirs (status, case manager,
  programme), so nothing the case manager started is lost.
Contacts, plans and attended appointments stay with the duplicate's id: they are history, read from intake's
record of the merge. A duplicate already closed, or the event heard again, changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlmodel import col

from contracts.events import ClientMergedV1
from services.coaching.domain.appointments import AppointmentStatus
from services.coaching.domain.model import CaseStatus, ClosureReason, TaskStatus
from services.coaching.domain.reference import Reference
from services.coaching.tables import AppointmentParticipantRow, AppointmentRow, CaseRow, TaskRow
from services.coaching.use_cases import participation_records
from services.coaching.use_cases.lookups import keep_next_due
from services.coaching.use_cases.notices import COACHING_SERVICE
from services.platform.unit_of_work import Transaction


async def follow_merge(tx: Transaction, event: ClientMergedV1, ref: Reference) -> None:
    gone = await tx.session.get(CaseRow, event.client_id, with_for_update=True)
    if gone is None or gone.status == CaseStatus.CLOSED:
        return
    kept = await tx.session.get(CaseRow, event.merged_into, with_for_update=True)
    if kept is None:
        kept = _case_taken_over(gone, event.merged_into)
        tx.session.add(kept)
        await tx.session.flush()
    await _move_tasks(tx, gone.client_id, kept)
    await _move_appointments(tx, gone.client_id, kept.client_id)
    await participation_records.end_with_case(tx, gone, ref, COACHING_SERVICE)
    gone.status, gone.closed_at, gone.closure_reason = CaseStatus.CLOSED, datetime.now(UTC), ClosureReason.MERGED
    keep_next_due(gone)


def _case_taken_over(gone: CaseRow, client_id: UUID) -> CaseRow:
    taken = {name: getattr(gone, name) for name in CaseRow.model_fields if name != "client_id"}
    return CaseRow(client_id=client_id, **taken)


async def _move_tasks(tx: Transaction, gone: UUID, kept: CaseRow) -> None:
    await tx.session.execute(
        update(TaskRow)
        .where(col(TaskRow.client_id) == gone, col(TaskRow.status) == TaskStatus.OPEN)
        .values(client_id=kept.client_id, office_id=kept.office_id, case_worker_id=kept.case_worker_id)
    )


async def _move_appointments(tx: Transaction, gone: UUID, kept: UUID) -> None:
    ahead = (
        select(col(AppointmentRow.appointment_id))
        .join(AppointmentParticipantRow, col(AppointmentParticipantRow.appointment_id) == AppointmentRow.appointment_id)
        .where(
            col(AppointmentParticipantRow.client_id) == gone,
            col(AppointmentRow.status) == AppointmentStatus.BOOKED,
            col(AppointmentRow.starts_at) >= datetime.now(UTC),
        )
    )
    ids = list((await tx.session.scalars(ahead)).all())
    if not ids:
        return
    both = select(col(AppointmentParticipantRow.appointment_id)).where(
        col(AppointmentParticipantRow.client_id) == kept, col(AppointmentParticipantRow.appointment_id).in_(ids)
    )
    shared = set((await tx.session.scalars(both)).all())
    await tx.session.execute(
        delete(AppointmentParticipantRow).where(
            col(AppointmentParticipantRow.client_id) == gone, col(AppointmentParticipantRow.appointment_id).in_(shared)
        )
    )
    await tx.session.execute(
        update(AppointmentParticipantRow)
        .where(col(AppointmentParticipantRow.client_id) == gone, col(AppointmentParticipantRow.appointment_id).in_(ids))
        .values(client_id=kept)
    )
    await tx.session.execute(
        update(AppointmentRow)
        .where(col(AppointmentRow.appointment_id).in_(ids), col(AppointmentRow.client_id) == gone)
        .values(client_id=kept)
    )
