"""Erased persons stay erased in the read model: also after a rebuild, and for a fact that arrives late.

The events name clients by id, so re-reading the topics (`rebuild`) would bring an erased person's id back into
the rows. Erasure leaves a tombstone (`erased_persons`: an id and a time) that no rebuild drops; the rebuild's
last step, and the live consumers after each fact about an erased client, anonymise that client's rows again as
the erasure did (`person_data.py`: one new random id in place of the person's), so the figures stay and no row
leads back to the person.
"""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from services.reporting.person_data import PERSON_DATA
from services.reporting.tables import person_keys


async def erased(session: AsyncSession, client_id: UUID) -> bool:
    found = await session.execute(
        select(person_keys.erased.c.client_id).where(person_keys.erased.c.client_id == client_id)
    )
    return found.first() is not None


async def forget_erased(session: AsyncSession) -> int:
    """Every tombstoned person's rows anonymised again; how many rows it changed (0 when none came back)."""
    changed = 0
    for client_id in (await session.execute(select(person_keys.erased.c.client_id))).scalars().all():
        changed += await forget_erased_one(session, client_id)
    return changed


async def forget_erased_one(session: AsyncSession, client_id: UUID) -> int:
    return sum((await PERSON_DATA.erase_rows(session, client_id)).values())
