"""Database failures a request meets: a value PostgreSQL refuses as data (SQLSTATE class 22) is a 422, a
database that does not answer in time a 503 to retry — never a 500."""

from __future__ import annotations

import sqlite3
import uuid

import httpx
from fastapi import FastAPI
from sqlalchemy import text

from services.platform.database import create_engine
from services.platform.http.problems import install_problem_handlers


async def test_a_nul_byte_the_database_refuses_as_text_is_answered_with_a_422_problem(postgres_cluster):
    name = f"svc_{uuid.uuid4().hex[:12]}"
    postgres_cluster.create_database(name)
    engine = create_engine(postgres_cluster.dsn(name))
    app = FastAPI()
    install_problem_handlers(app)

    @app.get("/echo")
    async def echo(value: str) -> dict[str, str]:
        async with engine.connect() as connection:
            return {
                "value": (await connection.execute(text("SELECT CAST(:value AS text)"), {"value": value})).scalar_one()
            }

    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            assert (await http.get("/echo", params={"value": "plon"})).json() == {"value": "plon"}
            response = await http.get("/echo?value=pl%00on")
    finally:
        await engine.dispose()
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_database_locked_past_its_busy_timeout_is_a_503_to_retry_and_changes_nothing(tmp_path):
    """SQLite under load: another writer holds the file longer than the busy timeout. The request's transaction
    is rolled back; the caller gets 503 with Retry-After (not a 500) and the same request succeeds later."""
    path = tmp_path / "locked.db"
    engine = create_engine(f"sqlite+aiosqlite:///{path}")
    async with engine.begin() as connection:
        await connection.execute(text("CREATE TABLE notes (body TEXT NOT NULL)"))
    app = FastAPI()
    install_problem_handlers(app)

    @app.post("/notes")
    async def add(body: str) -> dict[str, str]:
        async with engine.begin() as connection:
            await connection.execute(text("PRAGMA busy_timeout=50"))  # the production 30 s, shortened for the test
            await connection.execute(text("INSERT INTO notes (body) VALUES (:body)"), {"body": body})
        return {"body": body}

    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN IMMEDIATE")  # a writer that keeps the file's write lock
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test") as http:
            locked = await http.post("/notes", params={"body": "während gesperrt"})
            holder.execute("ROLLBACK")
            again = await http.post("/notes", params={"body": "danach"})
        async with engine.connect() as connection:
            stored = (await connection.execute(text("SELECT body FROM notes"))).scalars().all()
    finally:
        holder.close()
        await engine.dispose()
    assert locked.status_code == 503, locked.text
    assert locked.headers["content-type"] == "application/problem+json"
    assert int(locked.headers["retry-after"]) > 0
    assert "nothing was changed" in locked.json()["detail"]
    assert again.status_code == 200, again.text
    assert stored == ["danach"]
