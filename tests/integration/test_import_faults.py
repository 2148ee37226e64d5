"""Bulk migration killed midway (issue #13): intake as its own process on SQLite, SIGKILLed while a file is
imported, started again and given the same file. Batches commit whole or not at all, so the re-run finds the
committed ones imported and registers the rest: nothing lost, nothing doubled, client numbers without gaps."""

from __future__ import annotations

import asyncio
from collections import Counter

import httpx
import pytest
from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncEngine

from bench.migration_records import generate
from contracts.events import ClientRegisteredV1
from services.intake.domain.client_numbers import client_number
from services.intake.tables import ClientRow, ImportedRecordRow, plumbing
from services.intake.use_cases.imports import BATCH
from services.platform.auth.staff import Role
from services.platform.database import create_engine
from services.platform.migrations import upgrade_async
from tests.support.kafka_reading import eventually
from tests.support.service_process import ServiceProcess

RECORDS = 3 * BATCH


async def count(engine: AsyncEngine, query) -> int:
    async with engine.connect() as connection:
        return int((await connection.execute(query)).scalar_one())


def imported() -> object:
    return select(func.count()).select_from(ImportedRecordRow)


@pytest.fixture
async def intake(kafka_server, tokens, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'intake.db'}"
    await upgrade_async("intake", url)
    service = ServiceProcess(
        "intake", url, kafka_server.bootstrap_servers, tokens.public_key, tmp_path, consumers=False
    )
    await asyncio.to_thread(service.start)
    engine = create_engine(url)
    yield service, engine
    await asyncio.to_thread(service.stop)
    await engine.dispose()


async def test_an_import_killed_midway_and_run_again_registers_every_record_exactly_once(intake, tokens):
    service, engine = intake
    body = {"source": "legacy.jsonl", "records": generate(RECORDS, prefix="K")}
    headers = tokens.headers(Role.OPERATOR, staff_id="m-1")
    async with httpx.AsyncClient(base_url=service.url, headers=headers, timeout=600) as http:
        sending = asyncio.create_task(http.post("/imports", json=body))
        await eventually(lambda: count(engine, imported()), timeout=300, interval=0.05)  # a batch committed
        service.kill()
        with pytest.raises(httpx.TransportError):
            await sending
        committed = await count(engine, imported())
        assert 0 < committed < RECORDS, "killed midway"
        await asyncio.to_thread(service.start)
        reply = await http.post("/imports", json=body)
    assert reply.status_code == 201, reply.text
    outcomes = Counter(r["outcome"] for r in reply.json()["records"])
    assert outcomes["already_imported"] == committed, "the committed batches are found, none half-done"
    taken = RECORDS - outcomes["refused"]
    assert outcomes["registered"] + outcomes["duplicate"] + committed == taken
    events = (
        select(func.count()).select_from(plumbing.outbox).where(plumbing.outbox.c.event_type == ClientRegisteredV1.type)
    )
    assert await count(engine, imported()) == await count(engine, events) == taken, "nothing lost, nothing doubled"
    async with engine.connect() as connection:
        numbers = sorted((await connection.execute(select(ClientRow.client_number))).scalars())
    assert numbers == [client_number(n) for n in range(1, taken + 1)]
