"""Per-person data keys, so that erasing one key makes a person's sealed data unreadable (crypto-shredding).

Every sealed field of a person is encrypted with that person's own AES-256 key (key id `person` in the
sealed value). The key is stored wrapped — sealed with the service's key ring, bound to the person's id —
in `person_keys`, and made lazily on the person's first sealed write. Values sealed before this existed
name a key of the service's ring (`k1:…`) and still open with it until they are written again.

Erasure deletes the key row and leaves a tombstone in `erased_persons` (an id and a time, nothing else):
every copy of the person's sealed values — in this database, its backups, replicas — then opens to
nothing, and no key is ever made for that person again.
"""

from __future__ import annotations

import base64
from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from sqlalchemy import Column, MetaData, Table, Text, Uuid, delete, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.columns import UtcDateTime
from services.platform.privacy.cipher import FieldCipher, field_context

PERSON_KEY_ID = "person"
PERSON_KEYS_TABLE = "person_keys"
ERASED_PERSONS_TABLE = "erased_persons"
WRAPPED_KEY = f"{PERSON_KEYS_TABLE}.wrapped_key"  # the associated data of a wrapped key


class PersonErased(Exception):
    """The person's data were erased: their key is gone and is never made again."""


@dataclass(frozen=True)
class PersonKeyTables:
    keys: Table
    erased: Table


def add_person_key_tables(metadata: MetaData) -> PersonKeyTables:
    keys = Table(
        PERSON_KEYS_TABLE,
        metadata,
        Column("client_id", Uuid, primary_key=True),
        Column("wrapped_key", Text, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
    )
    erased = Table(
        ERASED_PERSONS_TABLE,
        metadata,
        Column("client_id", Uuid, primary_key=True),
        Column("erased_at", UtcDateTime(), nullable=False),
    )
    return PersonKeyTables(keys, erased)


@dataclass(frozen=True)
class PersonKeys:
    master: FieldCipher
    tables: PersonKeyTables

    async def cipher(self, session: AsyncSession, client_id: UUID, *, create: bool) -> FieldCipher | None:
        """The cipher sealing with the person's key (opening the ring's older values too); None when the
        person has no key and `create` is false. `PersonErased` once the person was erased."""
        key = await self._stored(session, client_id)
        if key is None and create:
            key = await self._create(session, client_id)
        if key is None and await self.erased_at(session, client_id) is not None:
            raise PersonErased(str(client_id))
        return None if key is None else self.master.with_active_key(PERSON_KEY_ID, key)

    async def erased_at(self, session: AsyncSession, client_id: UUID) -> datetime | None:
        return await erased_at(session, self.tables, client_id)

    @staticmethod
    async def erase_in(session: AsyncSession, tables: PersonKeyTables, client_id: UUID) -> datetime:
        """Delete the key, leave the tombstone; again for an erased person it changes nothing.
        Needs no key ring: a service without sealed data keeps only the tombstone."""
        if (erased := await erased_at(session, tables, client_id)) is not None:
            return erased
        now = datetime.now(UTC)
        await session.execute(delete(tables.keys).where(tables.keys.c.client_id == client_id))
        await session.execute(tables.erased.insert().values(client_id=client_id, erased_at=now))
        return now

    async def _stored(self, session: AsyncSession, client_id: UUID) -> bytes | None:
        query = select(self.tables.keys.c.wrapped_key).where(self.tables.keys.c.client_id == client_id)
        wrapped = (await session.execute(query)).scalar_one_or_none()
        if wrapped is None:
            return None
        return base64.b64decode(self.master.open(wrapped, field_context(WRAPPED_KEY, client_id)))

    def fresh(self, client_id: UUID) -> tuple[FieldCipher, dict[str, object]]:
        """A key for a person whose id was just made (so neither keyed nor erased): its cipher and the row that
        stores it, for a bulk use case that inserts many such rows at once."""
        key = AESGCM.generate_key(bit_length=256)
        wrapped = self.master.seal(base64.b64encode(key), field_context(WRAPPED_KEY, client_id))
        row = {"client_id": client_id, "wrapped_key": wrapped, "created_at": datetime.now(UTC)}
        return self.master.with_active_key(PERSON_KEY_ID, key), row

    async def _create(self, session: AsyncSession, client_id: UUID) -> bytes | None:
        if await self.erased_at(session, client_id) is not None:
            return None
        _, values = self.fresh(client_id)
        # Two first writes for one person at once: the one that lost uses the winner's key.
        dialect = session.get_bind().dialect.name
        insert = (postgresql.insert if dialect == "postgresql" else sqlite.insert)(self.tables.keys)
        await session.execute(insert.values(**values).on_conflict_do_nothing(index_elements=["client_id"]))
        return await self._stored(session, client_id)


async def erased_at(session: AsyncSession, tables: PersonKeyTables, client_id: UUID) -> datetime | None:
    query = select(tables.erased.c.erased_at).where(tables.erased.c.client_id == client_id)
    erased: datetime | None = (await session.execute(query)).scalar_one_or_none()
    return erased
