"""One door to a service's special-category data: sealed at rest, opened only for its readers, every use audited.

`seal` encrypts a value for one row and records a write; `reveal` returns the value only to a reader
(the roles the service names, acting for the client's office) and records the read. For anyone else
it returns None without decrypting anything: the field is left out of their reply, not refused.

With `person_keys` the value is sealed with the client's own key (`person_keys.py`), so erasing that
key shreds it; a value of an erased client reveals as None, like one the reader may not see.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import Table
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.auth.staff import Role, StaffUser
from services.platform.privacy.audit import Access, AccessAction, record, record_all
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.keys import data_key_variable, load_key_ring
from services.platform.privacy.person_keys import PERSON_KEY_ID, PersonErased, PersonKeys, PersonKeyTables
from services.platform.settings import ServiceSettings


@dataclass(frozen=True)
class SpecialCategories:
    cipher: FieldCipher
    audit: Table
    readers: frozenset[Role]
    person_keys: PersonKeys | None = None

    @classmethod
    def from_settings(
        cls,
        settings: ServiceSettings,
        audit: Table,
        readers: frozenset[Role],
        person_key_tables: PersonKeyTables | None = None,
    ) -> SpecialCategories:
        """The service's key ring is required: it refuses to start without one."""
        if settings.data_key_file is None:
            raise RuntimeError(
                f"{data_key_variable(settings.service_name)} is not set: {settings.service_name} "
                "stores special-category data (GDPR Art. 9), encrypted with that key ring"
            )
        cipher = FieldCipher(load_key_ring(Path(settings.data_key_file)))
        person_keys = PersonKeys(cipher, person_key_tables) if person_key_tables is not None else None
        return cls(cipher, audit, readers, person_keys)

    def may_read(self, user: StaffUser, office_id: str) -> bool:
        return user.has_any(self.readers) and user.may_act_for(office_id)

    async def seal(self, session: AsyncSession, access: Access, row_id: UUID, value: Any) -> str:
        cipher = await self.sealing_cipher(session, access.client_id)
        sealed = cipher.seal_json(value, field_context(access.field, row_id))
        await record(session, self.audit, access, AccessAction.WRITE)
        return sealed

    async def reveal(self, session: AsyncSession, access: Access, row_id: UUID, sealed: str) -> Any | None:
        if not self.may_read(access.user, access.office_id):
            return None
        return await self.open_audited(session, access, row_id, sealed)

    async def open_audited(self, session: AsyncSession, access: Access, row_id: UUID, sealed: str) -> Any | None:
        """Open for a reader already checked (or the data-protection officer's export); None once erased."""
        cipher = await self.opening_cipher(session, access.client_id, sealed)
        if cipher is None:
            return None
        value = cipher.open_json(sealed, field_context(access.field, row_id))
        await record(session, self.audit, access, AccessAction.READ)
        return value

    async def reveal_all(self, session: AsyncSession, sealed: Sequence[Sealed]) -> list[Any | None]:
        """`reveal` for each of many rows (a page of a list), their reads audited in one statement."""
        readable = [s for s in sealed if self.may_read(s.access.user, s.access.office_id)]
        opened: dict[int, Any] = {}
        for s in readable:
            if (cipher := await self.opening_cipher(session, s.access.client_id, s.value)) is not None:
                opened[id(s)] = cipher.open_json(s.value, field_context(s.access.field, s.row_id))
        await record_all(session, self.audit, [s.access for s in readable if id(s) in opened], AccessAction.READ)
        return [opened.get(id(s)) for s in sealed]

    async def sealing_cipher(self, session: AsyncSession, client_id: UUID) -> FieldCipher:
        """The client's own key when the service has person keys (made on the first write), else the ring's."""
        if self.person_keys is None:
            return self.cipher
        cipher = await self.person_keys.cipher(session, client_id, create=True)
        if cipher is None:  # never: `create` makes one unless erased, which raises
            raise PersonErased(str(client_id))
        return cipher

    async def opening_cipher(self, session: AsyncSession, client_id: UUID, sealed: str) -> FieldCipher | None:
        """What opens `sealed`: the ring for values sealed before person keys, else the client's key (None: erased)."""
        if self.person_keys is None or FieldCipher.key_id_of(sealed) != PERSON_KEY_ID:
            return self.cipher
        try:
            return await self.person_keys.cipher(session, client_id, create=False)
        except PersonErased:
            return None


@dataclass(frozen=True)
class Sealed:
    """A sealed value of one row, and the access that would open it."""

    access: Access
    row_id: UUID
    value: str
