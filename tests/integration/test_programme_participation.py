"""Programmes in the normal flow, through coaching's API on SQLite and PostgreSQL with real Kafka: the programme
follows the client's age band at assignment, staff enrol, transfer and end participations, the case manager
follows under the weighted caseload, and Kafka hears each change."""

from __future__ import annotations

import calendar
from datetime import UTC, date, datetime, timedelta
from uuid import UUID, uuid4

import pytest

from contracts.events import CaseAssignedV1, ClientRegisteredV1, ParticipationEndedV1, ParticipationStartedV1
from services.platform.auth.staff import Role
from tests.integration.test_coaching import announce, assign, case_events, case_manager, fill_caseload, worker
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

SINGLE_PARENT_MANAGER = "lutjenburg-cm-03"  # the roster's equal-opportunities case manager (seed 001)


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def register_aged(coaching, tokens, bootstrap, band, turns_25_on=None, groups=()) -> UUID:
    client_id = uuid4()
    await announce(
        bootstrap,
        ClientRegisteredV1(
            client_id=client_id,
            household_id=uuid4(),
            office_id="lutjenburg",
            target_groups=list(groups),
            registered_at=datetime.now(UTC),
            age_band=band,
            turns_25_on=turns_25_on,
        ),
    )

    async def case_exists() -> bool:
        return (await coaching.http.get(f"/cases/{client_id}", headers=worker(tokens))).status_code == 200

    await eventually(case_exists)
    return client_id


def eight_months_after(day: date) -> date:
    """Gemeinsam's duration written out: the same day eight months on, or that month's last day."""
    year, month = day.year + (day.month + 7) // 12, (day.month + 7) % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def today() -> date:
    return datetime.now(UTC).date()


@pytest.mark.parametrize(
    ("band", "turns_25_in_days", "groups", "programme"),
    [
        ("under_25", 400, (), "u25"),  # from the age band, without a hand-set target group
        ("under_25", -1, ("youth_under_25",), "standard"),  # turned 25 since registering
        ("25_and_over", None, ("youth_under_25",), "standard"),  # the band wins over a hand-set flag
        (None, None, ("youth_under_25",), "u25"),  # an event from before the band: the target group
    ],
)
async def test_the_programme_at_assignment_follows_the_clients_age_band(
    coaching, tokens, kafka_server, band, turns_25_in_days, groups, programme
):
    turns = today() + timedelta(days=turns_25_in_days) if turns_25_in_days is not None else None
    client_id = await register_aged(coaching, tokens, kafka_server.bootstrap_servers, band, turns, groups)
    assigned = await assign(coaching, tokens, client_id)
    assert assigned.status_code == 200, assigned.text
    assert assigned.json()["program_id"] == programme


async def test_a_single_parent_is_enrolled_in_gemeinsam_transferred_and_ends_in_work_and_kafka_hears_each_step(
    coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    client_id = await register_aged(coaching, tokens, bootstrap, "25_and_over", groups=("single_parent",))
    assert (await assign(coaching, tokens, client_id)).json()["program_id"] == "standard"
    staff, url = case_manager(tokens), f"/cases/{client_id}/participation"

    starts_on = today()  # the day of the assignment, whatever day the test runs
    body = {"program_id": "gemeinsam", "starts_on": starts_on.isoformat()}
    enrolled = await coaching.http.post(url, json=body, headers={**staff, "Idempotency-Key": "enrol-0001"})
    assert enrolled.status_code == 201, enrolled.text
    again = await coaching.http.post(url, json=body, headers={**staff, "Idempotency-Key": "enrol-0001"})
    assert again.status_code == 201 and again.json() == enrolled.json()  # answered once
    participation = enrolled.json()["participation"]
    assert (participation["planned_end_on"], enrolled.json()["contact_interval_days"]) == (
        eight_months_after(starts_on).isoformat(),
        7,
    )
    assert enrolled.json()["case_worker_id"] == SINGLE_PARENT_MANAGER  # fits their caseload: the case stays

    twice = await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=staff)
    assert twice.status_code == 409  # already in a programme: a transfer is the way
    moved = await coaching.http.post(f"{url}/transfer", json={"program_id": "joboffensive"}, headers=staff)
    assert moved.status_code == 200, moved.text
    assert moved.json()["participation"]["transferred_from"] == participation["participation_id"]
    ended = await coaching.http.post(f"{url}/end", json={"reason": "in_work"}, headers=staff)
    assert ended.status_code == 200, ended.text
    assert (ended.json()["program_id"], ended.json()["participation"]["end_reason"]) == ("standard", "in_work")

    case = (await coaching.http.get(f"/cases/{client_id}", headers=staff)).json()
    assert (case["program_id"], case["contact_interval_days"]) == ("standard", 30)
    history = (await coaching.http.get(f"/cases/{client_id}/participations", headers=staff)).json()
    assert [(p["program_id"], p["end_reason"]) for p in history] == [
        ("joboffensive", "in_work"),  # newest first
        ("gemeinsam", "transferred"),
    ]
    events = await case_events(bootstrap, client_id, ParticipationEndedV1.type, count=2)
    kinds = [(e.data.type, getattr(e.data, "program_id", None)) for e in events]
    assert kinds == [
        (CaseAssignedV1.type, "standard"),
        (CaseAssignedV1.type, "gemeinsam"),
        (ParticipationStartedV1.type, "gemeinsam"),
        (ParticipationEndedV1.type, "gemeinsam"),
        (CaseAssignedV1.type, "joboffensive"),
        (ParticipationStartedV1.type, "joboffensive"),
        (ParticipationEndedV1.type, "joboffensive"),
        (CaseAssignedV1.type, "standard"),
    ]
    first_end = events[3].data
    assert (first_end.reason, first_end.next_program_id, first_end.ended_on) == ("transferred", "joboffensive", today())


async def test_enrolment_checks_the_programme_the_office_the_role_and_the_input(coaching, tokens, kafka_server):
    client_id = await register_aged(coaching, tokens, kafka_server.bootstrap_servers, "25_and_over")
    url = f"/cases/{client_id}/participation"
    unassigned = await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=case_manager(tokens))
    assert unassigned.status_code == 409
    await assign(coaching, tokens, client_id)
    refusals = [
        ({"program_id": "gemeinsam"}, "program_id", "single_parent"),  # not in the target group
        ({"program_id": "u25"}, "program_id", "under 25"),
        ({"program_id": "standard"}, "program_id", "base programme"),
        ({"program_id": "joboffensive", "starts_on": "2020-01-01"}, "starts_on", "before"),
        ({"program_id": "JOB OFFENSIVE"}, "program_id", ""),
    ]
    for body, field, reason in refusals:
        refused = await coaching.http.post(url, json=body, headers=case_manager(tokens))
        assert refused.status_code == 422, (body, refused.text)
        assert field in refused.text and reason in refused.text
    officer = tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    assert (await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=officer)).status_code == 403
    elsewhere = case_manager(tokens, "plon-cm-05", ("plon",))
    assert (await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=elsewhere)).status_code == 403
    bad_end = await coaching.http.post(f"{url}/end", json={"reason": "bored"}, headers=case_manager(tokens))
    assert bad_end.status_code == 422 and "reason" in bad_end.text
    lead = tokens.headers(Role.TEAM_LEAD, offices=("lutjenburg",), staff_id="lutjenburg-tl-01")
    assert (await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=lead)).status_code == 201


async def test_a_transfer_into_a_programme_whose_case_managers_are_full_is_a_409_naming_why(
    coaching, tokens, kafka_server
):
    last = "lutjenburg-cm-09"
    for n in range(1, 9):  # one case manager left in Lütjenburg
        demoted = await coaching.http.post(
            "/staff",
            headers=case_manager(tokens),
            json={"staff_id": f"lutjenburg-cm-{n:02d}", "office_id": "lutjenburg", "roles": ["coach"]},
        )
        assert demoted.status_code == 201, demoted.text
    await fill_caseload(coaching, last, 149, "standard")
    client_id = await register_aged(coaching, tokens, kafka_server.bootstrap_servers, "25_and_over")
    assert (await assign(coaching, tokens, client_id)).json()["case_worker_id"] == last  # 150 standard: full

    url = f"/cases/{client_id}/participation"
    # 149/150 + 1/100 > 1: the same client weighs more in the Joboffensive than in standard case management
    refused = await coaching.http.post(url, json={"program_id": "joboffensive"}, headers=case_manager(tokens))
    assert refused.status_code == 409, refused.text
    problem = refused.json()
    assert problem["type"].endswith("/no-capacity")
    assert "Lütjenburg" in problem["detail"] and "Joboffensive" in problem["detail"] and "1:100" in problem["detail"]
    case = (await coaching.http.get(f"/cases/{client_id}", headers=case_manager(tokens))).json()
    assert case["program_id"] == "standard"  # nothing changed


def team_lead(tokens, office="lutjenburg"):
    return tokens.headers(Role.TEAM_LEAD, offices=(office,), staff_id=f"{office}-tl-01")


async def test_a_team_lead_gets_ranked_proposals_with_reasons_and_confirms_some_in_bulk(coaching, tokens, kafka_server):
    bootstrap, staff = kafka_server.bootstrap_servers, case_manager(tokens)
    ready, planned, childcare, plain = [
        await register_aged(coaching, tokens, bootstrap, "25_and_over") for _ in range(4)
    ]
    for client_id in (ready, planned, childcare, plain):
        assert (await assign(coaching, tokens, client_id)).status_code == 200
    assert (await coaching.http.post(f"/cases/{ready}/readiness", json={}, headers=staff)).status_code == 200
    for client_id, kind in ((planned, "debts"), (childcare, "childcare")):
        plan = {"obstacles": [{"kind": kind}], "agreed_at": datetime.now(UTC).isoformat()}
        agreed = await coaching.http.put(f"/cases/{client_id}/cooperation-plan", json=plan, headers=staff)
        assert agreed.status_code == 200, agreed.text
    mine = {str(c) for c in (ready, planned, childcare, plain)}

    url, params = "/programmes/joboffensive/proposals", {"office_id": "lutjenburg"}
    listed = await coaching.http.get(url, params=params, headers=team_lead(tokens))
    assert listed.status_code == 200, listed.text
    reply = listed.json()
    assert (reply["places"], reply["taken"]) == (80, 0)
    ranked = [(p["client_id"], p["score"]) for p in reply["selection"]["proposals"] if p["client_id"] in mine]
    # ready +50; a plan +20 with open debts −10; nothing known 0; open childcare: excluded
    assert ranked == [(str(ready), 50), (str(planned), 10), (str(plain), 0)]
    excluded = {e["client_id"]: e["reasons"] for e in reply["selection"]["excluded"]}
    assert excluded[str(childcare)] == ["open_obstacle:childcare"]

    assert (await coaching.http.get(url, params=params, headers=staff)).status_code == 403  # a team lead's call
    assert (await coaching.http.get(url, params=params, headers=team_lead(tokens, "plon"))).status_code == 403
    bad = await coaching.http.get(url, params={"office_id": "lutjenburg", "limit": 0}, headers=team_lead(tokens))
    assert bad.status_code == 422 and "limit" in bad.text

    stranger = uuid4()
    body = {"office_id": "lutjenburg", "client_ids": [str(ready), str(planned), str(stranger)]}
    confirmed = await coaching.http.post("/programmes/joboffensive/enrolments", json=body, headers=team_lead(tokens))
    assert confirmed.status_code == 200, confirmed.text
    outcome = confirmed.json()
    assert (outcome["enrolled"], outcome["refused"]) == (2, 1)
    assert [r["enrolled"] for r in outcome["results"]] == [True, True, False]
    assert "no case" in outcome["results"][2]["reason"]
    await case_events(bootstrap, planned, ParticipationStartedV1.type)

    again = (await coaching.http.get(url, params=params, headers=team_lead(tokens))).json()
    assert again["taken"] == 2
    assert {e["client_id"]: e["reasons"] for e in again["selection"]["excluded"]}[str(ready)] == [
        "in_programme:joboffensive"
    ]
    closed = await coaching.http.post(f"/cases/{ready}/closure", json={"reason": "moved_away"}, headers=staff)
    assert closed.status_code == 200, closed.text
    ended = await case_events(bootstrap, ready, ParticipationEndedV1.type)
    assert ended[-1].data.reason == "case_closed"
    after = (await coaching.http.get(url, params=params, headers=team_lead(tokens))).json()
    assert after["taken"] == 1  # the closed case freed its place
