"""The journeys API as the worker process serves it: staff tokens, office scope, problem details.

Real HTTP on a free port, a real Temporal dev server, real coaching and placement behind the
journey's activities.
"""

from __future__ import annotations

from uuid import uuid4

import httpx
import pytest

from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    journey_worker,
    reaches,
    register_with_coaching,
    registration,
    start_journey,
    worker_settings,
)
from workflows.journey.state import Stage
from workflows.worker import journeys_api


@pytest.fixture(scope="module")
async def api(journey_client, journey_services, tokens):
    """The worker's journeys API and a worker with the journey's activities; yields (http, task queue)."""
    (port,) = free_ports(1)
    settings = worker_settings(
        tokens, *journey_services, api_port=port, jwt_public_key_file=tokens.public_key, api_exit_wait_seconds=2
    )
    async with (
        journey_worker(journey_client, settings) as task_queue,
        journeys_api(journey_client, settings),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http,
    ):
        yield http, task_queue


def manager(tokens, office: str = "lutjenburg", staff_id: str = "lutjenburg-cm-01") -> dict[str, str]:
    return tokens.headers(Role.CASE_MANAGER, offices=(office,), staff_id=staff_id)


async def journey(journey_client, task_queue, journey_services, tokens, kafka_server, *, assigned: bool = True):
    event = registration(uuid4())
    if assigned:
        await register_with_coaching(kafka_server.bootstrap_servers, journey_services[0], tokens, event)
    handle = await start_journey(journey_client, task_queue, event)
    await reaches(handle, Stage.COACHING if assigned else Stage.REGISTERED)
    return event.client_id, handle


async def test_case_managers_of_the_office_and_operators_read_a_journey_others_do_not(
    api, journey_client, journey_services, tokens, kafka_server
):
    http, task_queue = api
    client_id, handle = await journey(journey_client, task_queue, journey_services, tokens, kafka_server)
    reply = await http.get(f"/journeys/{client_id}", headers=manager(tokens))
    assert reply.status_code == 200, reply.text
    view = reply.json()
    assert view["state"]["stage"] == "coaching" and view["state"]["history"][0]["stage"] == "coaching"
    assert [d["kind"] for d in view["deadlines"]] == ["contact_overdue", "plan_review"]
    assert view["details"].startswith("In coaching with case manager")

    assert (
        await http.get(f"/journeys/{client_id}", headers=tokens.headers(Role.OPERATOR, offices=()))
    ).status_code == 200
    elsewhere = await http.get(f"/journeys/{client_id}", headers=manager(tokens, "plon", "plon-cm-01"))
    assert elsewhere.status_code == 403 and elsewhere.headers["content-type"] == "application/problem+json"
    assert (await http.get(f"/journeys/{client_id}", headers=tokens.headers(Role.PLACEMENT_OFFICER))).status_code == 403
    assert (await http.get(f"/journeys/{client_id}")).status_code == 401
    assert (await http.get(f"/journeys/{uuid4()}", headers=manager(tokens))).status_code == 404
    await handle.terminate("test over")


async def test_a_change_of_case_worker_is_refused_with_the_field_named_or_done(
    api, journey_client, journey_services, tokens, kafka_server
):
    http, task_queue = api
    client_id, handle = await journey(journey_client, task_queue, journey_services, tokens, kafka_server)
    current = (await http.get(f"/journeys/{client_id}", headers=manager(tokens))).json()["state"]["case_worker_id"]
    path = f"/journeys/{client_id}/case-worker"

    same = await http.put(path, json={"case_worker_id": current, "reason": "again"}, headers=manager(tokens))
    assert same.status_code == 422 and same.json()["errors"][0]["field"] == "case_worker_id", same.text
    other_office = await http.put(path, json={"case_worker_id": "plon-cm-05", "reason": "x"}, headers=manager(tokens))
    assert other_office.status_code == 422 and other_office.json()["errors"][0]["field"] == "case_worker_id"
    colleague = "lutjenburg-cm-02" if current != "lutjenburg-cm-02" else "lutjenburg-cm-03"
    changed = await http.put(path, json={"case_worker_id": colleague, "reason": "caseload"}, headers=manager(tokens))
    assert changed.status_code == 200, changed.text
    assert changed.json()["case_worker_id"] == colleague
    await handle.terminate("test over")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"case_worker_id": "müller", "reason": "caseload"}, "case_worker_id"),
        ({"case_worker_id": "Lutjenburg-CM-02", "reason": "caseload"}, "case_worker_id"),
        ({"case_worker_id": "lutjenburg-cm-02\u0000", "reason": "caseload"}, "case_worker_id"),
        ({"case_worker_id": "x" * 101, "reason": "caseload"}, "case_worker_id"),
        ({"case_worker_id": "lutjenburg-cm-02", "reason": "case\u001bload"}, "reason"),
        ({"case_worker_id": "lutjenburg-cm-02", "reason": ""}, "reason"),
    ],
)
async def test_a_case_worker_id_or_reason_coaching_would_not_accept_is_refused_with_422_naming_the_field(
    api, journey_client, journey_services, tokens, kafka_server, body, field
):
    http, task_queue = api
    client_id, handle = await journey(journey_client, task_queue, journey_services, tokens, kafka_server)
    reply = await http.put(f"/journeys/{client_id}/case-worker", json=body, headers=manager(tokens))
    assert reply.status_code == 422, reply.text
    assert [e["field"] for e in reply.json()["errors"]] == [field]
    await handle.terminate("test over")


async def test_bodies_and_ids_that_are_not_what_the_api_takes_are_refused_with_422(api, tokens):
    http, _ = api
    for method, path, content in [
        ("PUT", f"/journeys/{uuid4()}/case-worker", b"not json"),
        ("POST", f"/journeys/{uuid4()}/exit", b'["moved_away"]'),
        ("POST", "/journeys/m%C3%BCller/exit", b'{"reason": "moved_away"}'),
        ("GET", "/journeys/0195a3c4", None),
    ]:
        reply = await http.request(
            method, path, content=content, headers={**manager(tokens), "content-type": "application/json"}
        )
        assert reply.status_code == 422, (path, reply.text)


async def test_a_body_over_the_limit_is_refused_with_413_before_it_is_parsed(api, tokens):
    http, _ = api
    oversized = b'{"reason": "' + b"x" * (2 * 1024 * 1024) + b'"}'
    reply = await http.post(
        f"/journeys/{uuid4()}/exit", content=oversized, headers={**manager(tokens), "content-type": "application/json"}
    )
    assert reply.status_code == 413, reply.text


async def test_a_journey_without_case_manager_refuses_a_change_and_a_closed_one_a_second_exit(
    api, journey_client, journey_services, tokens, kafka_server
):
    http, task_queue = api
    client_id, handle = await journey(
        journey_client, task_queue, journey_services, tokens, kafka_server, assigned=False
    )
    refused = await http.put(
        f"/journeys/{client_id}/case-worker",
        headers=tokens.headers(Role.OPERATOR),
        json={"case_worker_id": "lutjenburg-cm-01", "reason": "first"},
    )
    assert refused.status_code == 409, refused.text
    # Coaching does not know the case yet: the exit is accepted, the closure waits for coaching (202) ...
    closing = await http.post(
        f"/journeys/{client_id}/exit", json={"reason": "withdrew"}, headers=tokens.headers(Role.OPERATOR)
    )
    assert closing.status_code == 202 and closing.json()["exit_reason"] == "withdrew", closing.text
    twice = await http.post(
        f"/journeys/{client_id}/exit", json={"reason": "moved_away"}, headers=tokens.headers(Role.OPERATOR)
    )
    assert twice.status_code == 409 and "already closing" in twice.json()["detail"], twice.text
    await handle.terminate("test over")

    client_id, handle = await journey(journey_client, task_queue, journey_services, tokens, kafka_server)
    invalid = await http.post(f"/journeys/{client_id}/exit", json={"reason": "bored"}, headers=manager(tokens))
    assert invalid.status_code == 422 and invalid.json()["errors"][0]["field"] == "reason"
    done = await http.post(f"/journeys/{client_id}/exit", json={"reason": "moved_away"}, headers=manager(tokens))
    assert done.status_code == 200, done.text
    assert done.json()["stage"] == "closed" and done.json()["closed_reason"] == "moved_away"
    again = await http.post(f"/journeys/{client_id}/exit", json={"reason": "withdrew"}, headers=manager(tokens))
    assert again.status_code == 409, again.text
    assert (await http.get(f"/journeys/{client_id}", headers=manager(tokens))).json()["state"]["stage"] == "closed"


async def test_the_api_reports_its_health(api):
    http, _ = api
    assert (await http.get("/health")).json() == {"status": "ok"}
