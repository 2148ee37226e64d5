"""Who the people of the district are: registrations (intake) and their programmes (coaching)."""

from __future__ import annotations

from collections.abc import Sequence

from contracts.events import CaseAssignedV1, ClientRegisteredV1
from services.platform.unit_of_work import Transaction
from services.reporting.tables import PersonRow, ProgrammeRow
from services.reporting.upserts import insert

PERSON = ("household_id", "office_id", "sex", "target_groups", "registered_at")


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


async def record_programmes(tx: Transaction, events: Sequence[CaseAssignedV1]) -> None:
    """The latest assignment wins, by its moment (a later one of the same moment too), so the topic's order within a
    rebuild does not matter; in one upsert."""
    latest: dict[object, CaseAssignedV1] = {}
    for e in events:
        if e.client_id not in latest or e.assigned_at >= latest[e.client_id].assigned_at:
            latest[e.client_id] = e
    if not latest:
        return
    rows = [
        {"client_id": e.client_id, "programme_id": e.program_id, "assigned_at": e.assigned_at} for e in latest.values()
    ]
    statement = insert(tx.session, ProgrammeRow)
    table = ProgrammeRow.__table__  # type: ignore[attr-defined]
    statement = statement.on_conflict_do_update(
        index_elements=["client_id"],
        set_={"programme_id": statement.excluded.programme_id, "assigned_at": statement.excluded.assigned_at},
        where=statement.excluded.assigned_at >= table.c.assigned_at,
    )
    await tx.session.execute(statement, rows)
