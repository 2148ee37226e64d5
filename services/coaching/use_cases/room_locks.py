"""The lock that keeps a room from being booked twice: one transaction at a time books a given room.

Staff and clients are locked through their own rows; a room has none (rooms are data, `appointments.json`),
so a booking with a room first upserts the room's row in `room_locks`. On PostgreSQL the upsert holds that
row's lock until commit; a concurrent booking of the same room waits there, and its clash check (READ
COMMITTED, run after the wait) sees the first booking. On SQLite the upsert is a write, and SQLite lets one
writer in at a time.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.coaching.tables import RoomLockRow


async def lock_room(session: AsyncSession, key: str | None) -> None:
    """Hold `key` (a room id, or `location:<id>`) until the transaction ends; nothing without a room."""
    if key is None:
        return
    dialect: Any = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    now = datetime.now(UTC)
    table: Any = getattr(RoomLockRow, "__table__")  # noqa: B009 - SQLModel declares no __table__ for mypy
    statement = dialect.insert(table).values(room_key=key, locked_at=now)
    await session.execute(statement.on_conflict_do_update(index_elements=["room_key"], set_={"locked_at": now}))
