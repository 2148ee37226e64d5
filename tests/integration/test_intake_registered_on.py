"""A registration dated on the day staff name (a paper form entered later, the demo's compressed past), with real
Kafka on SQLite and PostgreSQL: the day is on the file and in `client_registered.v1`; a day ahead of today or before
the birth date is refused naming `registered_on` and writes nothing; a retry with the same key is answered once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest

from contracts import topics
from contracts.events import ClientRegisteredV1
from services.platform.auth.staff import Role
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service

TODAY = datetime.now(ZoneInfo("Europe/Berlin")).date()  # the offices' calendar day, as intake checks it
PLON = "24306"


def client(given: str, family: str, born: str = "1990-06-15", **more: object) -> dict[str, object]:
    person = {"given_name": given, "family_name": family, "birth_date": born}
    return {"person": person, "residence_postcode": "24321", "consent": True, **more}  # Lütjenburg


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def clerk(tokens, key: str | None = None) -> dict[str, str]:
    headers = tokens.headers(Role.INTAKE_CLERK, offices=("lutjenburg", "plon"), staff_id="lutjenburg-clerk-01")
    return {**headers, "Idempotency-Key": key} if key else headers


def manager(tokens) -> dict[str, str]:
    return tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg", "plon"), staff_id="lutjenburg-cm-01")


async def registered_event(bootstrap: str, client_id: str) -> ClientRegisteredV1:
    def ours(records) -> list[ClientRegisteredV1]:
        events = [e.data for e in envelopes(records) if isinstance(e.data, ClientRegisteredV1)]
        return [e for e in events if str(e.client_id) == client_id]

    (event,) = ours(await read_until(bootstrap, topics.CLIENTS.name, lambda rs: len(ours(rs)) >= 1))
    return event


def born_25_years_before(day: date) -> date:
    return date(day.year - 25, day.month, 28 if (day.month, day.day) == (2, 29) else day.day)


async def test_a_registration_dated_back_is_on_the_file_and_in_the_event_with_the_age_of_that_day(
    intake, tokens, kafka_server
):
    day = TODAY - timedelta(days=60)
    turns_25 = TODAY - timedelta(days=30)  # under 25 on the day of the registration, 25 today
    born = born_25_years_before(turns_25)
    reply = await intake.http.post(
        "/clients",
        json=client("Merle", "Thomsen", born.isoformat(), registered_on=day.isoformat()),
        headers=clerk(tokens),
    )
    assert reply.status_code == 201, reply.text
    registered = reply.json()
    assert registered["registered_on"] == day.isoformat()
    shown = await intake.http.get(f"/clients/{registered['client_id']}", headers=manager(tokens))
    assert shown.json()["registered_on"] == day.isoformat()
    assert datetime.fromisoformat(shown.json()["registered_at"]).astimezone(ZoneInfo("Europe/Berlin")).date() == TODAY
    event = await registered_event(kafka_server.bootstrap_servers, registered["client_id"])
    assert (event.client_id, event.registered_on) == (UUID(registered["client_id"]), day)
    assert (event.age_band, event.turns_25_on) == ("under_25", turns_25)


async def test_without_a_day_the_registration_is_dated_today(intake, tokens, kafka_server):
    reply = await intake.http.post("/clients", json=client("Hauke", "Jessen"), headers=clerk(tokens))
    assert reply.status_code == 201, reply.text
    assert reply.json()["registered_on"] == TODAY.isoformat()
    event = await registered_event(kafka_server.bootstrap_servers, reply.json()["client_id"])
    assert event.registered_on == TODAY


async def test_a_day_ahead_or_before_the_birth_is_refused_naming_registered_on_and_writes_nothing(intake, tokens):
    refused = [
        ((TODAY + timedelta(days=1)).isoformat(), "lies in the future"),
        ("1990-06-14", "lies before the birth date 1990-06-15"),
        ("2005-06-14", "not yet 15 years old"),
    ]
    for day, reason in refused:
        reply = await intake.http.post(
            "/clients", json=client("Kai", "Petersen", registered_on=day), headers=clerk(tokens)
        )
        assert reply.status_code == 422, reply.text
        problem = reply.json()
        assert problem["errors"] == [{"field": "registered_on", "reason": problem["errors"][0]["reason"]}]
        assert reason in problem["errors"][0]["reason"]
    found = await intake.http.get("/clients/search", params={"name": "Kai Petersen"}, headers=manager(tokens))
    assert found.status_code == 200 and found.json()["items"] == []
    first = await intake.http.post("/clients", json=client("Ina", "Lorenzen"), headers=clerk(tokens))
    assert first.json()["client_number"] == "L-000001"  # no refused registration took a number


async def test_a_retry_with_the_same_key_is_answered_once_and_another_day_under_that_key_is_refused(intake, tokens):
    body = client("Frauke", "Brodersen", registered_on=(TODAY - timedelta(days=7)).isoformat())
    first = await intake.http.post("/clients", json=body, headers=clerk(tokens, "registration-frauke-1"))
    again = await intake.http.post("/clients", json=body, headers=clerk(tokens, "registration-frauke-1"))
    assert first.status_code == again.status_code == 201
    assert again.json()["client_id"] == first.json()["client_id"]
    assert again.headers.get("Idempotent-Replayed") == "true"
    other = {**body, "registered_on": (TODAY - timedelta(days=8)).isoformat()}
    clash = await intake.http.post("/clients", json=other, headers=clerk(tokens, "registration-frauke-1"))
    assert clash.status_code == 422 and clash.json()["errors"][0]["field"] == "Idempotency-Key"


async def test_a_move_is_checked_against_the_day_of_the_registration_not_the_moment_it_was_written(intake, tokens):
    reply = await intake.http.post(
        "/clients",
        json=client("Sönke", "Carstens", registered_on=(TODAY - timedelta(days=30)).isoformat()),
        headers=clerk(tokens),
    )
    client_id = reply.json()["client_id"]
    before = {"residence_postcode": PLON, "moved_on": (TODAY - timedelta(days=31)).isoformat()}
    refused = await intake.http.post(f"/clients/{client_id}/moves", json=before, headers=clerk(tokens))
    assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "moved_on"
    after = {"residence_postcode": PLON, "moved_on": (TODAY - timedelta(days=10)).isoformat()}
    moved = await intake.http.post(f"/clients/{client_id}/moves", json=after, headers=clerk(tokens))
    assert moved.status_code == 201, moved.text
