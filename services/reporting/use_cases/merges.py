"""Merged duplicates (intake client_merged): the duplicate's facts count for the client it was merged into.

A merge is recorded (`merged_clients`, rebuilt from the topic like every fact) and then folded: the duplicate's
rows are moved to the survivor — its registration goes (the person is counted once), a month both were needy or
in contact counts once, respectively with both counts added. A rebuild reads the clients' topic before the
others, so the duplicate's other facts arrive after its merge: the rebuild folds every recorded merge again at
its end (`fold_all`), and folding twice moves nothing the second time.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import delete, exists, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import ClientMergedV1
from services.platform.unit_of_work import Transaction
from services.reporting.domain.merges import survivor_of
from services.reporting.tables import (
    ContactMonthRow,
    EmploymentMonthRow,
    EmploymentRow,
    MergedClientRow,
    NeedyMonthRow,
    ParticipationRow,
    PersonRow,
    ProgrammeRow,
)
from services.reporting.upserts import insert

merges: Any = MergedClientRow.__table__  # type: ignore[attr-defined]
MOVED = [getattr(row, "__table__") for row in (ParticipationRow, EmploymentRow, EmploymentMonthRow)]  # noqa: B009
KEPT_BY_SURVIVOR = [getattr(row, "__table__") for row in (PersonRow, ProgrammeRow)]  # noqa: B009
needy: Any = NeedyMonthRow.__table__  # type: ignore[attr-defined]
contacts: Any = ContactMonthRow.__table__  # type: ignore[attr-defined]


async def follow_merge(tx: Transaction, event: ClientMergedV1) -> None:
    statement = insert(tx.session, MergedClientRow).on_conflict_do_nothing(index_elements=["client_id"])
    row = {"client_id": event.client_id, "merged_into": event.merged_into, "merged_at": event.merged_at}
    await tx.session.execute(statement, [row])
    await fold_all(tx.session)


async def fold_all(session: AsyncSession) -> None:
    """Every recorded merge's duplicate folded into the end of its chain; again, it moves nothing."""
    rows = (await session.execute(select(merges.c.client_id, merges.c.merged_into))).all()
    chains: dict[UUID, UUID] = {duplicate: survivor for duplicate, survivor in rows}
    for duplicate in chains:
        survivor = survivor_of(duplicate, chains)
        if survivor != duplicate:
            await fold(session, duplicate, survivor)


async def fold(session: AsyncSession, duplicate: UUID, survivor: UUID) -> None:
    for table in MOVED:
        await session.execute(update(table).where(table.c.client_id == duplicate).values(client_id=survivor))
    for table in KEPT_BY_SURVIVOR:  # the survivor's registration and assignment stand; else the duplicate's
        survivor_has = exists().where(table.c.client_id == survivor)
        await session.execute(delete(table).where(table.c.client_id == duplicate, survivor_has))
        await session.execute(update(table).where(table.c.client_id == duplicate).values(client_id=survivor))
    await _fold_needy_months(session, duplicate, survivor)
    await _fold_contacts(session, duplicate, survivor)


async def _fold_needy_months(session: AsyncSession, duplicate: UUID, survivor: UUID) -> None:
    months = (await session.execute(select(needy).where(needy.c.client_id == duplicate))).mappings().all()
    if months:
        rows = [dict(m) | {"client_id": survivor} for m in months]
        await session.execute(
            insert(session, needy).on_conflict_do_nothing(index_elements=["client_id", "month"]), rows
        )
        await session.execute(delete(needy).where(needy.c.client_id == duplicate))


async def _fold_contacts(session: AsyncSession, duplicate: UUID, survivor: UUID) -> None:
    months = (await session.execute(select(contacts).where(contacts.c.client_id == duplicate))).mappings().all()
    if months:
        statement = insert(session, contacts)
        statement = statement.on_conflict_do_update(
            index_elements=["client_id", "month"], set_={"contacts": contacts.c.contacts + statement.excluded.contacts}
        )
        await session.execute(statement, [dict(m) | {"client_id": survivor} for m in months])
        await session.execute(delete(contacts).where(contacts.c.client_id == duplicate))
