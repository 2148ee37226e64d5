"""Each service's Alembic history builds exactly the schema its models declare.

A model change without a migration would pass every test that creates tables from the
models and then fail on the first production upgrade; this catches it, on both databases.
"""

from __future__ import annotations

import importlib

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import Connection

from services.platform.database import create_engine
from services.platform.migrations import upgrade_async

SERVICES = ("intake", "coaching", "placement", "benefits", "reporting")


@pytest.mark.parametrize("service", SERVICES)
async def test_the_migrated_schema_equals_the_models(service: str, database_url: str) -> None:
    definition = importlib.import_module(f"services.{service}.app").DEFINITION
    await upgrade_async(service, database_url)

    def differences(connection: Connection) -> list[object]:
        return list(compare_metadata(MigrationContext.configure(connection), definition.metadata))

    engine = create_engine(database_url)
    try:
        async with engine.connect() as connection:
            diff = await connection.run_sync(differences)
    finally:
        await engine.dispose()
    assert diff == [], f"{service}: models and migrations disagree — generate a migration: {diff}"
