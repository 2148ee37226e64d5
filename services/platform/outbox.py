"""The transactional outbox: events are rows written in the same commit as the state change."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from contracts.envelope import Envelope
from contracts.events import Event, event_class
from services.platform.ids import new_id
from services.platform.plumbing_tables import PlumbingTables


class Outbox:
    def __init__(self, tables: PlumbingTables, source: str) -> None:
        self._table = tables.outbox
        self._source = source

    @property
    def source(self) -> str:
        return self._source

    async def add(self, session: AsyncSession, event: Event, event_id: UUID | None = None) -> UUID:
        """Stage `event` in the caller's transaction; it is published only if that commits."""
        event_id = event_id or new_id()
        await session.execute(insert(self._table).values(_row(event, event_id)))
        return event_id

    async def add_many(
        self, session: AsyncSession, events: Sequence[Event], event_ids: Sequence[UUID] | None = None
    ) -> list[UUID]:
        """Stage several events with one multi-row INSERT (in this order); for bulk use cases."""
        ids = event_ids if event_ids is not None else [new_id() for _ in events]
        rows = [_row(event, event_id) for event, event_id in zip(events, ids, strict=True)]
        if rows:
            await session.execute(insert(self._table), rows)
        return [row["event_id"] for row in rows]

    def envelope_of(self, row: dict[str, object]) -> Envelope:
        data = event_class(str(row["event_type"])).model_validate(row["payload"])
        occurred_at = row["occurred_at"]  # a UTC moment (UtcDateTime), on SQLite too
        assert isinstance(occurred_at, datetime)
        return Envelope(id=UUID(str(row["event_id"])), source=self._source, time=occurred_at, data=data)


def _row(event: Event, event_id: UUID) -> dict[str, Any]:
    return {
        "event_id": event_id,
        "topic": event.topic.name,
        "event_type": event.type,
        "partition_key": event.partition_key(),
        "occurred_at": datetime.now(UTC),
        "payload": event.model_dump(mode="json"),
    }
