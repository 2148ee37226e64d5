"""Who the people of the district are: registrations (intake) and their programmes (coaching)."""

from __future__ import annotations

from typing import Any

from contracts.events import CaseAssignedV1, ClientRegisteredV1
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
    """The latest assignment wins, by its moment, so the topic's order within a rebuild does not matter."""
    row = await tx.session.get(ProgrammeRow, event.client_id)
    if row is None:
        tx.session.add(
            ProgrammeRow(
                client_id=event.client_id,
                programme_id=event.program_id,
                case_worker_id=event.case_worker_id,
                assigned_at=event.assigned_at,
            )
        )
    elif event.assigned_at >= row.assigned_at:
        row.programme_id, row.case_worker_id, row.assigned_at = (
            event.program_id,
            event.case_worker_id,
            event.assigned_at,
        )
