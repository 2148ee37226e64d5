"""INSERT … ON CONFLICT for the read model on both of its databases (SQLite embedded, PostgreSQL).

SQLAlchemy spells the statement per dialect; both accept the same `on_conflict_do_nothing` /
`on_conflict_do_update` calls, so the use cases ask here for the one their session's database speaks.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession


def insert(session: AsyncSession, table: Any) -> Any:
    """An insert of `table` (a SQLModel class or a Table) that knows ON CONFLICT on this session's database."""
    target = getattr(table, "__table__", table)
    if session.get_bind().dialect.name == "postgresql":
        return postgresql.insert(target)
    return sqlite.insert(target)
