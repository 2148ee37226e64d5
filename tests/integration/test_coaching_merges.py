"""A duplicate registration merged at intake (`client_merged.v1` over real Kafka, SQLite and PostgreSQL): the kept
client's case takes the duplicate's open tasks and booked appointments, the duplicate case closes and frees its
caseload slot — the person is counted once."""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID

import pytest

from contracts.events import ClientMergedV1
from tests.integration.test_coaching import announce, assign, case_manager, registered, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

THURSDAY_9AM = "2027-03-04T09:00:00+01:00"  # Lütjenburg is open


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def merged(bootstrap: str, gone: UUID, kept: UUID) -> None:
    await announce(
        bootstrap,
        ClientMergedV1(client_id=gone, merged_into=kept, office_id="lutjenburg", merged_at=datetime.now(UTC)),
    )


async def test_a_merged_duplicates_tasks_and_appointment_go_to_the_kept_client_and_its_case_closes(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    kept, gone = await registered(coaching, tokens, bootstrap), await registered(coaching, tokens, bootstrap)
    for client_id in (kept, gone):
        assert (await assign(coaching, tokens, client_id)).status_code in (200, 201)
    task = await coaching.http.post(
        f"/cases/{gone}/tasks",
        json={"kind": "plan_review", "due_at": "2027-01-10T09:00:00+01:00", "detail": "Plan prüfen"},
        headers=worker(tokens),
    )
    assert task.status_code == 201, task.text
    body = {
        "kind": "individual",
        "office_id": "lutjenburg",
        "staff_ids": ["lutjenburg-cm-03"],
        "starts_at": THURSDAY_9AM,
        "duration_minutes": 30,
        "channel": "in_person",
        "participants": [{"client_id": str(gone)}],
    }
    booked = await coaching.http.post("/appointments", json=body, headers=case_manager(tokens))
    assert booked.status_code == 201, booked.text

    await merged(bootstrap, gone, kept)

    async def closed() -> bool:
        case = (await coaching.http.get(f"/cases/{gone}", headers=worker(tokens))).json()
        return case["status"] == "closed"

    await eventually(closed)
    duplicate = (await coaching.http.get(f"/cases/{gone}", headers=worker(tokens))).json()
    assert duplicate["closure_reason"] == "merged" and duplicate["open_tasks"] == []
    survivor = (await coaching.http.get(f"/cases/{kept}", headers=case_manager(tokens))).json()
    assert [t["task_id"] for t in survivor["open_tasks"]] == [task.json()["task_id"]]
    appointment = await coaching.http.get(
        f"/appointments/{booked.json()['appointment_id']}", headers=case_manager(tokens)
    )
    assert [p["client_id"] for p in appointment.json()["participants"]] == [str(kept)]
    waiting = await coaching.http.get(
        "/cases", params={"office_id": "lutjenburg", "limit": 200}, headers=case_manager(tokens)
    )
    listed = {c["client_id"] for c in waiting.json()["items"]}
    assert str(kept) in listed and str(gone) not in listed  # counted once in the caseload
