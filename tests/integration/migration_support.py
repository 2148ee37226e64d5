"""What the migration tests share: tables as a frozen revision left them, and running Alembic and SQL on a URL."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import command

from services.platform.database import create_engine
from services.platform.migrations import alembic_config, upgrade

NOW = datetime(2026, 1, 15, 10, 0, tzinfo=UTC)


def table(name: str, **columns: sa.types.TypeEngine[object]) -> sa.TableClause:
    """A lightweight table as a frozen revision left it: the test writes rows the way the old schema held them."""
    return sa.table(name, *(sa.column(column, kind) for column, kind in columns.items()))


clients = table(
    "clients",
    client_id=sa.Uuid(),
    household_id=sa.Uuid(),
    office_id=sa.String(),
    given_name=sa.String(),
    family_name=sa.String(),
    birth_date=sa.Date(),
    postcode=sa.String(),
    target_groups=sa.JSON(),
    consent_given_at=sa.DateTime(timezone=True),
    registered_at=sa.DateTime(timezone=True),
    registered_by=sa.String(),
    special_categories=sa.Text(),
)
stored_replies = table(
    "idempotency_keys",
    key=sa.String(),
    principal=sa.String(),
    request_hash=sa.String(),
    status_code=sa.Integer(),
    response_body=sa.LargeBinary(),
    created_at=sa.DateTime(timezone=True),
)


def stored_reply(key: str, body: bytes, status_code: int = 200) -> dict[str, object]:
    return {
        "key": key,
        "principal": "plon-cm-01",
        "request_hash": "0" * 64,
        "status_code": status_code,
        "response_body": body,
        "created_at": NOW,
    }


async def stored_reply_bodies(url: str) -> dict[str, bytes]:
    return {
        key: bytes(body)
        for key, body in await run(url, sa.select(stored_replies.c.key, stored_replies.c.response_body))
    }


async def migrate(service: str, url: str, revision: str) -> None:
    await asyncio.to_thread(upgrade, service, url, revision)


async def downgrade(service: str, url: str, revision: str) -> None:
    await asyncio.to_thread(command.downgrade, alembic_config(service, url), revision)


async def run(url: str, statement: sa.Executable) -> list[sa.Row]:
    engine = create_engine(url)
    try:
        async with engine.begin() as connection:
            result = await connection.execute(statement)
            return list(result.all()) if result.returns_rows else []
    finally:
        await engine.dispose()
