"""One batch of an import: one transaction for a few hundred records.

What a registration looks up one statement at a time is taken once for the whole batch: the legacy ids
imported before (one query), the duplicate candidates of every record's near birth dates (one query; the
records registered earlier in the batch join them as they are registered), the client numbers (the counter
row is locked at the start of the batch and set once at its end: a refused record takes no number, numbers
stay without gaps). What it writes one statement at a time is written once at the batch's end, a multi-row
INSERT per table: the clients (one flush), their name tokens, the legacy ids, the outbox rows, the new
clients' data keys and the audit entries of their sealed writes. A record is refused before it writes
anything (`clients.admitted`), so no savepoint is needed to keep the others of its batch. Registrations
elsewhere wait for the counter's lock while a batch runs (well under a second).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from typing import Any
from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession
from sqlmodel import col

from contracts.events import Event
from services.intake.domain.client_numbers import client_number
from services.intake.domain.duplicates import OnFile, near_birth_dates
from services.intake.tables import (
    ClientNameTokenRow,
    ClientNumberCounterRow,
    ClientRow,
    ImportedRecordRow,
    name_token_values,
)
from services.intake.use_cases.clients import Lookups
from services.intake.use_cases.duplicates import ON_FILE_COLUMNS
from services.platform.ids import new_id
from services.platform.privacy.audit import Access, AccessAction, record_all
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.vault import SpecialCategories
from services.platform.unit_of_work import Transaction

DATES_PER_QUERY = 10_000  # bound parameters of one IN list, well below SQLite's and asyncpg's limits


@lru_cache(maxsize=65_536)
def _near(born: date) -> tuple[date, ...]:
    return tuple(near_birth_dates(born))  # asked twice per record (candidates, then the check): computed once


@dataclass
class StagedTransaction(Transaction):
    """The batch's transaction: events are kept until the batch ends, then staged with one INSERT."""

    events: list[tuple[UUID, Event]] = field(default_factory=list)

    async def publish(self, event: Event) -> UUID:
        event_id = new_id()
        self.events.append((event_id, event))
        return event_id

    async def publish_many(self, events: Sequence[Event], event_ids: Sequence[UUID] | None = None) -> list[UUID]:
        return [await self.publish(event) for event in events]

    async def stage_events(self) -> None:
        await Transaction.publish_many(self, [e for _, e in self.events], [i for i, _ in self.events])


@dataclass(frozen=True)
class StagedVault(SpecialCategories):
    """Seals for clients registered in this batch only: their ids are new, so each gets a fresh key without
    looking one up; the key rows and the audit entries of the writes are kept until the batch ends."""

    keys: list[dict[str, object]] = field(default_factory=list)
    writes: list[Access] = field(default_factory=list)
    # One key per client, however many of their values are sealed (the registration's, the import's obstacles).
    # A refused record's entry may stay: its client id is never used again.
    ciphers: dict[UUID, FieldCipher] = field(default_factory=dict)

    async def seal(self, session: AsyncSession, access: Access, row_id: UUID, value: Any) -> str:
        if self.person_keys is None:
            cipher = self.cipher
        elif (known := self.ciphers.get(access.client_id)) is not None:
            cipher = known
        else:
            cipher, key_row = self.person_keys.fresh(access.client_id)
            self.keys.append(key_row)
            self.ciphers[access.client_id] = cipher
        self.writes.append(access)
        return cipher.seal_json(value, field_context(access.field, row_id))

    async def stage(self, session: AsyncSession) -> None:
        if self.keys and self.person_keys is not None:
            await session.execute(self.person_keys.tables.keys.insert(), self.keys)
        await record_all(session, self.audit, self.writes, AccessAction.WRITE)


@dataclass
class Batch:
    tx: StagedTransaction
    vault: StagedVault
    known: dict[str, tuple[UUID, str | None]]  # legacy id → client id and number, imported before
    next_number: int
    on_file: dict[date, list[OnFile]]
    tokens: list[dict[str, object]] = field(default_factory=list)
    imported: list[dict[str, object]] = field(default_factory=list)

    @property
    def lookups(self) -> Lookups:
        return Lookups(number=self._number, candidates=self._candidates, store=self._store)

    async def _store(self, session: AsyncSession, row: ClientRow) -> None:
        """The client row is flushed with the others of the batch (or before a duplicate pair naming it: the
        pairs' query flushes it); its name tokens, which need it first, are inserted at the end."""
        session.add(row)
        self.tokens += name_token_values(row.client_id, row.given_name, row.family_name)

    def imported_as(
        self,
        legacy_id: str,
        client_id: UUID,
        import_id: UUID,
        at: datetime,
        sealed_obstacles: str | None,
        sealed_household: str | None = None,
    ) -> None:
        self.imported.append({"legacy_id": legacy_id, "client_id": client_id, "import_id": import_id,
                              "imported_at": at, "sealed_obstacles": sealed_obstacles,
                              "sealed_household": sealed_household})  # fmt: skip

    async def _number(self, _session: AsyncSession) -> str:
        self.next_number += 1
        return client_number(self.next_number - 1)

    async def _candidates(self, _tx: Transaction, person: OnFile) -> list[OnFile]:
        on_file, me = self.on_file, person.client_id
        return [o for d in _near(person.birth_date) if d in on_file for o in on_file[d] if o.client_id != me]

    def registered(self, person: OnFile) -> None:
        self.on_file[person.birth_date].append(person)

    async def close(self) -> None:
        session = self.tx.session
        await session.flush()  # the clients before the rows that name them
        for table, rows in ((ClientNameTokenRow, self.tokens), (ImportedRecordRow, self.imported)):
            if rows:
                await session.execute(insert(table), rows)
        counter = update(ClientNumberCounterRow).where(col(ClientNumberCounterRow.id) == 1)
        await self.tx.session.execute(counter.values(last=self.next_number - 1))
        await self.tx.stage_events()
        await self.vault.stage(self.tx.session)


async def open_batch(
    tx: Transaction, legacy_ids: Sequence[str], births: Iterable[date], vault: SpecialCategories
) -> Batch:
    """Takes the counter's lock first: a write, so SQLite's transaction has begun before the first savepoint."""
    staged = StagedTransaction(tx.session, tx._outbox)
    staged_vault = StagedVault(vault.cipher, vault.audit, vault.readers, vault.person_keys)
    last = await _lock_counter(tx.session)
    known, on_file = await _known(tx.session, legacy_ids), await _on_file(tx.session, births)
    return Batch(staged, staged_vault, known, last + 1, on_file)


async def _lock_counter(session: AsyncSession) -> int:
    counter = col(ClientNumberCounterRow.last)
    locked = update(ClientNumberCounterRow).where(col(ClientNumberCounterRow.id) == 1).values(last=counter)
    return int((await session.execute(locked.returning(counter))).scalar_one())


async def _known(session: AsyncSession, legacy_ids: Sequence[str]) -> dict[str, tuple[UUID, str | None]]:
    query = (
        select(col(ImportedRecordRow.legacy_id), col(ImportedRecordRow.client_id), col(ClientRow.client_number))
        .outerjoin(ClientRow, col(ClientRow.client_id) == col(ImportedRecordRow.client_id))
        .where(col(ImportedRecordRow.legacy_id).in_(legacy_ids))
    )
    return {legacy_id: (client_id, number) for legacy_id, client_id, number in (await session.execute(query)).all()}


async def _on_file(session: AsyncSession, births: Iterable[date]) -> dict[date, list[OnFile]]:
    dates = sorted({d for born in set(births) for d in _near(born)})
    found: dict[date, list[OnFile]] = defaultdict(list)
    for start in range(0, len(dates), DATES_PER_QUERY):
        query = select(*ON_FILE_COLUMNS).where(
            col(ClientRow.birth_date).in_(dates[start : start + DATES_PER_QUERY]), col(ClientRow.merged_into).is_(None)
        )
        for row in (await session.execute(query)).all():
            person = OnFile(**row._asdict())
            found[person.birth_date].append(person)
    return found
