"""Coaching dated on the demo's calendar: the journey's worker (or an operator) names the assignment's day,
enrolment and cohort joins measure against it; on the real API, SQLite and PostgreSQL, Kafka in between."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from contracts.events import CaseAssignedV1, ClientRegisteredV1, CohortJoinedV1
from services.coaching.domain.offices import BERLIN
from services.coaching.tables import CaseRow
from services.platform.auth.staff import Role
from tests.integration.test_coaching import announce, case_events, case_manager, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

REGISTERED_ON = date(2025, 8, 4)  # a Monday in the demo's past


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def registered_on(coaching, tokens, bootstrap: str, day: date, *target_groups: str) -> UUID:
    client_id = uuid4()
    await announce(
        bootstrap,
        ClientRegisteredV1(
            client_id=client_id,
            household_id=uuid4(),
            office_id="lutjenburg",
            target_groups=list(target_groups),
            registered_at=datetime.now(UTC),
            registered_on=day,
        ),
    )

    async def case_exists() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(case_exists)
    return client_id


async def assign_on(coaching, headers, client_id: UUID, day: date | None, key: str | None = None):
    body = {"program_id": None, **({"assigned_on": day.isoformat()} if day else {})}
    extra = {"Idempotency-Key": key} if key else {}
    return await coaching.http.post(f"/cases/{client_id}/assignment", json=body, headers={**headers, **extra})


def refused_field(response) -> list[str]:
    assert response.status_code == 422, response.text
    return [e["field"] for e in response.json()["errors"]]


async def test_the_journeys_worker_dates_an_assignment_between_the_registration_and_today_and_kafka_hears_the_day(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON, "single_parent")
    today = datetime.now(BERLIN).date()

    by_case_manager = await assign_on(coaching, case_manager(tokens), client_id, date(2025, 8, 11))
    assert refused_field(by_case_manager) == ["assigned_on"]
    assert "journey" in by_case_manager.json()["errors"][0]["reason"]
    tomorrow = await assign_on(coaching, worker(tokens), client_id, today + timedelta(days=1))
    assert refused_field(tomorrow) == ["assigned_on"] and "future" in tomorrow.json()["errors"][0]["reason"]
    before = await assign_on(coaching, worker(tokens), client_id, REGISTERED_ON - timedelta(days=1))
    assert refused_field(before) == ["assigned_on"] and "2025-08-04" in before.json()["errors"][0]["reason"]

    first = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11), key="assign-dated-1")
    assert first.status_code == 200, first.text
    assert first.json()["assigned_on"] == "2025-08-11"
    assert datetime.fromisoformat(first.json()["assigned_at"]).astimezone(BERLIN).date() == today
    replay = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11), key="assign-dated-1")
    assert replay.json() == first.json() and replay.headers.get("Idempotent-Replayed") == "true"
    other_day = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 12), key="assign-dated-1")
    assert refused_field(other_day) == ["Idempotency-Key"]

    events = await case_events(bootstrap, client_id, CaseAssignedV1.type)
    assert [(e.data.type, e.data.assigned_on) for e in events] == [(CaseAssignedV1.type, date(2025, 8, 11))]
    async with coaching.runtime.uow.transaction() as tx:
        case = await tx.session.get(CaseRow, client_id)
        assert case is not None and (case.registered_on, case.assigned_on) == (REGISTERED_ON, date(2025, 8, 11))
    seen = await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens))
    assert seen.status_code == 200, seen.text
    assert (seen.json()["assigned_on"], seen.json()["assigned_at"]) == ("2025-08-11", first.json()["assigned_at"])


async def test_an_operator_may_date_an_assignment_and_a_case_managers_is_dated_today(coaching, tokens, kafka_server):
    bootstrap = kafka_server.bootstrap_servers
    operator = tokens.headers(Role.OPERATOR, staff_id="ops-1")
    dated = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON)
    by_operator = await assign_on(coaching, operator, dated, REGISTERED_ON)
    assert by_operator.status_code == 200, by_operator.text
    assert by_operator.json()["assigned_on"] == REGISTERED_ON.isoformat()

    undated = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON)
    by_case_manager = await assign_on(coaching, case_manager(tokens), undated, None)
    assert by_case_manager.status_code == 200, by_case_manager.text
    assert by_case_manager.json()["assigned_on"] == datetime.now(BERLIN).date().isoformat()


async def test_a_participation_on_the_demos_past_calendar_starts_after_the_dated_assignment_and_dates_each_hand_over(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON, "single_parent")
    assigned = await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11))
    assert assigned.status_code == 200, assigned.text
    staff, url = case_manager(tokens), f"/cases/{client_id}/participation"

    early = await coaching.http.post(url, json={"program_id": "gemeinsam", "starts_on": "2025-08-08"}, headers=staff)
    assert refused_field(early) == ["starts_on"] and "2025-08-11" in early.json()["errors"][0]["reason"]
    enrolled = await coaching.http.post(url, json={"program_id": "gemeinsam", "starts_on": "2025-09-01"}, headers=staff)
    assert enrolled.status_code == 201, enrolled.text
    ended = await coaching.http.post(
        f"{url}/end", json={"reason": "dropped_out", "ended_on": "2025-10-01"}, headers=staff
    )
    assert ended.status_code == 200, ended.text
    # The hand-over at the end is dated by it, not re-stamped today: the next enrolment may follow on the past day.
    before_end = {"program_id": "gemeinsam", "starts_on": "2025-09-30"}
    assert refused_field(await coaching.http.post(url, json=before_end, headers=staff)) == ["starts_on"]
    again = await coaching.http.post(url, json={"program_id": "gemeinsam", "starts_on": "2025-10-15"}, headers=staff)
    assert again.status_code == 201, again.text

    events = await case_events(bootstrap, client_id, CaseAssignedV1.type, count=4)
    days = [e.data.assigned_on for e in events if e.data.type == CaseAssignedV1.type]
    assert days == [date(2025, 8, 11), date(2025, 9, 1), date(2025, 10, 1), date(2025, 10, 15)]
    async with coaching.runtime.uow.transaction() as tx:
        case = await tx.session.get(CaseRow, client_id)
        assert case is not None and case.assigned_on == date(2025, 10, 15)
        assert (
            case.assigned_at is not None and case.assigned_at.astimezone(BERLIN).date() == datetime.now(BERLIN).date()
        )


async def test_a_case_assigned_before_the_assignment_day_was_kept_is_measured_from_assigned_ats_day(
    coaching, tokens, kafka_server
):
    client_id = await registered_on(coaching, tokens, kafka_server.bootstrap_servers, REGISTERED_ON, "single_parent")
    assert (await assign_on(coaching, worker(tokens), client_id, date(2025, 8, 11))).status_code == 200
    async with coaching.runtime.uow.transaction() as tx:  # as a row from before 0014 holds it
        case = await tx.session.get(CaseRow, client_id)
        assert case is not None
        case.assigned_on, case.assigned_at = None, datetime(2025, 8, 20, 22, 30, tzinfo=UTC)  # 21 August in Berlin
    staff, url = case_manager(tokens), f"/cases/{client_id}/participation"
    assert (await coaching.http.get(f"/cases/{client_id}", headers=staff)).json()["assigned_on"] == "2025-08-21"
    early = await coaching.http.post(url, json={"program_id": "gemeinsam", "starts_on": "2025-08-20"}, headers=staff)
    assert refused_field(early) == ["starts_on"] and "2025-08-21" in early.json()["errors"][0]["reason"]
    on_the_day = {"program_id": "gemeinsam", "starts_on": "2025-08-21"}
    assert (await coaching.http.post(url, json=on_the_day, headers=staff)).status_code == 201


PAST_FIRST_SESSION = "2025-09-04T09:00:00+02:00"  # a Thursday in the demo's past; Lütjenburg is open 08:00–12:30


async def test_a_join_on_the_demos_past_calendar_lies_within_the_cohort_after_the_hand_over_and_invites_from_its_day(
    coaching, tokens, kafka_server
):
    bootstrap, staff = kafka_server.bootstrap_servers, case_manager(tokens)
    body = {
        "program_id": "gemeinsam",
        "office_id": "lutjenburg",
        "name": "Gemeinsam Herbst 2025",
        "first_session_at": PAST_FIRST_SESSION,
        "duration_minutes": 120,
        "room_id": "lutjenburg-stadtteiltreff",
        "capacity": 5,
        "staff_ids": ["lutjenburg-cm-03"],
    }
    opened = await coaching.http.post("/cohorts", json=body, headers=staff)
    assert opened.status_code == 201, opened.text
    cohort, sessions = opened.json()["cohort"], opened.json()["sessions"]
    assert (cohort["starts_on"], cohort["ends_on"]) == ("2025-09-04", "2026-05-04")
    url = f"/cohorts/{cohort['cohort_id']}/members"

    async def dated(day: date) -> UUID:
        client_id = await registered_on(coaching, tokens, bootstrap, REGISTERED_ON, "single_parent")
        assert (await assign_on(coaching, worker(tokens), client_id, day)).status_code == 200
        return client_id

    joining, late_hand_over = await dated(date(2025, 8, 11)), await dated(date(2025, 9, 20))
    enrolled_later = await dated(date(2025, 8, 11))
    tomorrow = (datetime.now(BERLIN).date() + timedelta(days=1)).isoformat()
    for joins_on, reason in [
        ("2025-09-03", "begins on 2025-09-04"),
        ("2026-05-04", "ends on 2026-05-04"),
        (tomorrow, "future"),
    ]:
        refused = await coaching.http.post(url, json={"client_id": str(joining), "joins_on": joins_on}, headers=staff)
        assert refused_field(refused) == ["joins_on"] and reason in refused.json()["errors"][0]["reason"], joins_on
    before_hand_over = await coaching.http.post(
        url, json={"client_id": str(late_hand_over), "joins_on": "2025-09-11"}, headers=staff
    )
    assert refused_field(before_hand_over) == ["joins_on"]
    assert "2025-09-20" in before_hand_over.json()["errors"][0]["reason"]
    enrolment = {"program_id": "gemeinsam", "starts_on": "2025-09-15"}
    assert (
        await coaching.http.post(f"/cases/{enrolled_later}/participation", json=enrolment, headers=staff)
    ).status_code == 201
    before_start = await coaching.http.post(
        url, json={"client_id": str(enrolled_later), "joins_on": "2025-09-12"}, headers=staff
    )
    assert refused_field(before_start) == ["joins_on"] and "2025-09-15" in before_start.json()["errors"][0]["reason"]

    keyed = {**staff, "Idempotency-Key": "join-dated-1"}
    joined = await coaching.http.post(url, json={"client_id": str(joining), "joins_on": "2025-09-11"}, headers=keyed)
    assert joined.status_code == 201, joined.text
    assert joined.json()["joined_on"] == "2025-09-11"
    replay = await coaching.http.post(url, json={"client_id": str(joining), "joins_on": "2025-09-11"}, headers=keyed)
    assert replay.json() == joined.json() and replay.headers.get("Idempotent-Replayed") == "true"
    participation = (await coaching.http.get(f"/cases/{joining}/participations", headers=staff)).json()[0]
    assert (participation["started_on"], participation["planned_end_on"]) == ("2025-09-11", "2026-05-04")
    first, second = [
        (await coaching.http.get(f"/appointments/{s['appointment_id']}", headers=staff)).json() for s in sessions[:2]
    ]
    assert [p["client_id"] for p in first["participants"]] == []  # the session before the join
    assert [p["client_id"] for p in second["participants"]] == [str(joining)]

    events = await case_events(bootstrap, joining, CohortJoinedV1.type)
    assert [e.data.joined_on for e in events if e.data.type == CohortJoinedV1.type] == [date(2025, 9, 11)]
