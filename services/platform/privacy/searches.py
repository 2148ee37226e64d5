"""The append-only record of every search for people (who searched, when, in which offices, for what).

Names, birth dates and postcodes are social data (§ 35 SGB I): a search for them is itself an access to be
accounted for. What was searched for, and which clients were shown, are sealed (AES-256-GCM, bound to
the entry's id) with the service's key ring, so neither the table nor a log holds them in clear; the
data-protection officer reads them back through the service. The entry is inserted in the transaction
of the search; database triggers refuse UPDATE and DELETE as for `special_category_audit`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Column, Integer, MetaData, RowMapping, String, Table, Text, Uuid, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.auth.staff import ALL_OFFICES, StaffUser
from services.platform.columns import UtcDateTime
from services.platform.ids import new_id
from services.platform.privacy.cipher import FieldCipher, field_context

SEARCH_AUDIT_TABLE = "search_audit"
SEARCH_CRITERIA = f"{SEARCH_AUDIT_TABLE}.sealed_criteria"  # the sealed field: its associated data


@dataclass(frozen=True)
class Search:
    """One search by a staff member, for a purpose (the endpoint), within offices (None: all)."""

    user: StaffUser
    purpose: str
    offices: frozenset[str] | None
    criteria: Mapping[str, Any]  # as JSON values
    shown: Sequence[UUID]  # the clients the reply named


@dataclass(frozen=True)
class SearchEntry:
    audit_id: UUID
    occurred_at: datetime
    staff_id: str
    roles: list[str]
    offices: list[str]
    purpose: str
    result_count: int
    criteria: Mapping[str, Any]
    shown: list[UUID]


def add_search_audit_table(metadata: MetaData) -> Table:
    return Table(
        SEARCH_AUDIT_TABLE,
        metadata,
        Column("audit_id", Uuid, primary_key=True),
        Column("occurred_at", UtcDateTime(), nullable=False),
        Column("staff_id", String(100), nullable=False, index=True),
        Column("roles", String(200), nullable=False),
        Column("offices", String(500), nullable=False),
        Column("purpose", String(200), nullable=False),
        Column("result_count", Integer, nullable=False),
        Column("sealed_criteria", Text, nullable=False),  # sealed {"criteria": {...}, "shown": [...]}
    )


async def record_search(session: AsyncSession, table: Table, cipher: FieldCipher, search: Search) -> UUID:
    audit_id = new_id()
    sealed = cipher.seal_json(
        {"criteria": dict(search.criteria), "shown": [str(c) for c in search.shown]},
        field_context(SEARCH_CRITERIA, audit_id),
    )
    await session.execute(
        table.insert().values(
            audit_id=audit_id,
            occurred_at=datetime.now(UTC),
            staff_id=search.user.staff_id,
            roles=",".join(sorted(search.user.roles)),
            offices=",".join(sorted(search.offices)) if search.offices is not None else ALL_OFFICES,
            purpose=search.purpose,
            result_count=len(search.shown),
            sealed_criteria=sealed,
        )
    )
    return audit_id


async def searches(
    session: AsyncSession, table: Table, cipher: FieldCipher, staff_id: str | None, after: UUID | None, limit: int
) -> list[SearchEntry]:
    """Searches in the order they were made (ids are UUIDv7), with what was searched for opened."""
    query = select(table).order_by(table.c.audit_id).limit(limit)
    if staff_id is not None:
        query = query.where(table.c.staff_id == staff_id)
    if after is not None:
        query = query.where(table.c.audit_id > after)
    return [_entry(row, cipher) for row in (await session.execute(query)).mappings()]


def _entry(row: RowMapping, cipher: FieldCipher) -> SearchEntry:
    opened = cipher.open_json(row["sealed_criteria"], field_context(SEARCH_CRITERIA, row["audit_id"]))
    return SearchEntry(
        audit_id=row["audit_id"],
        occurred_at=row["occurred_at"],
        staff_id=row["staff_id"],
        roles=[r for r in row["roles"].split(",") if r],
        offices=row["offices"].split(","),
        purpose=row["purpose"],
        result_count=row["result_count"],
        criteria=opened["criteria"],
        shown=[UUID(c) for c in opened["shown"]],
    )
