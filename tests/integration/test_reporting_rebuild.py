"""Rebuilding the reporting read model from the topics gives the figures the live model gave (real Kafka, SQLite
and PostgreSQL), through the library call and the documented command."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from pathlib import Path

import pytest
from aiokafka import AIOKafkaProducer

from contracts import topics
from services.platform.auth.staff import Role
from services.platform.settings import ServiceSettings
from services.reporting.rebuild import rebuild
from tests.integration.reporting_district import AUGUST, SmallDistrict, applied, publish
from tests.support.running_service import running_service

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture
def another_database_url(request: pytest.FixtureRequest, database_backend: str, tmp_path: Path) -> str:
    """A second empty database on the same backend: what a rebuild from nothing but the topics fills."""
    if database_backend == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path / 'rebuilt.db'}"
    cluster = request.getfixturevalue("postgres_cluster")
    name = f"rebuilt_{uuid.uuid4().hex[:12]}"
    cluster.create_database(name)
    return str(cluster.dsn(name))


async def poison(bootstrap: str) -> None:
    """A record no consumer can read, in the middle of the topic a rebuild replays."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topics.CASES.name, b"{not json", key=b"poison", headers=[("ce_id", b"x")])
    finally:
        await producer.stop()


async def every_breakdown(service, tokens, office_id: str) -> list[dict]:
    headers = tokens.headers(Role.OPERATOR, offices=("*",), staff_id="management-1")
    replies = []
    for breakdown in (None, "sex", "programme", "target_group"):
        params = {"month": AUGUST.isoformat(), "office_id": office_id} | ({"breakdown": breakdown} if breakdown else {})
        response = await service.http.get("/indicators", params=params, headers=headers)
        assert response.status_code == 200, response.text
        replies.append(response.json())
    return replies


async def live_figures(kafka_server, database_url, tokens) -> tuple[SmallDistrict, list[dict]]:
    district = SmallDistrict()
    sent = district.events()
    async with running_service("reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key) as live:
        await publish(kafka_server.bootstrap_servers, sent)
        await applied(live, sent)
        return district, await every_breakdown(live, tokens, district.office_id)


async def figures_in(database_url, kafka_server, tokens, office_id: str) -> list[dict]:
    async with running_service(
        "reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as rebuilt:
        return await every_breakdown(rebuilt, tokens, office_id)


def settings(database_url: str, kafka_server, tokens) -> ServiceSettings:
    return ServiceSettings(
        service_name="reporting",
        database_url=database_url,
        kafka_bootstrap_servers=kafka_server.bootstrap_servers,
        jwt_public_key_file=tokens.public_key,
    )


async def test_a_rebuild_into_an_empty_database_gives_the_live_figures(
    kafka_server, database_url, another_database_url, tokens
):
    district, live = await live_figures(kafka_server, database_url, tokens)
    assert {f["key"]: f["numerator"] for f in live[0]["groups"][0]["figures"]}["K2"] == "2"
    await poison(kafka_server.bootstrap_servers)
    done = await rebuild(settings(another_database_url, kafka_server, tokens))
    assert done.applied >= len(district.events()) - 1  # the redelivered contact is one event, applied once
    assert done.skipped >= 2  # the redelivery and the poison record, which the live consumer dead-lettered
    assert await figures_in(another_database_url, kafka_server, tokens, district.office_id) == live


async def test_a_rebuild_over_the_live_database_drops_it_and_gives_the_same_figures(kafka_server, database_url, tokens):
    district, live = await live_figures(kafka_server, database_url, tokens)
    await rebuild(settings(database_url, kafka_server, tokens))
    assert await figures_in(database_url, kafka_server, tokens, district.office_id) == live


async def test_the_rebuild_command_rebuilds_from_the_topics(kafka_server, database_url, another_database_url, tokens):
    district, live = await live_figures(kafka_server, database_url, tokens)
    environment = os.environ | {
        "LOTSE_REPORTING_DATABASE_URL": another_database_url,
        "LOTSE_REPORTING_KAFKA_BOOTSTRAP_SERVERS": kafka_server.bootstrap_servers,
        "LOTSE_REPORTING_JWT_PUBLIC_KEY_FILE": str(tokens.public_key),
    }
    command = await asyncio.create_subprocess_exec(
        sys.executable,
        "-m",
        "services.reporting",
        "rebuild",
        cwd=REPO,
        env=environment,
        stdout=asyncio.subprocess.PIPE,
        stderr=asyncio.subprocess.PIPE,
    )
    out, err = await command.communicate()
    assert command.returncode == 0, err.decode()
    assert "rebuilt the reporting read model" in out.decode()
    assert await figures_in(another_database_url, kafka_server, tokens, district.office_id) == live
