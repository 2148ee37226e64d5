"""The staff app's own session database for a test: migrated as the launcher does, with its sealing key."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from staff_app.migrate import upgrade_async
from workflows.codec import ensure_key


async def session_settings(directory: Path, database_url: str | None = None) -> dict[str, Any]:
    """`database_url` and `session_key_file` for `StaffAppSettings`: SQLite in `directory` unless a URL is given."""
    url = database_url or f"sqlite+aiosqlite:///{directory / 'staff_app.db'}"
    await upgrade_async(url)
    return {"database_url": url, "session_key_file": ensure_key(directory / "staff-app-session.key")}
