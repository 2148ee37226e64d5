"""The programme yardsticks' inputs from the latest case assignments: who manages each programme's cases, and
who takes part in which programme since when, among the people of the offices the caller sees.

The read model keeps each client's latest assignment only, so a participation is one open spell from that
assignment on (`ProgrammeSpell` with no end); an earlier programme of the same client is not known here.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import String, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.reporting.domain.case_managers import case_managers_per_programme
from services.reporting.domain.facts import ProgrammeSpell
from services.reporting.tables import PersonRow, ProgrammeRow


async def case_managers(session: AsyncSession, offices: frozenset[str] | None) -> dict[str, int]:
    """Per programme id, the case managers holding a case of it among the people of `offices` (None: all)."""
    statement = (
        select(col(ProgrammeRow.programme_id), col(ProgrammeRow.case_worker_id))
        .distinct()
        .join(PersonRow, col(PersonRow.client_id) == col(ProgrammeRow.client_id))
    )
    if offices is not None:
        statement = statement.where(col(PersonRow.office_id).in_(sorted(offices)))
    rows = (await session.execute(statement)).all()
    return case_managers_per_programme((programme, worker) for programme, worker in rows)


async def programme_spells(session: AsyncSession, offices: frozenset[str] | None) -> list[ProgrammeSpell]:
    """Each visible client's participation in the programme of their latest assignment, from its day on."""
    statement = (
        select(
            sql_cast(col(ProgrammeRow.client_id), String), col(ProgrammeRow.programme_id), col(ProgrammeRow.assigned_at)
        )
        .join(PersonRow, col(PersonRow.client_id) == col(ProgrammeRow.client_id))
        .where(col(ProgrammeRow.programme_id).is_not(None))
    )
    if offices is not None:
        statement = statement.where(col(PersonRow.office_id).in_(sorted(offices)))
    rows = (await session.execute(statement)).all()
    return [ProgrammeSpell(UUID(client), str(programme), moment.date(), None) for client, programme, moment in rows]
