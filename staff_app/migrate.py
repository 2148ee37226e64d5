"""`python -m staff_app.migrate`: bring the staff app's own database (its sessions) to the newest schema.

An explicit step before the app starts, as `python -m services.platform.migrate` is for a service (the
launcher and docker-compose run it): several instances starting at once never race to create the table.
"""

from __future__ import annotations

import asyncio
import os
from pathlib import Path

from alembic import command
from alembic.config import Config

from staff_app.settings import ENV_PREFIX

MIGRATIONS = Path(__file__).resolve().parent / "migrations"


def upgrade(database_url: str) -> None:
    """Blocking; inside an event loop call `upgrade_async`."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    config.set_main_option("sqlalchemy.url", database_url)
    command.upgrade(config, "heads")


async def upgrade_async(database_url: str) -> None:
    await asyncio.to_thread(upgrade, database_url)


def main() -> None:
    # Only the database URL: the migration needs neither the services nor a way to sign in.
    url = os.environ.get(f"{ENV_PREFIX}DATABASE_URL")
    if not url:
        raise SystemExit(f"set {ENV_PREFIX}DATABASE_URL")
    upgrade(url)


if __name__ == "__main__":
    main()
