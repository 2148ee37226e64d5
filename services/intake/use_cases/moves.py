"""Recording a move, in one transaction: the client row takes the new residence and office, the move is appended
to `client_moves` (who, when, why: the audit of the change), and `client_moved.v1` (ids and offices, no address)
is staged in the outbox of the same commit. Coaching, benefits and the journey follow from the event."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from uuid import UUID

from contracts.events import ClientMovedV1
from services.intake.domain.merges import MergedAway
from services.intake.domain.moves import RecordMove, check_move
from services.intake.domain.offices import OfficeDirectory
from services.intake.tables import ClientMoveRow, ClientRow
from services.platform.auth.staff import StaffUser
from services.platform.errors import NotFound
from services.platform.ids import new_id
from services.platform.unit_of_work import Transaction


@dataclass(frozen=True)
class Moved:
    move_id: UUID
    client_id: UUID
    household_id: UUID
    from_office_id: str
    office_id: str
    moved_on: date
    recorded_at: datetime


async def record_move(
    tx: Transaction, cmd: RecordMove, offices: OfficeDirectory, by: StaffUser, purpose: str, today: date
) -> Moved:
    row = await tx.session.get(ClientRow, cmd.client_id, with_for_update=True)
    if row is None:
        raise NotFound("client", cmd.client_id)
    by.require_office(row.office_id)
    if row.merged_into is not None:
        raise MergedAway(row.client_id, row.merged_into)
    move = check_move(cmd, row.postcode, row.office_id, row.registered_on, today, offices)
    now, move_id = datetime.now(UTC), new_id()
    tx.session.add(
        ClientMoveRow(
            move_id=move_id,
            client_id=row.client_id,
            from_postcode=row.postcode,
            to_postcode=cmd.residence_postcode,
            from_office_id=move.from_office.office_id,
            to_office_id=move.to_office.office_id,
            moved_on=cmd.moved_on,
            recorded_at=now,
            recorded_by=by.staff_id,
            roles=",".join(sorted(by.roles)),
            purpose=purpose,
        )
    )
    row.postcode, row.office_id = cmd.residence_postcode, move.to_office.office_id
    await tx.publish(
        ClientMovedV1(
            client_id=row.client_id,
            household_id=row.household_id,
            move_id=move_id,
            from_office_id=move.from_office.office_id,
            office_id=move.to_office.office_id,
            from_district=move.from_office.district,
            district=move.to_office.district,
            moved_on=cmd.moved_on,
            recorded_at=now,
        )
    )
    return Moved(move_id, row.client_id, row.household_id, move.from_office.office_id, row.office_id, cmd.moved_on, now)
