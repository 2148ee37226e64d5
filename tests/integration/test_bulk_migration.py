"""Bulk migration into intake (issue #13), on SQLite and PostgreSQL with real Kafka: a small file of existing
records with a valid, an invalid and a duplicate record, a dry run that changes nothing, a re-run that creates
nothing new and a corrected re-run that registers what was refused, each reported per record."""

from __future__ import annotations

import asyncio
import copy
import json
from collections import Counter

import pytest
from sqlalchemy import func, select, text

from contracts import topics
from contracts.events import ClientRegisteredV1
from services.intake.imports import cli
from services.intake.imports.format import household_id
from services.intake.tables import ClientRow
from services.platform.auth.staff import Role
from tests.integration.journey_support import serving
from tests.integration.test_person_erasure import erase, export
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service


def record(legacy_id: str, given: str, family: str, born: str, **extra: object) -> dict[str, object]:
    return {
        "legacy_id": legacy_id,
        "person": {"given_name": given, "family_name": family, "birth_date": born},
        "residence_postcode": "24321",
        "consent": True,
        **extra,
    }


FILE = [
    record("GT-1", "Anna", "Müller", "1985-03-02", household_key="BG-1", target_groups=["single_parent"]),
    record("GT-2", "Jonas", "Petersen", "2030-01-01"),  # born in the future: refused
    record("GT-3", "Anna", "Mueller", "1985-03-02", residence_postcode="24238"),  # the same person again
    record("GT-4", "Lena", "Schulz", "1990-07-14", household_key="BG-1", obstacles=["gambling"]),  # unknown obstacle
]


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def run(intake, tokens, records, dry_run=False, role=Role.OPERATOR):
    body = {"source": "legacy.jsonl", "dry_run": dry_run, "records": records}
    return await intake.http.post("/imports", json=body, headers=tokens.headers(role, staff_id="migration-1"))


def outcomes(report: dict) -> dict[str, str]:
    return {r["legacy_id"]: r["outcome"] for r in report["records"]}


async def registered_count(intake) -> int:
    async with intake.runtime.uow.transaction() as tx:
        return int((await tx.session.execute(select(func.count()).select_from(ClientRow))).scalar_one())


async def test_a_file_is_checked_imported_re_run_and_corrected_with_a_report_for_every_record(
    intake, tokens, kafka_server
):
    dry = await run(intake, tokens, FILE, dry_run=True)
    assert dry.status_code == 201, dry.text
    assert outcomes(dry.json()) == {"GT-1": "valid", "GT-2": "refused", "GT-3": "valid", "GT-4": "refused"}
    assert await registered_count(intake) == 0, "a dry run changes nothing"

    first = (await run(intake, tokens, FILE)).json()
    assert outcomes(first) == {"GT-1": "registered", "GT-2": "refused", "GT-3": "duplicate", "GT-4": "refused"}
    by_id = {r["legacy_id"]: r for r in first["records"]}
    assert by_id["GT-2"]["errors"] == [{"field": "person.birth_date", "reason": "lies in the future"}], (
        "the reason a registration's 422 gives"
    )
    assert by_id["GT-4"]["errors"][0]["field"] == "obstacles.0"
    (duplicate,) = by_id["GT-3"]["duplicate_of"]
    assert duplicate["client_id"] == by_id["GT-1"]["client_id"] and duplicate["score"] >= 80

    again = (await run(intake, tokens, FILE)).json()
    assert again["counts"]["already_imported"] == 2 and again["counts"]["registered"] == 0
    assert {r["legacy_id"]: r["client_id"] for r in again["records"] if r["client_id"]} == {
        "GT-1": by_id["GT-1"]["client_id"],
        "GT-3": by_id["GT-3"]["client_id"],
    }

    corrected = copy.deepcopy(FILE)
    corrected[1]["person"]["birth_date"] = "2003-01-01"
    corrected[3]["obstacles"] = ["childcare"]
    fixed = (await run(intake, tokens, corrected)).json()
    assert outcomes(fixed) == {
        "GT-1": "already_imported",
        "GT-2": "registered",
        "GT-3": "already_imported",
        "GT-4": "registered",
    }
    assert await registered_count(intake) == 4

    stored = await intake.http.get(f"/imports/{first['import_id']}", headers=tokens.headers(Role.OPERATOR))
    assert stored.status_code == 200 and stored.json() == first

    # The topic is shared with every other test of the session: wait for this file's four registrations by their
    # client ids, not for any four (the outbox relays ours a moment after the import answers).
    ours = {by_id["GT-1"]["client_id"], by_id["GT-3"]["client_id"]}
    imported = ours | {r["client_id"] for r in fixed["records"] if r["legacy_id"] in ("GT-2", "GT-4")}

    def all_four(records) -> bool:
        seen = {str(e.data.client_id) for e in envelopes(records) if isinstance(e.data, ClientRegisteredV1)}
        return imported <= seen

    read = await read_until(kafka_server.bootstrap_servers, topics.CLIENTS.name, all_four)
    events = [e.data for e in envelopes(read)]
    migrated = [e for e in events if isinstance(e, ClientRegisteredV1) and str(e.client_id) in ours]
    assert len(migrated) == 2 and all(e.migrated for e in migrated), "each registered once, marked migrated"
    households = Counter(e.household_id for e in migrated)
    assert households[household_id("BG-1")] == 1


async def test_only_operators_import_and_read_reports(intake, tokens):
    refused = await run(intake, tokens, FILE[:1], role=Role.INTAKE_CLERK)
    assert refused.status_code == 403
    too_many = await run(intake, tokens, [FILE[0]] * 1001)
    assert too_many.status_code == 422 and "records" in too_many.text


CSV = (
    "legacy_id,person.given_name,person.family_name,person.birth_date,residence_postcode,consent,target_groups\n"
    "CSV-1,Paul,Becker,1971-04-09,24306,true,long_term_unemployed|unskilled\n"
    "CSV-2,Olga,Nowak,1988-12-01,10115,true,\n"
    "CSV-3,Finn,Koch,2004-06-30,24211,true,\n"
)


async def test_lotse_migrate_sends_a_csv_file_in_batches_and_writes_a_report_line_per_record(
    kafka_server, tokens, tmp_path
):
    source, report = tmp_path / "legacy.csv", tmp_path / "report.jsonl"
    source.write_text(CSV, encoding="utf-8")
    token = tokens.token(Role.OPERATOR, staff_id="migration-1")
    async with serving("intake", tmp_path, kafka_server.bootstrap_servers, tokens) as intake:
        argv = [str(source), "--url", intake.url, "--token", token, "--batch", "2", "--report", str(report)]
        assert await asyncio.to_thread(cli.main, argv) == 1, "a refused record: exit status 1"
        lines = [json.loads(line) for line in report.read_text(encoding="utf-8").splitlines()]
        assert [(r["legacy_id"], r["outcome"]) for r in lines] == [
            ("CSV-1", "registered"),
            ("CSV-2", "refused"),
            ("CSV-3", "registered"),
        ]
        assert lines[1]["errors"] == [
            {"field": "residence_postcode", "reason": "not in a district served by this Jobcenter"}
        ]
        assert await asyncio.to_thread(cli.main, [*argv, "--dry-run"]) == 1
        again = [json.loads(line)["outcome"] for line in report.read_text(encoding="utf-8").splitlines()]
        assert again == ["already_imported", "refused", "already_imported"]


async def test_a_records_obstacles_are_kept_sealed_in_intake_travel_in_no_event_and_go_with_the_person(
    intake, tokens, kafka_server
):
    """Health and addiction are special categories (GDPR Art. 9): sealed under the person's key, opened only for the
    data-protection officer's export, shredded at erasure; the legacy id stays so a re-run registers nobody again."""
    file = [record("GT-9", "Ole", "Hansen", "1970-05-05", obstacles=["health", "debts"])]
    response = await run(intake, tokens, file)
    assert response.status_code == 201, response.text
    (client,) = response.json()["records"]
    client_id = client["client_id"]
    async with intake.runtime.engine.connect() as connection:
        stored = (await connection.execute(text("SELECT sealed_obstacles FROM imported_records"))).scalar_one()
        # Each value in full: a Row's own str() shortens long values and would hide what they contain.
        outbox = " ".join(" ".join(map(str, r)) for r in (await connection.execute(text("SELECT * FROM outbox"))))
    assert "health" not in stored and "debts" not in stored
    assert client_id in outbox and "health" not in outbox and "debts" not in outbox
    part = await export(intake, tokens, client_id)
    assert part["tables"]["imported_records"][0]["sealed_obstacles"] == {"obstacles": ["health", "debts"]}

    await erase(intake, tokens, client_id)
    async with intake.runtime.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT legacy_id, sealed_obstacles FROM imported_records"))).all()
    assert [tuple(r) for r in rows] == [("GT-9", None)]
    again = (await run(intake, tokens, file)).json()
    assert outcomes(again) == {"GT-9": "already_imported"}


async def test_the_journeys_worker_reads_a_records_obstacles_audited_and_writes_back_what_coaching_refused(
    intake, tokens
):
    """The report an office acts on (#13): per migrated record, what coaching took over or refused and why, written
    back by the journey's worker, which alone (and the operator) may open the record's sealed obstacles."""
    file = [
        record("GT-21", "Ole", "Hansen", "1970-05-05", obstacles=["health", "debts"]),
        record("GT-22", "Mia", "Lorenz", "1992-02-29"),
    ]
    report = (await run(intake, tokens, file)).json()
    ole, mia = (r["client_id"] for r in report["records"])
    worker = tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")
    obstacles = await intake.http.get(f"/imports/records/{ole}/obstacles", headers=worker)
    assert obstacles.json() == {"client_id": ole, "legacy_id": "GT-21", "obstacles": ["health", "debts"]}
    assert (await intake.http.get(f"/imports/records/{mia}/obstacles", headers=worker)).json()["obstacles"] == []
    clerk = tokens.headers(Role.INTAKE_CLERK, Role.CASE_MANAGER)
    assert (await intake.http.get(f"/imports/records/{ole}/obstacles", headers=clerk)).status_code == 403
    elsewhere = tokens.headers(Role.JOURNEY_WORKER, offices=("celle",))
    assert (await intake.http.get(f"/imports/records/{ole}/obstacles", headers=elsewhere)).status_code == 403
    async with intake.runtime.engine.connect() as connection:
        reads = (
            await connection.execute(
                text("SELECT staff_id, field FROM special_category_audit WHERE action = 'read' AND client_id = :c"),
                {"c": ole if intake.runtime.engine.dialect.name == "postgresql" else ole.replace("-", "")},
            )
        ).all()
    assert [tuple(r) for r in reads] == [("journey-worker", "imported_records.sealed_obstacles")]

    refusal = {"outcome": "refused", "reasons": ["imported case manager works in another office"]}
    put = f"/imports/records/{ole}/downstream/case_manager"
    first = await intake.http.put(put, json=refusal, headers=worker)
    assert first.status_code == 200, first.text
    assert (await intake.http.put(put, json=refusal, headers=worker)).json() == first.json(), "a retry: the same"
    carried = await intake.http.put(f"/imports/records/{ole}/downstream/obstacles", json={"outcome": "carried"},
                                    headers=worker)  # fmt: skip
    assert carried.status_code == 200, carried.text
    operator = tokens.headers(Role.OPERATOR, staff_id="migration-1")
    assert (await intake.http.put(put, json=refusal, headers=operator)).status_code == 403, "the worker reports"

    shown = (await intake.http.get(f"/imports/{report['import_id']}", headers=operator)).json()
    downstream = {r["legacy_id"]: [(d["part"], d["outcome"], d["reasons"]) for d in r["downstream"]]
                  for r in shown["records"]}  # fmt: skip
    assert downstream == {
        "GT-21": [
            ("case_manager", "refused", ["imported case manager works in another office"]),
            ("obstacles", "carried", []),
        ],
        "GT-22": [],
    }
    again = (await run(intake, tokens, file)).json()  # a re-run names the same clients: their outcomes with them
    shown_again = (await intake.http.get(f"/imports/{again['import_id']}", headers=operator)).json()
    assert [len(r["downstream"]) for r in shown_again["records"]] == [2, 0]


@pytest.mark.parametrize(
    ("part", "body", "field"),
    [
        ("case_manager", {"outcome": "refused"}, "reasons"),
        ("case_manager", {"outcome": "carried", "reasons": ["why"]}, "reasons"),
        ("case_manager", {"outcome": "lost"}, "outcome"),
        ("employment", {"outcome": "carried"}, "part"),  # not a part of the report
        ("obstacles", {"outcome": "refused", "reasons": [""]}, "reasons"),
    ],
)
async def test_a_downstream_answer_that_cannot_be_acted_on_is_a_422_naming_the_field(intake, tokens, part, body, field):
    (client,) = (await run(intake, tokens, [record("GT-31", "Kai", "Brandt", "1980-01-01")])).json()["records"]
    worker = tokens.headers(Role.JOURNEY_WORKER)
    response = await intake.http.put(f"/imports/records/{client['client_id']}/downstream/{part}", json=body,
                                     headers=worker)  # fmt: skip
    assert response.status_code == 422, response.text
    assert field in response.text
    unknown = "/imports/records/00000000-0000-0000-0000-000000000000/downstream/obstacles"
    assert (await intake.http.put(unknown, json={"outcome": "carried"}, headers=worker)).status_code == 404
