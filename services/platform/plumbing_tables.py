"""Tables every service database has besides its own: outbox, inbox, relay lease, idempotency.

They are attached to each service's own MetaData, so each service's Alembic history
creates them in its own database (a service owns its tables).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    JSON,
    BigInteger,
    Column,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Uuid,
)

from services.platform.columns import UtcDateTime


@dataclass(frozen=True)
class PlumbingTables:
    outbox: Table
    inbox: Table
    relay_lease: Table
    idempotency_keys: Table


def _position() -> Column[int]:
    # BigInteger autoincrement on PostgreSQL; SQLite only autoincrements INTEGER PRIMARY KEY.
    return Column("position", BigInteger().with_variant(Integer(), "sqlite"), primary_key=True, autoincrement=True)


def add_plumbing_tables(metadata: MetaData) -> PlumbingTables:
    outbox = Table(
        "outbox",
        metadata,
        _position(),
        Column("event_id", Uuid, nullable=False, unique=True),
        Column("topic", String(200), nullable=False),
        Column("event_type", String(200), nullable=False),
        Column("partition_key", String(100), nullable=False),
        Column("occurred_at", UtcDateTime(), nullable=False),
        Column("payload", JSON, nullable=False),
        Column("sent_at", UtcDateTime(), nullable=True, index=True),
    )
    inbox = Table(
        "inbox",
        metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", Uuid, primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("processed_at", UtcDateTime(), nullable=False),
    )
    relay_lease = Table(
        "outbox_relay_lease",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("holder", String(100), nullable=False),
        Column("expires_at", UtcDateTime(), nullable=False),
    )
    idempotency_keys = Table(
        "idempotency_keys",
        metadata,
        Column("key", String(200), primary_key=True),
        Column("principal", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("status_code", Integer, nullable=False),
        Column("response_body", LargeBinary, nullable=False),
        Column("created_at", UtcDateTime(), nullable=False),
    )
    return PlumbingTables(outbox, inbox, relay_lease, idempotency_keys)
