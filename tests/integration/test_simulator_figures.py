"""The simulator's district figures read the real journeys API: clients per office and stage from
`GET /journeys/count` (Temporal visibility on the session's dev server), through the simulator's own HTTP
client and figure code, compared with the journeys this test started.

Each office is one of this test's own, so journeys of other tests on the same server change no count.
A journey in an office coaching has no case for stays registered (its assignment waits for the case). For one
in coaching, coaching opens the case (from the registration on Kafka), finds no case manager in that office
(409, the journey postpones the assignment and waits), and a case-assigned fact moves the journey on. Were the
fact sent while the assignment is still retried, the journey would hold its stage and search attributes
until the retries end.
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, datetime
from uuid import uuid4

import httpx
import pytest

from contracts.envelope import Envelope
from contracts.events import CaseAssignedV1, ClientRegisteredV1, Event
from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from simulator.api import Services
from simulator.figures import UNKNOWN, aggregate, render, stages_from_counts
from simulator.report import journey_counts
from tests.integration.journey_support import journey_worker, register_with_coaching, registration, worker_settings
from tests.support.kafka_reading import eventually
from workflows.bridge import JourneyBridge, journey_id
from workflows.worker import journeys_api


@pytest.fixture(scope="module")
async def api(journey_client, journey_services, tokens):
    (port,) = free_ports(1)
    settings = worker_settings(tokens, *journey_services, api_port=port, jwt_public_key_file=tokens.public_key)
    async with (
        journey_worker(journey_client, settings) as task_queue,
        journeys_api(journey_client, settings),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http,
    ):
        yield http, task_queue


async def told(bridge: JourneyBridge, event: Event) -> None:
    await bridge.signal(Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event))


async def journeys_in_stages(journey_client, task_queue, office: str, stages: list[str], coaching) -> list[str]:
    """One journey per entry, left registered or moved on to coaching; returns their workflow ids."""
    bridge, ids = JourneyBridge(journey_client, task_queue), []
    for stage in stages:
        event = registration(uuid4(), office)
        if stage == "coaching":
            await coaching(event)
        await told(bridge, event)
        if stage == "coaching":
            assigned = CaseAssignedV1(
                client_id=event.client_id,
                case_worker_id=f"{office}-cm-01",
                office_id=office,
                assigned_at=datetime.now(UTC),
            )
            await told(bridge, assigned)
        ids.append(journey_id(event.client_id))
    return ids


async def test_the_district_figures_count_the_clients_of_each_office_per_stage_from_the_journeys_api(
    api, journey_client, journey_services, tokens, kafka_server
):
    http, task_queue = api

    async def coaching(event: ClientRegisteredV1) -> None:
        await register_with_coaching(kafka_server.bootstrap_servers, journey_services[0], tokens, event)

    north, south = f"t-{uuid4().hex[:10]}", f"t-{uuid4().hex[:10]}"
    started = {north: ["registered", "registered", "coaching"], south: ["coaching", "coaching", "registered"]}
    ids = [
        i
        for office, stages in started.items()
        for i in await journeys_in_stages(journey_client, task_queue, office, stages, coaching)
    ]
    operator = tokens.headers(Role.OPERATOR, offices=(), staff_id="lead-1")

    async def settled() -> bool:  # visibility is eventually consistent: wait until the API itself counts them
        for office, stages in started.items():
            count = (await http.get("/journeys/count", params={"office_id": office}, headers=operator)).json()
            if count["by_stage"].get("coaching") != stages.count("coaching") or count["total"] != len(stages):
                return False
        return True

    await eventually(settled, timeout=60)
    async with Services({"journeys": str(http.base_url)}, tokens.private_key.read_bytes()) as simulator:
        counts = await journey_counts(simulator, [north, south])
    per_office = stages_from_counts(counts, not_started={south: 1})  # one client of south still arriving

    assert per_office == {
        north: Counter({"registered": 2, "coaching": 1}),
        south: Counter({"coaching": 2, "registered": 1, UNKNOWN: 1}),
    }
    figures = aggregate([])
    figures.per_office = per_office
    assert figures.clients == 7 and figures.per_stage == {"registered": 3, "coaching": 3, UNKNOWN: 1}
    report = render(figures, "figures of this test").splitlines()
    assert next(line for line in report if line.startswith(north)).split()[1:] == [
        "2",
        "1",
        "0",
        "0",
        "0",
        "0",
        "0",
        "3",
    ]
    assert next(line for line in report if line.startswith("district")).split()[-1] == "7"
    for workflow_id in ids:
        await journey_client.get_workflow_handle(workflow_id).terminate("test over")
