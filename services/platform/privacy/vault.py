"""One door to a service's special-category data: sealed at rest, opened only for its readers, every use audited.

`seal` encrypts a value for one row and records a write; `reveal` returns the value only to a reader
(the roles the service names, acting for the client's office) and records the read. For anyone else
it returns None without decrypting anything: the field is left out of their reply, not refused.
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
from services.platform.settings import ServiceSettings


@dataclass(frozen=True)
class SpecialCategories:
    cipher: FieldCipher
    audit: Table
    readers: frozenset[Role]

    @classmethod
    def from_settings(cls, settings: ServiceSettings, audit: Table, readers: frozenset[Role]) -> SpecialCategories:
        """The service's key ring is required: it refuses to start without one."""
        if settings.data_key_file is None:
            raise RuntimeError(
                f"{data_key_variable(settings.service_name)} is not set: {settings.service_name} "
                "stores special-category data (GDPR Art. 9), encrypted with that key ring"
            )
        return cls(FieldCipher(load_key_ring(Path(settings.data_key_file))), audit, readers)

    def may_read(self, user: StaffUser, office_id: str) -> bool:
        return user.has_any(self.readers) and user.may_act_for(office_id)

    async def seal(self, session: AsyncSession, access: Access, row_id: UUID, value: Any) -> str:
        sealed = self.cipher.seal_json(value, field_context(access.field, row_id))
        await record(session, self.audit, access, AccessAction.WRITE)
        return sealed

    async def reveal(self, session: AsyncSession, access: Access, row_id: UUID, sealed: str) -> Any | None:
        if not self.may_read(access.user, access.office_id):
            return None
        value = self.cipher.open_json(sealed, field_context(access.field, row_id))
        await record(session, self.audit, access, AccessAction.READ)
        return value

    async def reveal_all(self, session: AsyncSession, sealed: Sequence[Sealed]) -> list[Any | None]:
        """`reveal` for each of many rows (a page of a list), their reads audited in one statement."""
        readable = [s for s in sealed if self.may_read(s.access.user, s.access.office_id)]
        opened = {id(s): self.cipher.open_json(s.value, field_context(s.access.field, s.row_id)) for s in readable}
        await record_all(session, self.audit, [s.access for s in readable], AccessAction.READ)
        return [opened.get(id(s)) for s in sealed]


@dataclass(frozen=True)
class Sealed:
    """A sealed value of one row, and the access that would open it."""

    access: Access
    row_id: UUID
    value: str
