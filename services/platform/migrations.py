"""Alembic for each service's own database: one shared env, one history per service."""

from __future__ import annotations

import asyncio
from pathlib import Path

from alembic import command, context
from alembic.config import Config
from sqlalchemy import MetaData
from sqlalchemy.engine import Connection

from services.platform.database import create_engine

SERVICES_DIR = Path(__file__).resolve().parent.parent


def alembic_config(service_name: str, database_url: str) -> Config:
    config = Config()
    config.set_main_option("script_location", str(SERVICES_DIR / service_name / "migrations"))
    config.set_main_option("sqlalchemy.url", database_url)
    return config


def upgrade(service_name: str, database_url: str, revision: str = "heads") -> None:
    """Bring a service database to `revision` (blocking; call from a thread inside an event loop).

    "heads", not "head": histories written in parallel branches are all applied.
    """
    command.upgrade(alembic_config(service_name, database_url), revision)


async def upgrade_async(service_name: str, database_url: str) -> None:
    await asyncio.to_thread(upgrade, service_name, database_url)


def run_env(metadata: MetaData) -> None:
    """The body of every service's migrations/env.py."""
    url = context.config.get_main_option("sqlalchemy.url")
    assert url, "sqlalchemy.url is not set"
    if context.is_offline_mode():
        context.configure(url=url, target_metadata=metadata, literal_binds=True)
        with context.begin_transaction():
            context.run_migrations()
        return
    asyncio.run(_run_online(url, metadata))


async def _run_online(url: str, metadata: MetaData) -> None:
    engine = create_engine(url)
    async with engine.connect() as connection:
        await connection.run_sync(_migrate, metadata)
        await connection.commit()
    await engine.dispose()


def _migrate(connection: Connection, metadata: MetaData) -> None:
    context.configure(
        connection=connection, target_metadata=metadata, render_as_batch=connection.dialect.name == "sqlite"
    )
    with context.begin_transaction():
        context.run_migrations()
