"""What a service holds about one person, as data: the right of access (Art. 15 GDPR) and erasure read it.

A service lists its tables that name a person (`PersonTable`): the column naming the client, the sealed
columns (opened for the export, shredded with the person's key), and what erasure does with the rows —
delete them, or keep them anonymous with other values in the identifying columns (for statistics).
One map per service, next to its tables, so a new table that names a person has one place to be added.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import ColumnElement, Table, delete, or_, select, update
from sqlalchemy.ext.asyncio import AsyncSession

ERASED = "erased"  # what the export shows for a sealed value whose person key is gone
PSEUDONYM = object()  # in `anonymise`: a new random id, the same in every table of one erasure, kept nowhere


@dataclass(frozen=True)
class SealedColumn:
    column: str
    field: str  # `<table>.<column>`: the audit name and associated data of the sealed value
    row_id: str  # the column whose value binds the ciphertext to its row


@dataclass(frozen=True)
class PersonTable:
    """A table with rows about one person. `through` finds rows that name the person only through another
    table's rows (`(column, other table, other table's key column)`), e.g. an appointment's reminders."""

    table: Table
    client_columns: Sequence[str] = ("client_id",)
    through: tuple[str, Table, str] | None = None
    sealed: Sequence[SealedColumn] = ()
    # Empty: erasure deletes the rows. Else the rows stay with these values (anonymous, for statistics).
    anonymise: Mapping[str, Any] = field(default_factory=dict)
    # Shown in the export, left by erasure: ids only, kept by a rule of their own (e.g. an append-only record).
    keep: str | None = None

    def of(self, client_id: UUID) -> ColumnElement[bool]:
        if self.through is not None:
            column, other, key = self.through
            return self.table.c[column].in_(select(other.c[key]).where(other.c["client_id"] == client_id))
        return or_(*(self.table.c[column] == client_id for column in self.client_columns))


@dataclass(frozen=True)
class PersonDataMap:
    """A service's tables about a person, parents last (erasure walks it in order, children first)."""

    service: str
    tables: Sequence[PersonTable]
    office_column: tuple[Table, str] | None = None  # where the person's office is, for the reader's check

    async def office_of(self, session: AsyncSession, client_id: UUID) -> str | None:
        if self.office_column is None:
            return None
        table, column = self.office_column
        found: str | None = (
            await session.execute(select(table.c[column]).where(table.c["client_id"] == client_id))
        ).scalar_one_or_none()
        return found

    async def rows(self, session: AsyncSession, part: PersonTable, client_id: UUID) -> list[dict[str, Any]]:
        result = await session.execute(select(part.table).where(part.of(client_id)))
        return [dict(row) for row in result.mappings()]

    async def erase_rows(self, session: AsyncSession, client_id: UUID) -> dict[str, int]:
        """Deletes or anonymises every row about the person; how many rows of each table."""
        counts: dict[str, int] = {}
        pseudonym = uuid4()
        for part in self.tables:
            if part.keep is not None:
                continue
            if part.anonymise:
                values = {k: pseudonym if v is PSEUDONYM else v for k, v in part.anonymise.items()}
                statement: Any = update(part.table).where(part.of(client_id)).values(**values)
            else:
                statement = delete(part.table).where(part.of(client_id))
            result: Any = await session.execute(statement)
            counts[part.table.name] = result.rowcount or 0
        return counts


def jsonable(value: Any) -> Any:
    """A column value as JSON: ids and times as text, money as a decimal string."""
    if isinstance(value, UUID | datetime | date | Decimal):
        return value.isoformat() if isinstance(value, datetime | date) else str(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, bytes):
        return None
    if isinstance(value, list):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): jsonable(v) for k, v in value.items()}
    return value
