"""Who the people of the district are: registrations (intake) and their programmes (coaching)."""

from __future__ import annotations

from datetime import datetime
from typing import Any
from uuid import UUID

from contracts.events import CaseAssignedV1, ClientRegisteredV1, ParticipationEndedV1, ParticipationStartedV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import PersonRow, ProgrammeRow


async def record_person(tx: Transaction, event: ClientRegisteredV1) -> None:
    row = await tx.session.get(PersonRow, event.client_id)
    values: dict[str, Any] = {
        "household_id": event.household_id,
        "office_id": event.office_id,
        "sex": event.sex,
        "target_groups": sorted(event.target_groups),
        "registered_at": event.registered_at,
    }
    if row is None:
        tx.session.add(PersonRow(client_id=event.client_id, **values))
        return
    for name, value in values.items():
        setattr(row, name, value)


async def record_programme(tx: Transaction, event: CaseAssignedV1) -> None:
    await _programme_since(tx, event.client_id, event.program_id, event.assigned_at)


async def record_enrolment(tx: Transaction, event: ParticipationStartedV1) -> None:
    """An enrolment puts the client into the programme's figures from its moment."""
    await _programme_since(tx, event.client_id, event.program_id, event.started_at)


async def record_participation_end(tx: Transaction, event: ParticipationEndedV1) -> None:
    """The end of a participation puts the client back into the programme their case follows next."""
    await _programme_since(tx, event.client_id, event.next_program_id, event.ended_at)


async def _programme_since(tx: Transaction, client_id: UUID, programme_id: str | None, since: datetime) -> None:
    """The latest fact wins, by its moment, so the topic's order within a rebuild does not matter."""
    row = await tx.session.get(ProgrammeRow, client_id)
    if row is None:
        tx.session.add(ProgrammeRow(client_id=client_id, programme_id=programme_id, assigned_at=since))
    elif since >= row.assigned_at:
        row.programme_id, row.assigned_at = programme_id, since
