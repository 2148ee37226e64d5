"""A client moves house (`client_moved.v1` over real Kafka, SQLite and PostgreSQL): coaching hands the case to a
case manager of the new office within its ratios, or puts it on that office's worklist when nobody has room, and
the client's appointments ahead at the old office are released with a notice task."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import UUID, uuid4

import pytest

from contracts.events import ClientMovedV1
from services.platform.auth.staff import Role
from tests.integration.test_coaching import announce, assign, case_manager, registered, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

THURSDAY_9AM = "2027-03-04T09:00:00+01:00"  # Lütjenburg is open


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def in_ploen(tokens, role=Role.CASE_MANAGER, staff_id="plon-cm-01"):
    return tokens.headers(role, offices=("plon",), staff_id=staff_id)


async def moves_to_ploen(bootstrap: str, client_id: UUID) -> None:
    await announce(
        bootstrap,
        ClientMovedV1(
            client_id=client_id,
            household_id=uuid4(),
            move_id=uuid4(),
            from_office_id="lutjenburg",
            office_id="plon",
            from_district="kreis-ploen",
            district="kreis-ploen",
            moved_on=date.today(),
            recorded_at=datetime.now(UTC),
        ),
    )


async def case_in_ploen(coaching, tokens, client_id: UUID) -> dict:
    found: dict = {}

    async def moved() -> bool:
        reply = await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))
        found.update(reply.json())
        return found.get("office_id") == "plon"

    await eventually(moved)
    return found


async def tasks_of(coaching, tokens, client_id: UUID, kind: str) -> list[dict]:
    reply = await coaching.http.get("/tasks", params={"office_id": "plon", "limit": 200}, headers=in_ploen(tokens))
    assert reply.status_code == 200, reply.text
    return [t for t in reply.json()["items"] if t["client_id"] == str(client_id) and t["kind"] == kind]


async def test_a_client_moving_to_ploen_gets_a_ploen_case_manager_and_the_luetjenburg_appointment_is_released(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered(coaching, tokens, bootstrap)
    assert (await assign(coaching, tokens, client_id)).json()["case_worker_id"].startswith("lutjenburg-")
    body = {
        "kind": "individual",
        "office_id": "lutjenburg",
        "staff_ids": ["lutjenburg-cm-03"],
        "starts_at": THURSDAY_9AM,
        "duration_minutes": 30,
        "channel": "in_person",
        "participants": [{"client_id": str(client_id)}],
    }
    booked = await coaching.http.post("/appointments", json=body, headers=case_manager(tokens))
    assert booked.status_code == 201, booked.text

    await moves_to_ploen(bootstrap, client_id)
    case = await case_in_ploen(coaching, tokens, client_id)
    assert case["case_worker_id"].startswith("plon-cm-") and case["status"] == "in_coaching"
    appointment = await coaching.http.get(
        f"/appointments/{booked.json()['appointment_id']}", headers=case_manager(tokens)
    )
    assert appointment.status_code == 200, appointment.text
    assert (appointment.json()["status"], appointment.json()["cancellation_reason"]) == ("cancelled", "client_moved")
    (notice,) = await tasks_of(coaching, tokens, client_id, "client_notice")
    assert notice["case_worker_id"] == case["case_worker_id"]
    old = await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens))
    assert old.status_code == 403  # Lütjenburg's staff no longer act for the case


async def test_when_no_ploen_case_manager_has_room_the_moved_case_waits_on_ploens_worklist_never_over_capacity(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    for n in range(1, 13):  # Plön's twelve case managers coach only: nobody there can take a case
        demoted = await coaching.http.post(
            "/staff",
            headers=in_ploen(tokens),
            json={"staff_id": f"plon-cm-{n:02d}", "office_id": "plon", "roles": ["coach"]},
        )
        assert demoted.status_code == 201, demoted.text
    client_id = await registered(coaching, tokens, bootstrap)
    assert (await assign(coaching, tokens, client_id)).status_code in (200, 201)

    await moves_to_ploen(bootstrap, client_id)
    case = await case_in_ploen(coaching, tokens, client_id)
    assert (case["case_worker_id"], case["status"]) == (None, "awaiting_assignment")
    (handover,) = await tasks_of(coaching, tokens, client_id, "handover")
    assert handover["case_worker_id"] is None
    lead = tokens.headers(Role.TEAM_LEAD, offices=("plon",), staff_id="plon-tl-01")
    waiting = await coaching.http.get(
        "/cases", params={"office_id": "plon", "status": "awaiting_assignment"}, headers=lead
    )
    assert waiting.status_code == 200, waiting.text
    assert str(client_id) in {c["client_id"] for c in waiting.json()["items"]}

    await moves_to_ploen(bootstrap, client_id)  # the same move heard again (another event id) changes nothing
    assert (await tasks_of(coaching, tokens, client_id, "handover")) == [handover]
