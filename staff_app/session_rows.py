"""The staff app's one table, `staff_sessions`, in its own database (SQLite by default, PostgreSQL by settings).

The only module of the staff app that speaks SQL, allowed by one exception in `.importlinter`: the staff app
owns no case data, only who is signed in. Its schema comes from `staff_app/migrations` (Alembic), run as an
explicit step before the app starts (`python -m staff_app.migrate`), as the services do with theirs.
"""

from __future__ import annotations

from typing import Any

import sqlalchemy as sa
from sqlalchemy import event
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

from staff_app.session_seal import SealBroken, SessionSeal
from staff_app.sessions import Session, key_of

metadata = sa.MetaData()

staff_sessions = sa.Table(
    "staff_sessions",
    metadata,
    sa.Column("session_key", sa.String(64), primary_key=True),  # SHA-256 of the session id, never the id
    sa.Column("staff_id", sa.String(200), nullable=True),  # null before sign-in
    sa.Column("idle_until", sa.Float, nullable=False, index=True),  # seconds since the epoch
    sa.Column("sealed", sa.LargeBinary, nullable=False),  # CSRF token, staff, access token, OIDC state
)


def create_engine(url: str) -> AsyncEngine:
    if url.startswith("sqlite"):
        engine = create_async_engine(url, connect_args={"timeout": 30})
        event.listen(engine.sync_engine, "connect", _tune_sqlite)
        return engine
    return create_async_engine(url, pool_size=5, max_overflow=5, pool_pre_ping=True)


def _tune_sqlite(dbapi_connection: Any, _record: Any) -> None:
    # Several staff app processes on one file: WAL lets them read while one writes; busy_timeout waits.
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA busy_timeout=30000")
    cursor.close()


class SessionTable:
    """`sessions.SessionRows` over SQL: one statement per call, each its own transaction."""

    def __init__(self, engine: AsyncEngine, seal: SessionSeal) -> None:
        self._engine, self._seal = engine, seal

    async def insert(self, session: Session) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(staff_sessions.insert().values(**self._row(session)))

    async def find(self, session_id: str) -> Session | None:
        key = key_of(session_id)
        query = sa.select(staff_sessions.c.idle_until, staff_sessions.c.sealed).where(
            staff_sessions.c.session_key == key
        )
        async with self._engine.connect() as connection:
            row = (await connection.execute(query)).first()
        if row is None:
            return None
        try:
            return self._seal.open(session_id, key, row.idle_until, row.sealed)
        except SealBroken:  # sealed under another key (rotated) or altered: the session is worth nothing
            return None

    async def update(self, session: Session) -> None:
        row = self._row(session)
        del row["session_key"]
        statement = staff_sessions.update().where(staff_sessions.c.session_key == session.key).values(**row)
        async with self._engine.begin() as connection:
            await connection.execute(statement)

    async def delete(self, key: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(staff_sessions.delete().where(staff_sessions.c.session_key == key))

    async def delete_idle(self, now: float) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(staff_sessions.delete().where(staff_sessions.c.idle_until < now))

    def _row(self, session: Session) -> dict[str, Any]:
        return {
            "session_key": session.key,
            "staff_id": session.staff.staff_id if session.staff else None,
            "idle_until": session.idle_until,
            "sealed": self._seal.seal(session),
        }
