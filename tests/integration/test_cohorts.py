"""Cohorts through coaching's API on SQLite and PostgreSQL with real Kafka: a Gemeinsam cohort of eight months
meets weekly in a neighbourhood centre, fills to its capacity, carries its members' childcare within the
office, records outcomes that end participations, and closes at its end (the rule of domain/cohorts.py)."""

from __future__ import annotations

from uuid import UUID

import pytest

from contracts.events import CohortClosedV1, CohortOpenedV1, ParticipationEndedV1
from contracts.topics import CASES
from services.platform.auth.staff import Role
from tests.integration.test_coaching import assign, case_events, case_manager, worker
from tests.integration.test_programme_participation import register_aged
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service

FIRST_SESSION = "2027-01-07T09:00:00+01:00"  # a Thursday; Lütjenburg is open 08:00–12:30
CENTRE = "lutjenburg-stadtteiltreff"  # a named place the office books (capacity 20)
CHILDCARE = {"provider": "Kita Regenbogen", "days": ["thu"], "from_time": "08:30", "to_time": "12:00"}


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def gemeinsam(capacity: int = 2, **changes: object) -> dict:
    body = {
        "program_id": "gemeinsam",
        "office_id": "lutjenburg",
        "name": "Gemeinsam Frühjahr 2027",
        "first_session_at": FIRST_SESSION,
        "duration_minutes": 120,
        "room_id": CENTRE,
        "capacity": capacity,
        "staff_ids": ["lutjenburg-cm-03"],
    }
    return body | changes


async def single_parent(coaching, tokens, bootstrap) -> UUID:
    client_id = await register_aged(coaching, tokens, bootstrap, "25_and_over", groups=("single_parent",))
    assert (await assign(coaching, tokens, client_id)).status_code == 200
    return client_id


async def test_a_gemeinsam_cohort_runs_eight_months_fills_up_records_outcomes_and_closes_at_its_end(
    coaching, tokens, kafka_server
):
    bootstrap, staff = kafka_server.bootstrap_servers, case_manager(tokens)
    opened = await coaching.http.post("/cohorts", json=gemeinsam(), headers={**staff, "Idempotency-Key": "cohort-1"})
    assert opened.status_code == 201, opened.text
    again = await coaching.http.post("/cohorts", json=gemeinsam(), headers={**staff, "Idempotency-Key": "cohort-1"})
    assert again.json() == opened.json()  # answered once, booked once
    cohort = opened.json()["cohort"]
    assert (cohort["starts_on"], cohort["ends_on"], cohort["status"]) == ("2027-01-07", "2027-09-07", "open")
    assert len(opened.json()["sessions"]) == 34  # 35 Thursdays to 2 Sep 2027, Ascension Day left out
    assert "Kita-Verbund (Beispiel)" in [p["name"] for p in opened.json()["partner_employers"]]
    cohort_id = cohort["cohort_id"]

    first, second, third = [await single_parent(coaching, tokens, bootstrap) for _ in range(3)]
    url = f"/cohorts/{cohort_id}/members"
    joined = await coaching.http.post(url, json={"client_id": str(first), "childcare": CHILDCARE}, headers=staff)
    assert joined.status_code == 201, joined.text
    assert (joined.json()["joined_on"], joined.json()["childcare"]["from_time"]) == ("2027-01-07", "08:30")
    assert (await coaching.http.post(url, json={"client_id": str(second)}, headers=staff)).status_code == 201
    full = await coaching.http.post(url, json={"client_id": str(third)}, headers=staff)
    assert full.status_code == 409 and "full" in full.text

    participation = (await coaching.http.get(f"/cases/{first}/participations", headers=staff)).json()[0]
    assert (participation["program_id"], participation["planned_end_on"]) == ("gemeinsam", "2027-09-07")
    session = (
        await coaching.http.get(f"/appointments/{opened.json()['sessions'][0]['appointment_id']}", headers=staff)
    ).json()
    assert {p["client_id"] for p in session["participants"]} == {str(first), str(second)}

    outcome = {"outcome": "in_work", "on": "2027-05-03"}
    working = await coaching.http.put(f"{url}/{first}/outcome", json=outcome, headers=staff)
    assert working.status_code == 200, working.text
    ended = (await coaching.http.get(f"/cases/{first}/participations", headers=staff)).json()[0]
    assert (ended["ended_on"], ended["end_reason"]) == ("2027-05-03", "in_work")
    assert (await coaching.http.put(f"{url}/{first}/outcome", json=outcome, headers=staff)).status_code == 409

    too_early = await coaching.http.post(f"/cohorts/{cohort_id}/closing", json={}, headers=staff)
    assert too_early.status_code == 422 and "as_of" in too_early.text
    closing = {"as_of": "2027-09-08"}
    closed = await coaching.http.post(f"/cohorts/{cohort_id}/closing", json=closing, headers=worker(tokens))
    assert closed.status_code == 200, closed.text
    assert (closed.json()["ended"], closed.json()["outcomes_missing"]) == ([str(second)], [str(second)])
    last = (await coaching.http.get(f"/cases/{second}/participations", headers=staff)).json()[0]
    assert (last["ended_on"], last["end_reason"]) == ("2027-09-07", "completed")
    detail = (await coaching.http.get(f"/cohorts/{cohort_id}", headers=staff)).json()
    assert detail["cohort"]["status"] == "closed"
    members = {m["client_id"]: (m["outcome"], m["outcome_missing"]) for m in detail["members"]}
    assert members == {str(first): ("in_work", False), str(second): (None, True)}
    listed = (await coaching.http.get("/programmes/gemeinsam/cohorts?office_id=lutjenburg", headers=staff)).json()
    assert (listed[0]["members"], listed[0]["places_free"]) == (2, 0)

    await case_events(bootstrap, second, ParticipationEndedV1.type)

    def cohort_facts(records):
        return [e for e in envelopes(records) if getattr(e.data, "cohort_id", None) == UUID(cohort_id)]

    records = await read_until(
        bootstrap, CASES.name, lambda rs: any(e.type == CohortClosedV1.type for e in cohort_facts(rs))
    )
    facts = [e.type for e in cohort_facts(records)]
    assert facts.count(CohortOpenedV1.type) == 1 and "de.lotse.coaching.cohort_joined.v1" in facts
    assert "Kita" not in str([e.data.model_dump() for e in cohort_facts(records)])  # ids, never the childcare


async def test_cohort_input_is_refused_naming_the_field_and_childcare_stays_in_the_office(
    coaching, tokens, kafka_server
):
    staff = case_manager(tokens)
    refusals = [
        (gemeinsam(program_id="standard"), "program_id", "no duration"),
        (gemeinsam(capacity=30), "capacity", "holds 20"),
        (gemeinsam(room_id="plon-rathaus"), "room_id", "not a room of office lutjenburg"),
        (gemeinsam(first_session_at="2027-01-07T13:00:00+01:00"), "starts_at", ""),  # closed 12:30–14:00
    ]
    for body, field, reason in refusals:
        refused = await coaching.http.post("/cohorts", json=body, headers=staff)
        assert refused.status_code == 422, (body, refused.text)
        assert field in refused.text and reason in refused.text
    opened = (
        await coaching.http.post(
            "/cohorts", json=gemeinsam(first_session_at="2027-01-08T09:00:00+01:00"), headers=staff
        )
    ).json()
    url = f"/cohorts/{opened['cohort']['cohort_id']}"
    client_id = await single_parent(coaching, tokens, kafka_server.bootstrap_servers)
    backwards = CHILDCARE | {"from_time": "12:00", "to_time": "08:30"}
    bad = await coaching.http.post(
        f"{url}/members", json={"client_id": str(client_id), "childcare": backwards}, headers=staff
    )
    assert bad.status_code == 422 and "childcare.to_time" in bad.text
    assert (
        await coaching.http.post(f"{url}/members", json={"client_id": str(client_id)}, headers=staff)
    ).status_code == 201
    care = await coaching.http.put(f"{url}/members/{client_id}/childcare", json={"childcare": CHILDCARE}, headers=staff)
    assert care.status_code == 200 and care.json()["childcare"]["provider"] == "Kita Regenbogen"
    elsewhere = tokens.headers(Role.CASE_MANAGER, offices=("plon",), staff_id="plon-cm-05")
    assert (await coaching.http.get(url, headers=elsewhere)).status_code == 403
    officer = tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    assert (await coaching.http.get(url, headers=officer)).status_code == 403
    staff_as_of = await coaching.http.post(f"{url}/closing", json={"as_of": "2030-01-01"}, headers=staff)
    assert staff_as_of.status_code == 422 and "as_of" in staff_as_of.text
