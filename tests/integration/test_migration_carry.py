"""A migrated client's legacy record carried by the journey (issue #13, steps 1–3): imported at intake, the
journey (bridge, worker, real Temporal with encrypted payloads) runs `carry_migration` once after the
assignment — the obstacles arrive sealed in coaching, what coaching took over appears in intake's
`GET /imports/{id}` — and a re-import or a retried activity doubles nothing. The privacy check: no obstacle's
kind in coaching's clear columns, in any event on Kafka, or in the decoded workflow history.

Real Kafka, Temporal, intake and coaching over HTTP; the worker process's `serve`."""

from __future__ import annotations

import asyncio
import dataclasses
import sqlite3
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaConsumer
from google.protobuf.message import Message
from temporalio.api.common.v1 import Payload
from temporalio.client import Client
from temporalio.testing import ActivityEnvironment

from contracts.topics import CASES, CLIENTS, EMPLOYMENTS, ENTITLEMENTS, PAYMENTS
from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from tests.integration.journey_support import TEST_KEY, record_history, serving
from tests.support.kafka_reading import eventually
from workflows.bridge import journey_id
from workflows.journey import activity_models as m
from workflows.journey.migration_activities import NO_CASE, NO_CASE_AFTER_ATTEMPTS, MigrationActivities
from workflows.journey.state import JourneyState
from workflows.service_client import ServiceClient, ServiceUnavailable
from workflows.settings import WorkerSettings
from workflows.startup import connect
from workflows.worker import serve

KINDS = ("health", "addiction", "childcare")
RECORD = {
    "legacy_id": "GT-C1",
    "person": {"given_name": "Frieda", "family_name": "Hansen", "birth_date": "1983-06-14"},
    "residence_postcode": "24321",
    "consent": True,
    "target_groups": ["single_parent"],
    "obstacles": list(KINDS),
    "case_manager_id": "lutjenburg-cm-03",
    "program_id": "gemeinsam",
    "appointments": [{"starts_at": "2026-11-02T09:00:00+01:00"}],  # already past: refused
}


@pytest.fixture(scope="module")
async def stack(kafka_server, temporal_server, tokens, tmp_path_factory) -> Any:
    directory = tmp_path_factory.mktemp("carry")
    bootstrap = kafka_server.bootstrap_servers
    async with (
        serving("intake", directory, bootstrap, tokens) as intake,
        serving("coaching", directory, bootstrap, tokens) as coaching,
        serving("benefits", directory, bootstrap, tokens) as benefits,
    ):
        (api_port,) = free_ports(1)
        settings = WorkerSettings(
            temporal_address=temporal_server.target,
            task_queue=f"journeys-{uuid4().hex[:8]}",
            kafka_bootstrap_servers=bootstrap,
            codec_key_file=TEST_KEY,  # so that the recorded history replays in tests/unit/workflows
            jwt_signing_key_file=tokens.private_key,
            intake_url=intake.url,
            coaching_url=coaching.url,
            benefits_url=benefits.url,
            jwt_public_key_file=tokens.public_key,
            api_port=api_port,
        )
        stop = asyncio.Event()
        task = asyncio.create_task(serve(settings, stop))
        try:
            yield intake, coaching, await connect(settings), settings, directory / "coaching.db", benefits
        finally:
            stop.set()
            await task


def carrier(intake, coaching, benefits, settings: WorkerSettings) -> MigrationActivities:
    services = (intake, coaching, benefits)
    return MigrationActivities(*(ServiceClient(service.url, settings) for service in services))


async def carried(client: Client, client_id: str) -> JourneyState:
    handle = client.get_workflow_handle(journey_id(client_id))
    found: list[JourneyState] = []

    async def done() -> bool:
        try:
            found[:] = [await handle.query("state", result_type=JourneyState)]
        except Exception:  # not started yet
            return False
        return found[0].migration_carried

    await eventually(done, timeout=120, interval=0.3)
    return found[0]


def payloads(message: Message) -> Iterator[Payload]:
    """Every Payload anywhere inside a history event (inputs, results, markers, failures' encoded attributes)."""
    for field, value in message.ListFields():
        if field.message_type is None:
            continue
        if isinstance(value, Message):
            items = [value]
        else:  # a repeated field, or a map (its values)
            items = list(value.values()) if field.message_type.GetOptions().map_entry else list(value)
        for item in items:
            if isinstance(item, Payload):
                yield item
            elif isinstance(item, Message):
                yield from payloads(item)


async def decoded_history(client: Client, client_id: str) -> str:
    history = await client.get_workflow_handle(journey_id(client_id)).fetch_history()
    codec = client.data_converter.payload_codec
    assert codec is not None
    texts = []
    for event in history.events:
        texts.append(str(event))
        found = list(payloads(event))
        texts += [p.data.decode("utf-8", "replace") for p in await codec.decode(found)] if found else []
    return "\n".join(texts)


async def events_naming(bootstrap: str, client_id: str) -> list[str]:
    """Every record on the platform's topics that names the client, as an outside consumer reads it."""
    topics = [t.name for t in (CLIENTS, CASES, EMPLOYMENTS, ENTITLEMENTS, PAYMENTS)]
    consumer = AIOKafkaConsumer(
        *topics, bootstrap_servers=bootstrap, auto_offset_reset="earliest", enable_auto_commit=False, group_id=None
    )
    await consumer.start()
    values: list[str] = []
    try:
        while batch := await consumer.getmany(timeout_ms=1500):
            values += [r.value.decode() for rs in batch.values() for r in rs if r.value]
    finally:
        await consumer.stop()
    return [v for v in values if client_id in v]


def coaching_rows_naming(database: Path, client_id: str) -> list[str]:
    """Every row of coaching's database that names the client, its columns as stored."""
    with sqlite3.connect(database) as db:
        tables = [name for (name,) in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        rows = [str(row) for table in tables for row in db.execute(f'SELECT * FROM "{table}"')]
    needles = (client_id, UUID(client_id).hex)
    return [row for row in rows if any(n in row for n in needles)]


async def report(intake, tokens, import_id: str) -> dict[str, Any]:
    reply = await intake.http.get(f"/imports/{import_id}", headers=tokens.headers(Role.OPERATOR))
    assert reply.status_code == 200, reply.text
    (record,) = reply.json()["records"]
    return dict(record)


async def test_a_migrated_record_is_carried_sealed_reported_and_not_doubled(stack, tokens, kafka_server):
    intake, coaching, client, settings, database, benefits = stack
    body = {"source": "legacy.jsonl", "records": [RECORD]}
    imported = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert imported.status_code == 201, imported.text
    client_id = imported.json()["records"][0]["client_id"]

    state = await carried(client, client_id)
    assert state.case_worker_id == "lutjenburg-cm-03"
    step = [e.because for e in state.history if e.because.startswith("legacy record carried")]
    assert step == ["legacy record carried: case_manager carried, appointments refused, obstacles carried"]

    # The report: what coaching took over, per part, with coaching's reasons.
    record = await report(intake, tokens, imported.json()["import_id"])
    parts = {d["part"]: d for d in record["downstream"]}
    assert {p: d["outcome"] for p, d in parts.items()} == {
        "case_manager": "carried",
        "appointments": "refused",
        "obstacles": "carried",
    }
    assert parts["appointments"]["reasons"] == [
        "Termin am 02.11.2026 09:00 nicht übernommen: liegt in der Vergangenheit."
    ]

    # Sealed in coaching: its case manager sees them as imported; placement sees nothing of them.
    manager = await coaching.http.get(f"/cases/{client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert manager.json()["migrated_obstacles"] == list(KINDS)
    officer = await coaching.http.get(f"/cases/{client_id}", headers=tokens.headers(Role.PLACEMENT_OFFICER))
    assert officer.json()["migrated_obstacles"] is None

    # Privacy: no kind in coaching's clear columns, in the events, or in the decoded history.
    rows = coaching_rows_naming(database, client_id)
    assert any("migrated_obstacles.sealed_obstacles" in row for row in rows)  # the audited write is there
    assert [row for row in rows if any(kind in row for kind in KINDS)] == []
    events = await events_naming(kafka_server.bootstrap_servers, client_id)
    assert events and [e for e in events if any(kind in e for kind in KINDS)] == []
    history = await decoded_history(client, client_id)
    assert "carry_migration" in history and client_id in history  # decoded: the ids are readable
    assert [kind for kind in KINDS if kind in history] == []

    # A re-import and a retried activity (the same key) double nothing; a re-run with a new key neither.
    again = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert again.json()["records"][0]["outcome"] == "already_imported"
    assert (await report(intake, tokens, again.json()["import_id"]))["downstream"] == record["downstream"]
    writes = [row for row in coaching_rows_naming(database, client_id) if "'write'" in row]
    activities = carrier(intake, coaching, benefits, settings)
    for idempotency_key in ("a-retried-carry", "a-retried-carry", "a-new-run-of-the-step"):
        result = await activities.carry_migration(
            m.CarryMigration(client_id=client_id, idempotency_key=idempotency_key)
        )
        assert [(p.part, p.outcome) for p in result.parts] == list({p: d["outcome"] for p, d in parts.items()}.items())
    assert (await report(intake, tokens, imported.json()["import_id"]))["downstream"] == record["downstream"]
    rows = coaching_rows_naming(database, client_id)
    assert len([row for row in rows if "'write'" in row]) == len(writes) + 2  # the retry was answered from its key
    with sqlite3.connect(database) as db:
        assert db.execute("SELECT count(*) FROM migrated_obstacles").fetchone() == (1,)
        assert db.execute("SELECT count(*) FROM migrated_takeovers").fetchone() == (1,)
    await record_history(client.get_workflow_handle(journey_id(client_id)), "migrated-carried")


async def test_a_record_with_obstacles_only_or_nothing_for_coaching_is_carried_as_it_is(stack, tokens):
    intake, coaching, client, _, _, _ = stack
    person = {"given_name": "Ole", "family_name": "Brodersen", "birth_date": "1990-01-09"}
    only = {**{k: RECORD[k] for k in ("residence_postcode", "consent")}, "legacy_id": "GT-C2", "person": person}
    records = [
        {**only, "obstacles": ["debts"]},
        {**only, "legacy_id": "GT-C3", "person": {**person, "given_name": "Britta", "birth_date": "1992-04-30"}},
    ]
    body = {"source": "legacy.jsonl", "records": records}
    imported = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert imported.status_code == 201, imported.text
    debts, nothing = [r["client_id"] for r in imported.json()["records"]]

    for client_id, step in ((debts, "obstacles carried"), (nothing, "nothing to carry")):
        state = await carried(client, client_id)
        assert f"legacy record carried: {step}" in [e.because for e in state.history]
    reply = await intake.http.get(f"/imports/{imported.json()['import_id']}", headers=tokens.headers(Role.OPERATOR))
    downstream = {r["client_id"]: r["downstream"] for r in reply.json()["records"]}
    assert [(d["part"], d["outcome"]) for d in downstream[debts]] == [("obstacles", "carried")]
    assert downstream[nothing] == []
    case = await coaching.http.get(f"/cases/{debts}", headers=tokens.headers(Role.CASE_MANAGER))
    assert case.json()["migrated_obstacles"] == ["debts"]


async def test_without_a_case_in_coaching_the_obstacles_are_refused_once_waiting_is_over(stack, tokens):
    intake, coaching, client, settings, _, benefits = stack
    record = {
        **{k: RECORD[k] for k in ("residence_postcode", "consent")},
        "legacy_id": "GT-C4",
        "person": {"given_name": "Jannik", "family_name": "Thomsen", "birth_date": "1975-08-03"},
        "obstacles": ["health"],
    }
    body = {"source": "legacy.jsonl", "records": [record]}
    imported = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    client_id = imported.json()["records"][0]["client_id"]
    await carried(client, client_id)
    headers = {**tokens.headers(Role.JOURNEY_WORKER, staff_id="erasure"), "Idempotency-Key": f"erase-{client_id}"}
    erased = await coaching.http.post(f"/persons/{client_id}/erasure", headers=headers, timeout=60)
    assert erased.status_code == 200, erased.text  # coaching's case is gone; intake still has the record

    activities = carrier(intake, coaching, benefits, settings)
    request = m.CarryMigration(client_id=client_id, idempotency_key="a-carry-without-a-case")
    early, late = ActivityEnvironment(), ActivityEnvironment()
    late.info = dataclasses.replace(late.info, attempt=NO_CASE_AFTER_ATTEMPTS)
    with pytest.raises(ServiceUnavailable):  # consumer lag, as far as an early attempt can tell: retried
        await early.run(activities.carry_migration, request)
    result = await late.run(activities.carry_migration, request)
    assert [(p.part, p.outcome) for p in result.parts] == [("obstacles", "refused")]
    reply = await intake.http.get(f"/imports/{imported.json()['import_id']}", headers=tokens.headers(Role.OPERATOR))
    (obstacles,) = [d for d in reply.json()["records"][0]["downstream"] if d["part"] == "obstacles"]
    assert (obstacles["outcome"], obstacles["reasons"]) == ("refused", [NO_CASE])


CHILD_BIRTH_DATE, RENT = "2019-07-23", "451.37"  # what must stay out of events and the decoded history


def household_record(legacy_id: str, given_name: str, *roles: str) -> dict[str, Any]:
    """A single parent's record with their Bedarfsgemeinschaft (§ 7 Abs. 3 SGB II) as PUT /households takes it."""
    members = [{"legacy_id": legacy_id, "role": roles[0], "birth_date": "1988-02-11"}]
    members += [{"role": role, "birth_date": CHILD_BIRTH_DATE} for role in roles[1:]]
    return {
        **{k: RECORD[k] for k in ("residence_postcode", "consent")},
        "legacy_id": legacy_id,
        "household_key": f"BG-{legacy_id}",
        "person": {"given_name": given_name, "family_name": "Petersen", "birth_date": "1988-02-11"},
        "household": {
            "month": "2026-12-01",
            "members": members,
            "housing": {"rent": RENT, "heating": "90.00", "appropriate_rent": "475.00"},
        },
    }


async def test_the_household_is_entered_at_benefits_decided_reported_and_not_doubled(stack, tokens, kafka_server):
    """§ 7 Abs. 3 SGB II (the Bedarfsgemeinschaft), § 22 (housing): the imported household is decided as entered."""
    intake, coaching, client, settings, _, benefits = stack
    body = {"source": "legacy.jsonl", "records": [household_record("GT-H1", "Merle", "adult", "child")]}
    imported = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert imported.status_code == 201, imported.text
    client_id = imported.json()["records"][0]["client_id"]

    state = await carried(client, client_id)
    assert "legacy record carried: household carried" in [e.because for e in state.history]
    record = await report(intake, tokens, imported.json()["import_id"])
    assert [(d["part"], d["outcome"], d["reasons"]) for d in record["downstream"]] == [("household", "carried", [])]

    # At benefits: the household as imported, the applicant named by their client id, and a grant decided.
    read = await intake.http.get(f"/imports/records/{client_id}/household", headers=tokens.headers(Role.OPERATOR))
    household_id = read.json()["household_id"]
    clerk = tokens.headers(Role.BENEFITS_CLERK)
    view = (await benefits.http.get(f"/households/{household_id}", headers=clerk)).json()
    assert [m["client_id"] for m in view["inputs"]["members"]] == [client_id, None]
    assert view["inputs"]["housing"]["rent"] == RENT and view["current_entitlement"] is not None
    decisions = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk)).json()
    assert [d["kind"] for d in decisions] == ["grant"]
    worker = tokens.headers(Role.JOURNEY_WORKER)  # it enters a household; it reads none
    assert (await benefits.http.get(f"/households/{household_id}", headers=worker)).status_code == 403
    elsewhere = {**tokens.headers(Role.JOURNEY_WORKER, offices=("celle",)), "Idempotency-Key": "another-office"}
    entered = read.json()["household"]
    put = await benefits.http.put(f"/households/{household_id}", json=entered, headers=elsewhere)
    assert put.status_code == 403, put.text  # office-scoped as a clerk's entry

    # A retried activity (same key) and a re-run (a new key) decide nothing again.
    activities = carrier(intake, coaching, benefits, settings)
    for key in ("a-retried-household", "a-retried-household", "a-new-household-run"):
        result = await activities.carry_migration(m.CarryMigration(client_id=client_id, idempotency_key=key))
        assert [(p.part, p.outcome) for p in result.parts] == [("household", "carried")]
    assert (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk)).json() == decisions
    assert (await report(intake, tokens, imported.json()["import_id"]))["downstream"] == record["downstream"]

    # Privacy: no input of the household in any event naming the client or in the decoded history.
    events = await events_naming(kafka_server.bootstrap_servers, client_id)
    assert events and [e for e in events if CHILD_BIRTH_DATE in e or RENT in e] == []
    history = await decoded_history(client, client_id)
    assert client_id in history and CHILD_BIRTH_DATE not in history and RENT not in history
    await record_history(client.get_workflow_handle(journey_id(client_id)), "migrated-household")


async def test_a_household_benefits_refuses_is_reported_with_benefits_reasons(stack, tokens):
    """§ 7 Abs. 3 Nr. 1 SGB II: one adult (the applicant) per household; benefits' rule, benefits' words."""
    intake, _, client, _, _, benefits = stack
    body = {"source": "legacy.jsonl", "records": [household_record("GT-H2", "Kai", "adult", "adult")]}
    imported = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert imported.json()["records"][0]["outcome"] == "registered", imported.text
    client_id = imported.json()["records"][0]["client_id"]

    state = await carried(client, client_id)
    assert "legacy record carried: household refused" in [e.because for e in state.history]
    (part,) = (await report(intake, tokens, imported.json()["import_id"]))["downstream"]
    assert (part["part"], part["outcome"]) == ("household", "refused")
    assert part["reasons"] and all(r.startswith("members") for r in part["reasons"]), part["reasons"]
    assert not any(CHILD_BIRTH_DATE in r or "1988" in r for r in part["reasons"])
    read = await intake.http.get(f"/imports/records/{client_id}/household", headers=tokens.headers(Role.OPERATOR))
    view = await benefits.http.get(
        f"/households/{read.json()['household_id']}", headers=tokens.headers(Role.BENEFITS_CLERK)
    )
    assert view.json()["inputs"] is None and view.json()["current_entitlement"] is None
