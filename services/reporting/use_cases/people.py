"""Who the people of the district are: registrations (intake) and their programmes (coaching)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from uuid import UUID
from zoneinfo import ZoneInfo

from contracts.events import CaseAssignedV1, ClientRegisteredV1, ParticipationEndedV1, ParticipationStartedV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import ParticipationRow, PersonRow, ProgrammeRow
from services.reporting.upserts import insert

PERSON = ("household_id", "office_id", "sex", "target_groups", "registered_at")
# client, programme, since (the moment: the latest wins), case worker, the day it took effect (the spell's start)
ProgrammeFact = tuple[UUID, str | None, datetime, str | None, date]
BERLIN = ZoneInfo("Europe/Berlin")


def _assignment_day(event: CaseAssignedV1) -> date:
    """The day the case manager took the client on; older events: the Berlin day of the moment."""
    return event.assigned_on or event.assigned_at.astimezone(BERLIN).date()


async def record_person(tx: Transaction, event: ClientRegisteredV1) -> None:
    await record_people(tx, [event])


async def record_people(tx: Transaction, events: Sequence[ClientRegisteredV1]) -> None:
    """In one upsert; a client's last registration in `events` stands, as if applied one by one."""
    latest = {e.client_id: e for e in events}
    if not latest:
        return
    rows = [
        {
            "client_id": e.client_id,
            "household_id": e.household_id,
            "office_id": e.office_id,
            "sex": e.sex,
            "target_groups": sorted(e.target_groups),
            "registered_at": e.registered_at,
        }
        for e in latest.values()
    ]
    statement = insert(tx.session, PersonRow)
    statement = statement.on_conflict_do_update(
        index_elements=["client_id"], set_={name: statement.excluded[name] for name in PERSON}
    )
    await tx.session.execute(statement, rows)


async def record_programme(tx: Transaction, event: CaseAssignedV1) -> None:
    await record_programmes(tx, [event])


async def record_enrolment(tx: Transaction, event: ParticipationStartedV1) -> None:
    """An enrolment puts the client into the programme's figures from its moment (the case worker stays), and
    opens the participation."""
    await _programmes_since(tx, [(event.client_id, event.program_id, event.started_at, None, event.started_on)])
    await _participation(tx, event.participation_id, event.client_id, event.program_id, started_on=event.started_on)


async def record_participation_end(tx: Transaction, event: ParticipationEndedV1) -> None:
    """The end of a participation puts the client back into the programme their case follows next."""
    await _programmes_since(tx, [(event.client_id, event.next_program_id, event.ended_at, None, event.ended_on)])
    await _participation(tx, event.participation_id, event.client_id, event.program_id, ended_on=event.ended_on)


async def _participation(
    tx: Transaction, participation_id: UUID, client_id: UUID, programme_id: str, **day: date
) -> None:
    """The participation's start or end day, whichever of its events came first: each sets its own column."""
    row = {"participation_id": participation_id, "client_id": client_id, "programme_id": programme_id, **day}
    statement = insert(tx.session, ParticipationRow)
    statement = statement.on_conflict_do_update(
        index_elements=["participation_id"], set_={name: statement.excluded[name] for name in day}
    )
    await tx.session.execute(statement, [row])


async def record_programmes(tx: Transaction, events: Sequence[CaseAssignedV1]) -> None:
    """The latest assignment wins, by its moment (a later one of the same moment too); in one upsert."""
    await _programmes_since(
        tx, [(e.client_id, e.program_id, e.assigned_at, e.case_worker_id, _assignment_day(e)) for e in events]
    )


async def _programmes_since(tx: Transaction, facts: Sequence[ProgrammeFact]) -> None:
    """The latest fact wins, by its moment, so the topic's order within a rebuild does not matter. A fact without a
    case worker (a participation's start or end) leaves the one of the last assignment. The day is the fact's own
    (a dated assignment, a participation's start or end day), which the demo's calendar puts in the past."""
    latest: dict[UUID, ProgrammeFact] = {}
    for fact in facts:
        if fact[0] not in latest or fact[2] >= latest[fact[0]][2]:
            latest[fact[0]] = fact
    table = ProgrammeRow.__table__  # type: ignore[attr-defined]
    for with_worker in (True, False):
        rows = [
            {
                "client_id": client_id,
                "programme_id": programme_id,
                "assigned_at": since,
                "assigned_on": day,
                "case_worker_id": worker,
            }
            for client_id, programme_id, since, worker, day in latest.values()
            if (worker is not None) == with_worker
        ]
        if not rows:
            continue
        statement = insert(tx.session, ProgrammeRow)
        updated = {
            "programme_id": statement.excluded.programme_id,
            "assigned_at": statement.excluded.assigned_at,
            "assigned_on": statement.excluded.assigned_on,
        }
        if with_worker:
            updated["case_worker_id"] = statement.excluded.case_worker_id
        statement = statement.on_conflict_do_update(
            index_elements=["client_id"], set_=updated, where=statement.excluded.assigned_at >= table.c.assigned_at
        )
        await tx.session.execute(statement, rows)
