"""Column types every service shares: one home for how a moment in time is stored."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Column, DateTime
from sqlalchemy.engine import Dialect
from sqlalchemy.types import TypeDecorator
from sqlmodel import Field


class UtcDateTime(TypeDecorator[datetime]):
    """A timezone-aware moment, stored and handed back in UTC on SQLite and PostgreSQL alike.

    SQLite keeps no offset and hands back naive values; refusing naive input on the way in
    and attaching UTC on the way out keeps every caller away from that difference.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError(f"a naive datetime cannot be stored as a moment: {value!r}")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect: Dialect) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def moment_column(name: str | None = None, *, nullable: bool = False, index: bool = False) -> Column[Any]:
    if name is None:
        return Column(UtcDateTime(), nullable=nullable, index=index)
    return Column(name, UtcDateTime(), nullable=nullable, index=index)


def moment_field(*, nullable: bool = False, index: bool = False) -> Any:
    """A SQLModel field holding a UTC moment (`None` allowed only where `nullable`)."""
    return Field(default=None, sa_column=moment_column(nullable=nullable, index=index))
