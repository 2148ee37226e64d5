"""Defence in depth: a value PostgreSQL refuses as data (SQLSTATE class 22) is a 422, never a 500."""

from __future__ import annotations

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
