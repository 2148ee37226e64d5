"""Moving house at intake, with real Kafka: the new residence makes the office of its postcode responsible, the
move is recorded (who, when, why) and announced as `client_moved.v1` with ids and offices only."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from contracts import topics
from contracts.events import ClientMovedV1
from services.platform.auth.staff import Role
from tests.integration.test_duplicates import LUTJENBURG, PLON, register, staff
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


TODAY = datetime.now(ZoneInfo("Europe/Berlin")).date()  # the office's calendar day, as intake checks it


async def move(intake, tokens, client_id: str, body: dict, *offices: str, key: str | None = None):
    headers = staff(tokens, Role.INTAKE_CLERK, *(offices or ("lutjenburg",)))
    if key:
        headers = {**headers, "Idempotency-Key": key}
    return await intake.http.post(f"/clients/{client_id}/moves", json=body, headers=headers)


def moves_of(client_id: str):
    def found(records) -> list[ClientMovedV1]:
        events = [e.data for e in envelopes(records) if isinstance(e.data, ClientMovedV1)]
        return [e for e in events if str(e.client_id) == client_id]

    return found


async def test_a_move_from_luetjenburg_to_ploen_hands_the_client_to_ploen_and_announces_ids_only(
    intake, tokens, kafka_server
):
    client = await register(intake, tokens, "Jana", "Hansen")
    body = {"residence_postcode": PLON, "moved_on": TODAY.isoformat()}
    reply = await move(intake, tokens, client["client_id"], body, key="move-of-jana-1")
    assert reply.status_code == 201, reply.text
    moved = reply.json()
    assert (moved["from_office_id"], moved["office_id"]) == ("lutjenburg", "plon")
    again = await move(intake, tokens, client["client_id"], body, key="move-of-jana-1")
    assert again.json()["move_id"] == moved["move_id"]  # the retry is answered once, not recorded twice
    now = await intake.http.get(f"/clients/{client['client_id']}", headers=staff(tokens, Role.CASE_MANAGER, "plon"))
    assert now.json()["office_id"] == "plon" and now.json()["residence_postcode"] == PLON
    found = moves_of(client["client_id"])
    records = await read_until(kafka_server.bootstrap_servers, topics.CLIENTS.name, lambda r: bool(found(r)))
    (event,) = found(records)
    assert (event.from_office_id, event.office_id, event.district, event.moved_on) == (
        "lutjenburg",
        "plon",
        "kreis-ploen",
        TODAY,
    )
    assert "postcode" not in event.model_dump_json() and PLON not in event.model_dump_json()


async def test_a_move_to_the_same_postcode_a_future_day_or_an_unserved_postcode_is_refused_naming_the_field(
    intake, tokens
):
    client = await register(intake, tokens, "Jan", "Lorenzen")
    cases = [
        ({"residence_postcode": LUTJENBURG, "moved_on": TODAY.isoformat()}, "residence_postcode"),
        ({"residence_postcode": PLON, "moved_on": (TODAY + timedelta(days=1)).isoformat()}, "moved_on"),
        ({"residence_postcode": PLON, "moved_on": (TODAY - timedelta(days=1)).isoformat()}, "moved_on"),
        ({"residence_postcode": "10115", "moved_on": TODAY.isoformat()}, "residence_postcode"),
        ({"residence_postcode": "2430", "moved_on": TODAY.isoformat()}, "residence_postcode"),
    ]
    for body, field in cases:
        reply = await move(intake, tokens, client["client_id"], body)
        assert reply.status_code == 422, (body, reply.text)
        assert field in reply.text, (body, reply.text)
    other_office = await move(intake, tokens, client["client_id"], cases[0][0], "plon")
    assert other_office.status_code == 403
