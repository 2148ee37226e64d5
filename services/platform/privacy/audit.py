"""The append-only record of every access to special-category data: who, in which roles, when, which
client, which field, for which purpose (the endpoint), read or written.

Each service keeps it in its own database (a service owns its tables). Entries are inserted in the
transaction that reads or writes the data, so a write and its audit entry commit together. The code
only ever inserts and selects; database triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from enum import StrEnum
from uuid import UUID

from sqlalchemy import Column, MetaData, RowMapping, String, Table, Uuid, select
from sqlalchemy.ext.asyncio import AsyncSession

from services.platform.auth.staff import StaffUser
from services.platform.columns import UtcDateTime
from services.platform.ids import new_id

AUDIT_TABLE = "special_category_audit"
APPEND_ONLY = f"{AUDIT_TABLE} is append-only"


class AccessAction(StrEnum):
    READ = "read"
    WRITE = "write"


@dataclass(frozen=True)
class Access:
    """One use of a special-category field by a staff member, for a purpose."""

    user: StaffUser
    client_id: UUID
    office_id: str
    field: str  # `<table>.<column>`
    purpose: str  # the endpoint, e.g. "GET /cases/{client_id}"


def add_audit_table(metadata: MetaData) -> Table:
    return Table(
        AUDIT_TABLE,
        metadata,
        Column("audit_id", Uuid, primary_key=True),
        Column("occurred_at", UtcDateTime(), nullable=False),
        Column("client_id", Uuid, nullable=False, index=True),
        Column("office_id", String(50), nullable=False),
        Column("staff_id", String(100), nullable=False),
        Column("roles", String(200), nullable=False),
        Column("action", String(10), nullable=False),
        Column("field", String(100), nullable=False),
        Column("purpose", String(200), nullable=False),
    )


async def record(session: AsyncSession, table: Table, access: Access, action: AccessAction) -> None:
    await record_all(session, table, [access], action)


async def record_all(session: AsyncSession, table: Table, accesses: Sequence[Access], action: AccessAction) -> None:
    """One entry per access, in one statement: a list of a hundred tasks is one round trip, not a hundred."""
    if not accesses:
        return
    now = datetime.now(UTC)
    await session.execute(table.insert(), [_entry(access, action, now) for access in accesses])


def _entry(access: Access, action: AccessAction, at: datetime) -> dict[str, object]:
    return {
        "audit_id": new_id(),
        "occurred_at": at,
        "client_id": access.client_id,
        "office_id": access.office_id,
        "staff_id": access.user.staff_id,
        "roles": ",".join(sorted(access.user.roles)),
        "action": action,
        "field": access.field,
        "purpose": access.purpose,
    }


def roles_of(stored: str) -> list[str]:
    """The roles as recorded; none for the service itself deciding without staff (an empty column)."""
    return [role for role in stored.split(",") if role]


async def entries(
    session: AsyncSession, table: Table, client_id: UUID, by: StaffUser, after: UUID | None, limit: int
) -> Sequence[RowMapping]:
    """A client's entries in the order they were written (ids are UUIDv7), within the caller's offices."""
    query = select(table).where(table.c.client_id == client_id).order_by(table.c.audit_id).limit(limit)
    if (offices := by.visible_offices()) is not None:
        query = query.where(table.c.office_id.in_(sorted(offices)))
    if after is not None:
        query = query.where(table.c.audit_id > after)
    return (await session.execute(query)).mappings().all()


def append_only_statements(dialect: str, table: str = AUDIT_TABLE) -> list[str]:
    """DDL for a migration: the database itself refuses to change or remove audit entries."""
    refusal = f"{table} is append-only"
    if dialect == "postgresql":
        return [
            f"CREATE FUNCTION {table}_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ "
            f"BEGIN RAISE EXCEPTION '{refusal}'; END $$",
            f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
            f"FOR EACH ROW EXECUTE FUNCTION {table}_append_only()",
            f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
            f"FOR EACH STATEMENT EXECUTE FUNCTION {table}_append_only()",
        ]
    if dialect == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{verb.lower()} BEFORE {verb} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{refusal}'); END"
            for verb in ("UPDATE", "DELETE")
        ]
    raise ValueError(f"no append-only triggers for {dialect}")


def drop_append_only_statements(dialect: str, table: str = AUDIT_TABLE) -> list[str]:
    """For a downgrade, after the table is dropped (its triggers go with it)."""
    return [f"DROP FUNCTION IF EXISTS {table}_append_only()"] if dialect == "postgresql" else []
