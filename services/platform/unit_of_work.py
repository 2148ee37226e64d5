"""One transaction for a use case: its state changes, its outbox rows, its inbox claim."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts.envelope import Envelope
from contracts.events import Event
from services.platform.inbox import Inbox
from services.platform.outbox import Outbox


@dataclass
class Transaction:
    session: AsyncSession
    _outbox: Outbox

    async def publish(self, event: Event) -> UUID:
        """Stage an event; it leaves the service only if this transaction commits."""
        return await self._outbox.add(self.session, event)

    async def publish_many(self, events: Sequence[Event], event_ids: Sequence[UUID] | None = None) -> list[UUID]:
        """Stage several events in one statement; they leave the service only if this transaction commits."""
        return await self._outbox.add_many(self.session, events, event_ids)


class UnitOfWork:
    def __init__(self, sessions: async_sessionmaker[AsyncSession], outbox: Outbox, inbox: Inbox) -> None:
        self.sessions = sessions
        self._outbox = outbox
        self._inbox = inbox

    @asynccontextmanager
    async def transaction(self) -> AsyncIterator[Transaction]:
        async with self.sessions() as session, session.begin():
            yield Transaction(session, self._outbox)

    async def apply_once(
        self, consumer: str, envelope: Envelope, effect: Callable[[Transaction], Awaitable[None]]
    ) -> bool:
        """Apply `effect` unless `consumer` already did for this event id; True if applied."""
        async with self.transaction() as tx:
            if not await self._inbox.claim(tx.session, consumer, envelope):
                return False
            await effect(tx)
            return True
