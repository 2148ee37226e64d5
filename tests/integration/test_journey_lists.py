"""Journeys by office and stage from Temporal visibility (`GET /journeys`, `GET /journeys/count`), against the
session's real Temporal dev server. Visibility is eventually consistent: the tests wait for the fact.

Each test starts its journeys in an office of its own, so journeys of other tests on the same server never
change what it counts.
"""

from __future__ import annotations

from datetime import UTC, datetime
from uuid import UUID, uuid4

import httpx
import pytest

from contracts.envelope import Envelope
from contracts.events import CaseAssignedV1
from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    as_fact,
    journey_worker,
    reaches,
    record_history,
    register_with_coaching,
    registration,
    start_journey,
    worker_settings,
)
from tests.support.kafka_reading import eventually
from workflows.bridge import JourneyBridge, journey_id
from workflows.journey.state import Stage
from workflows.journey.workflow import ClientJourney
from workflows.worker import journeys_api

UI = "http://temporal-ui.test:8233"


@pytest.fixture(scope="module")
async def api(journey_client, journey_services, tokens):
    (port,) = free_ports(1)
    settings = worker_settings(
        tokens, *journey_services, api_port=port, jwt_public_key_file=tokens.public_key, temporal_ui_url=UI
    )
    async with (
        journey_worker(journey_client, settings) as task_queue,
        journeys_api(journey_client, settings),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http,
    ):
        yield http, task_queue


def operator(tokens):
    return tokens.headers(Role.OPERATOR, offices=(), staff_id="lead-1")


async def journeys_in_a_new_office(journey_client, task_queue, count: int):
    """Journeys started by the bridge from registrations in an office coaching does not know: they stay
    registered (the assignment keeps being retried), with the office as the bridge set it."""
    office, bridge = f"t-{uuid4().hex[:10]}", JourneyBridge(journey_client, task_queue)
    events = [registration(uuid4(), office) for _ in range(count)]
    for event in events:
        await bridge.signal(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))
    return office, [journey_client.get_workflow_handle(journey_id(e.client_id)) for e in events]


async def listed(http, headers, **params) -> dict:
    reply = await http.get("/journeys", params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    return reply.json()


async def counted(http, headers, **params) -> dict:
    reply = await http.get("/journeys/count", params=params, headers=headers)
    assert reply.status_code == 200, reply.text
    return reply.json()


async def test_journeys_of_an_office_are_listed_page_by_page_and_counted_per_stage(api, journey_client, tokens):
    http, task_queue = api
    office, handles = await journeys_in_a_new_office(journey_client, task_queue, 3)

    async def all_counted() -> bool:
        return (await counted(http, operator(tokens), office_id=office))["total"] == 3

    await eventually(all_counted, timeout=30)
    count = await counted(http, operator(tokens), office_id=office)
    assert count["by_stage"] == {s.value: 3 if s is Stage.REGISTERED else 0 for s in Stage}

    first = await listed(http, operator(tokens), office_id=office, limit=2)
    assert len(first["items"]) == 2 and first["next_cursor"]
    rest = await listed(http, operator(tokens), office_id=office, limit=2, cursor=first["next_cursor"])
    items = first["items"] + rest["items"]
    assert sorted(i["workflow_id"] for i in items) == sorted(h.id for h in handles)
    for item in items:
        assert item["office_id"] == office and item["stage"] == "registered"
        assert item["client_id"] == item["workflow_id"].removeprefix("journey-")
        assert item["temporal_ui_url"].startswith(f"{UI}/namespaces/default/workflows/{item['workflow_id']}/")

    one = await listed(http, operator(tokens), client_id=items[0]["client_id"])
    assert [i["workflow_id"] for i in one["items"]] == [items[0]["workflow_id"]]
    for handle in handles:
        await handle.terminate("test over")


async def test_a_case_manager_lists_only_the_offices_of_the_token(api, journey_client, tokens):
    http, task_queue = api
    office, handles = await journeys_in_a_new_office(journey_client, task_queue, 1)
    own = tokens.headers(Role.CASE_MANAGER, offices=(office,), staff_id="cm-1")

    async def seen() -> bool:
        return len((await listed(http, own))["items"]) == 1

    await eventually(seen, timeout=30)
    assert (await counted(http, own))["total"] == 1
    other = tokens.headers(Role.CASE_MANAGER, offices=("plon",), staff_id="plon-cm-01")
    assert office not in {i["office_id"] for i in (await listed(http, other, limit=200))["items"]}
    for path in ("/journeys", "/journeys/count"):
        assert (await http.get(path, params={"office_id": office}, headers=other)).status_code == 403
        assert (await http.get(path, headers=tokens.headers(Role.COACH))).status_code == 403
        assert (await http.get(path)).status_code == 401
    nowhere = tokens.headers(Role.CASE_MANAGER, offices=(), staff_id="cm-2")
    assert (await listed(http, nowhere))["items"] == [] and (await counted(http, nowhere))["total"] == 0
    await handles[0].terminate("test over")


async def test_an_assigned_journey_is_found_by_stage_case_manager_and_programme(
    api, journey_client, journey_services, tokens, kafka_server
):
    http, task_queue = api
    event = registration(uuid4())
    await register_with_coaching(kafka_server.bootstrap_servers, journey_services[0], tokens, event)
    handle = await start_journey(journey_client, task_queue, event)
    state = await reaches(handle, Stage.COACHING)
    manager = tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=str(state.case_worker_id))
    where = {"client_id": str(event.client_id), "stage": "coaching", "programme": str(state.program_id)}

    async def found() -> bool:
        return len((await listed(http, manager, case_worker_id="me", **where))["items"]) == 1

    await eventually(found, timeout=30)
    [item] = (await listed(http, manager, case_worker_id="me", **where))["items"]
    assert UUID(item["client_id"]) == event.client_id and item["case_worker_id"] == state.case_worker_id
    assert item["next_due_at"] is not None
    count = await counted(http, manager, client_id=str(event.client_id))
    assert count["total"] == 1 and count["by_stage"]["coaching"] == 1 and count["by_stage"]["registered"] == 0
    await handle.terminate("test over")


async def test_a_journey_whose_assignment_keeps_failing_shows_its_new_stage_in_visibility(api, journey_client, tokens):
    http, task_queue = api
    office, [handle] = await journeys_in_a_new_office(journey_client, task_queue, 1)

    async def assignment_retried() -> bool:
        pending = (await handle.describe()).raw_description.pending_activities
        return any(activity.attempt >= 2 for activity in pending)

    await eventually(assignment_retried, timeout=30)
    client_id = UUID(handle.id.removeprefix("journey-"))
    assigned = CaseAssignedV1(
        client_id=client_id, case_worker_id="cm-t", office_id=office, assigned_at=datetime.now(UTC)
    )
    await handle.signal(ClientJourney.fact, as_fact(assigned))
    await reaches(handle, Stage.COACHING)

    async def shown_in_coaching() -> bool:
        return (await counted(http, operator(tokens), office_id=office))["by_stage"]["coaching"] == 1

    await eventually(shown_in_coaching, timeout=30)
    [item] = (await listed(http, operator(tokens), office_id=office))["items"]
    assert item["stage"] == "coaching" and item["case_worker_id"] == "cm-t"
    assert await assignment_retried(), "the assignment activity is still retrying"
    await record_history(handle, "stage-shown-while-assignment-retries")
    await handle.terminate("test over")


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"stage": "asleep"}, "query.stage"),
        ({"office_id": "Lütjenburg"}, "query.office_id"),
        ({"limit": 201}, "query.limit"),
        ({"cursor": "bm90IGEgdG9rZW4"}, "query.cursor"),
    ],
)
async def test_bad_list_parameters_are_refused_naming_them(api, tokens, params, field):
    http, _ = api
    reply = await http.get("/journeys", params=params, headers=operator(tokens))
    assert reply.status_code == 422, reply.text
    assert reply.json()["errors"][0]["field"] == field
