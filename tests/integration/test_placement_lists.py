"""A client's proposals and employments, as the client file lists them: office-scoped, on SQLite and PostgreSQL."""

from __future__ import annotations

from uuid import uuid4

from services.platform.auth.staff import Role
from tests.integration.test_placement import care_home, hire_body, officer, post, ready_client
from tests.support.running_service import running_service


async def test_a_clients_proposals_are_listed_with_their_outcomes_and_the_hire_as_their_employment(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        other_client = await ready_client(placement, bootstrap, tokens)
        vacancies = await care_home(placement, tokens)
        laundry_id = vacancies["laundry"]["vacancy_id"]
        proposal = await post(
            placement, "/proposals", {"client_id": str(client_id), "vacancy_id": laundry_id}, officer(tokens)
        )
        await post(placement, "/proposals", {"client_id": str(other_client), "vacancy_id": laundry_id}, officer(tokens))
        await post(placement, f"/proposals/{proposal['proposal_id']}/outcome", {"outcome": "applied"}, officer(tokens))
        hired = await post(
            placement,
            "/employments",
            hire_body(client_id, vacancies, proposal_id=proposal["proposal_id"]),
            officer(tokens),
        )

        listed = await placement.http.get(f"/proposals?client_id={client_id}", headers=officer(tokens))
        assert listed.status_code == 200, listed.text
        assert [(p["proposal_id"], p["status"]) for p in listed.json()] == [(proposal["proposal_id"], "accepted")]
        employed = await placement.http.get(f"/employments?client_id={client_id}", headers=officer(tokens))
        assert employed.status_code == 200, employed.text
        assert [(e["employment_id"], e["status"]) for e in employed.json()] == [(hired["employment_id"], "active")]
        none_yet = await placement.http.get(f"/employments?client_id={other_client}", headers=officer(tokens))
        assert none_yet.json() == []


async def test_another_offices_officer_gets_403_and_a_coach_403_for_a_clients_lists(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        plon = officer(tokens, offices=("plon",))
        for path in ("/proposals", "/employments"):
            assert (await placement.http.get(f"{path}?client_id={client_id}", headers=plon)).status_code == 403
            coach = tokens.headers(Role.COACH, offices=("celle",))
            assert (await placement.http.get(f"{path}?client_id={client_id}", headers=coach)).status_code == 403
            missing = await placement.http.get(path, headers=officer(tokens))
            assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "query.client_id"
        worker = tokens.headers(Role.JOURNEY_WORKER)
        assert (await placement.http.get(f"/employments?client_id={uuid4()}", headers=worker)).status_code == 200
