"""Bulk migration in batches (issue #13), on SQLite and PostgreSQL: a batch is one transaction with a savepoint
per record, so a refused record takes nothing of its batch with it and leaves nothing behind — no client
number, no event, no data key, no audit entry — and a file of several batches run again creates nothing new."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from contracts.events import ClientRegisteredV1
from services.intake.domain.client_numbers import client_number
from services.intake.tables import ClientRow, ImportedRecordRow, audit, person_keys, plumbing
from services.intake.use_cases import imports
from services.platform.auth.staff import Role
from tests.support.running_service import running_service

GIVEN = ["Anna", "Jonas", "Lena", "Paul", "Olga", "Finn", "Mia", "Ali", "Jörg", "Ümit"]
FAMILY = ["Müller", "Petersen", "Schulz", "Koch", "Nowak", "Yılmaz", "Becker", "Wagner", "Hoffmann", "Richter"]


def record(n: int, born: str = "1980-01-01", postcode: str = "24321") -> dict[str, object]:
    person = {"given_name": GIVEN[n], "family_name": FAMILY[n], "birth_date": f"{born[:-2]}{n + 10:02d}"}
    return {
        "legacy_id": f"B-{n}",
        "person": person,
        "residence_postcode": postcode,
        "consent": True,
    }


# Ten records in batches of four: the refused ones sit inside the first and second batch.
FILE = [record(n) for n in range(10)]
FILE[2] = record(2, born="2031-01-01")  # born in the future
FILE[5] = record(5, postcode="10115")  # Berlin: not a district this Jobcenter serves


@pytest.fixture
async def intake(kafka_server, database_url, tokens, monkeypatch):
    monkeypatch.setattr(imports, "BATCH", 4)
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def counted(report: dict) -> dict[str, int]:
    return {outcome: n for outcome, n in report["counts"].items() if n}


async def run(intake, tokens, records, dry_run=False) -> dict:
    body = {"source": "legacy.jsonl", "dry_run": dry_run, "records": records}
    reply = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR, staff_id="m-1"))
    assert reply.status_code == 201, reply.text
    return reply.json()


async def stored(intake) -> dict[str, int]:
    registered = plumbing.outbox.c.event_type == ClientRegisteredV1.type
    written = audit.c.action == "write"
    counts = {
        "clients": select(func.count()).select_from(ClientRow),
        "imported": select(func.count()).select_from(ImportedRecordRow),
        "events": select(func.count()).select_from(plumbing.outbox).where(registered),
        "keys": select(func.count()).select_from(person_keys.keys),
        "writes": select(func.count()).select_from(audit).where(written),
    }
    async with intake.runtime.uow.transaction() as tx:
        return {name: int((await tx.session.execute(q)).scalar_one()) for name, q in counts.items()}


async def numbers(intake) -> list[str]:
    async with intake.runtime.uow.transaction() as tx:
        return sorted((await tx.session.scalars(select(ClientRow.client_number))).all())


async def test_a_refused_record_inside_a_batch_leaves_the_others_registered_and_takes_nothing_with_it(intake, tokens):
    report = await run(intake, tokens, FILE)
    outcomes = [r["outcome"] for r in report["records"]]
    assert outcomes == ["registered"] * 2 + ["refused"] + ["registered"] * 2 + ["refused"] + ["registered"] * 4
    assert report["records"][2]["errors"] == [{"field": "person.birth_date", "reason": "lies in the future"}]
    assert report["records"][5]["errors"][0]["field"] == "residence_postcode"
    assert await stored(intake) == {"clients": 8, "imported": 8, "events": 8, "keys": 8, "writes": 8}
    assert await numbers(intake) == [client_number(n) for n in range(1, 9)], "numbers without gaps"
    assert [r["client_number"] for r in report["records"] if r["client_number"]] == await numbers(intake)


async def test_a_file_of_several_batches_is_checked_then_imported_once_however_often_it_runs(intake, tokens):
    dry = await run(intake, tokens, FILE, dry_run=True)
    assert [r["outcome"] for r in dry["records"]].count("valid") == 8
    assert await stored(intake) == {"clients": 0, "imported": 0, "events": 0, "keys": 0, "writes": 0}

    first = await run(intake, tokens, FILE)
    again = await run(intake, tokens, FILE)
    assert counted(again) == {"already_imported": 8, "refused": 2}
    assert [(r["client_id"], r["client_number"]) for r in again["records"]] == [
        (r["client_id"], r["client_number"]) for r in first["records"]
    ]
    assert await stored(intake) == {"clients": 8, "imported": 8, "events": 8, "keys": 8, "writes": 8}

    corrected = [*FILE[:2], record(2), *FILE[3:5], record(5), *FILE[6:]]
    fixed = await run(intake, tokens, corrected)
    assert counted(fixed) == {"already_imported": 8, "registered": 2}
    assert await numbers(intake) == [client_number(n) for n in range(1, 11)]
