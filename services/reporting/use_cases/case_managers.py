"""The programme yardsticks' inputs from the latest case assignments: who manages each programme's cases, and
who takes part in which programme since when, among the people of the offices the caller sees.

Participations come from coaching's participation events with their start and end (`participations`, reporting
0004); for a client with none, the latest assignment stands for one open spell from its day on.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import String, select
from sqlalchemy import cast as sql_cast
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from services.reporting.domain.case_managers import case_managers_per_programme
from services.reporting.domain.facts import ProgrammeSpell
from services.reporting.tables import ParticipationRow, PersonRow, ProgrammeRow


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
    """Each visible client's participations with their start and end (coaching's participation events), and the
    programme of their latest assignment, open from its day on, unless a running participation is that programme
    (the base programme a case returns to after a participation, and cases from before participations)."""
    participations = (
        select(
            sql_cast(col(ParticipationRow.client_id), String),
            col(ParticipationRow.programme_id),
            col(ParticipationRow.started_on),
            col(ParticipationRow.ended_on),
        )
        .join(PersonRow, col(PersonRow.client_id) == col(ParticipationRow.client_id))
        .where(col(ParticipationRow.started_on).is_not(None))
    )
    assignments = (
        select(
            sql_cast(col(ProgrammeRow.client_id), String),
            col(ProgrammeRow.programme_id),
            col(ProgrammeRow.assigned_at),
            col(ProgrammeRow.assigned_on),
        )
        .join(PersonRow, col(PersonRow.client_id) == col(ProgrammeRow.client_id))
        .where(col(ProgrammeRow.programme_id).is_not(None))
    )
    if offices is not None:
        participations = participations.where(col(PersonRow.office_id).in_(sorted(offices)))
        assignments = assignments.where(col(PersonRow.office_id).in_(sorted(offices)))
    spells = [
        ProgrammeSpell(UUID(client), programme, started_on, ended_on)
        for client, programme, started_on, ended_on in (await session.execute(participations)).all()
        if started_on is not None  # as the query asks: an end whose start has not arrived yet is no spell
    ]
    running = {(s.client_id, s.programme_id) for s in spells if s.end is None}
    for client, programme, moment, day in (await session.execute(assignments)).all():
        if (client_id := UUID(client), programme) not in running:
            spells.append(ProgrammeSpell(client_id, str(programme), day or moment.date(), None))
    return spells
