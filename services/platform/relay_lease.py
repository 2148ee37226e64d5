"""One active relay per service database: a lease row, taken over only once it expired.

The same mechanism serves SQLite and PostgreSQL; marking rows sent renews the lease in
the same transaction, so a relay that lost its lease never marks anything.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from sqlalchemy import insert, or_, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services.platform.plumbing_tables import PlumbingTables

_LEASE_ROW = 1


class RelayLease:
    def __init__(
        self, sessions: async_sessionmaker[AsyncSession], tables: PlumbingTables, holder: str, seconds: float
    ) -> None:
        self._sessions = sessions
        self._table = tables.relay_lease
        self.holder = holder
        self._ttl = timedelta(seconds=seconds)

    async def acquire(self) -> bool:
        """Take or renew the lease; False while another live relay holds it."""
        now = _utcnow()
        async with self._sessions() as session, session.begin():
            if await self.renew(session, now):
                return True
            try:
                async with session.begin_nested():
                    await session.execute(
                        insert(self._table).values(id=_LEASE_ROW, holder=self.holder, expires_at=now + self._ttl)
                    )
                return True
            except IntegrityError:
                return False

    async def renew(self, session: AsyncSession, now: datetime | None = None) -> bool:
        now = now or _utcnow()
        result = await session.execute(
            update(self._table)
            .where(self._table.c.id == _LEASE_ROW)
            .where(or_(self._table.c.holder == self.holder, self._table.c.expires_at < now))
            .values(holder=self.holder, expires_at=now + self._ttl)
        )
        return bool(result.rowcount)  # type: ignore[attr-defined]

    async def release(self) -> None:
        async with self._sessions() as session, session.begin():
            await session.execute(
                update(self._table)
                .where(self._table.c.holder == self.holder)
                .values(expires_at=datetime(1970, 1, 1, tzinfo=UTC))
            )


def _utcnow() -> datetime:
    return datetime.now(UTC)
