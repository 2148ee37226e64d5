"""The inbox: a consumer claims an event id in the same transaction as the event's effect."""

from __future__ import annotations

from datetime import UTC, datetime

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Envelope
from services.platform.plumbing_tables import PlumbingTables


class Inbox:
    def __init__(self, tables: PlumbingTables) -> None:
        self._table = tables.inbox

    async def claim(self, session: AsyncSession, consumer: str, envelope: Envelope) -> bool:
        """False when `consumer` already processed this event: the caller does nothing then.

        A concurrent duplicate that slips past the check fails the commit on the primary
        key, so the effect is still applied once.
        """
        seen = await session.execute(
            select(self._table.c.event_id).where(
                self._table.c.consumer == consumer, self._table.c.event_id == envelope.id
            )
        )
        if seen.first() is not None:
            return False
        await session.execute(
            self._table.insert().values(
                consumer=consumer,
                event_id=envelope.id,
                event_type=envelope.type,
                processed_at=datetime.now(UTC),
            )
        )
        return True
