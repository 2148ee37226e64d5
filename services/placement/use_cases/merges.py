"""Intake merged a duplicate registration into another (`client_merged.v1`): placement moves what it holds of the
duplicate to the kept client, in one transaction, and records what moved (`client_merges`, append-only).

- The placement profile: the kept client's stands, completed from the duplicate's (`domain/merges.py`); where
  the kept client has none, the duplicate's becomes theirs. The duplicate's registration profile goes.
- Job searches, proposals and employments (with their continuation checks) go to the kept client; a second
  open search closes (`merged`), so the person has one.
The event heard again finds the record and changes nothing.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import delete, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.events import ClientMergedV1
from services.placement.domain.merges import merged_profile
from services.placement.domain.model import SearchStatus
from services.placement.tables import (
    ClientMergeRow,
    ClientProfileRow,
    EmploymentRow,
    JobSearchRow,
    PlacementProfileRow,
    ProposalRow,
)
from services.platform.unit_of_work import Transaction

profiles: Any = PlacementProfileRow.__table__  # type: ignore[attr-defined]
searches: Any = JobSearchRow.__table__  # type: ignore[attr-defined]


async def follow_merge(tx: Transaction, event: ClientMergedV1) -> None:
    session, gone, kept = tx.session, event.client_id, event.merged_into
    if await session.get(ClientMergeRow, gone) is not None:
        return
    moved: dict[str, Any] = {"placement_profile": await _merge_profiles(session, gone, kept)}
    moved["closed_search"] = await _close_second_open_search(session, gone, kept)
    for name, row in (("job_searches", JobSearchRow), ("proposals", ProposalRow), ("employments", EmploymentRow)):
        moved[name] = await _move(session, row, gone, kept)
    await session.execute(delete(ClientProfileRow).where(ClientProfileRow.client_id == gone))  # type: ignore[arg-type]
    session.add(
        ClientMergeRow(
            client_id=gone, merged_into=kept, merged_at=event.merged_at, moved=moved, recorded_at=datetime.now(UTC)
        )
    )


async def _merge_profiles(session: AsyncSession, gone: UUID, kept: UUID) -> str:
    rows = {
        r["client_id"]: dict(r)
        for r in (await session.execute(select(profiles).where(profiles.c.client_id.in_([gone, kept])))).mappings()
    }
    if gone not in rows:
        return "none"
    if kept not in rows:
        await session.execute(update(profiles).where(profiles.c.client_id == gone).values(client_id=kept))
        return "taken"
    values = merged_profile(rows[kept], rows[gone])
    await session.execute(delete(profiles).where(profiles.c.client_id == gone))
    await session.execute(update(profiles).where(profiles.c.client_id == kept).values(**values))
    return "completed"


async def _close_second_open_search(session: AsyncSession, gone: UUID, kept: UUID) -> str | None:
    open_ = searches.c.status == SearchStatus.OPEN
    kept_open = (await session.execute(select(searches.c.search_id).where(searches.c.client_id == kept, open_))).first()
    if kept_open is None:
        return None
    closed = (await session.execute(select(searches.c.search_id).where(searches.c.client_id == gone, open_))).scalar()
    if closed is not None:
        values = {"status": SearchStatus.CLOSED, "closed_at": datetime.now(UTC), "closed_reason": "merged"}
        await session.execute(update(searches).where(searches.c.search_id == closed).values(**values))
    return None if closed is None else str(closed)


async def _move(session: AsyncSession, row: Any, gone: UUID, kept: UUID) -> list[str]:
    table = row.__table__
    key = next(iter(table.primary_key.columns))
    ids = (await session.execute(select(key).where(table.c.client_id == gone))).scalars().all()
    if ids:
        await session.execute(update(table).where(table.c.client_id == gone).values(client_id=kept))
    return sorted(str(i) for i in ids)
