"""Migrated clients through the whole platform (issue #13): imported at intake, their cases opened in coaching
with the imported case manager and programme, a current employment recorded by placement, and their journeys
(bridge, worker, real Temporal) in the right stage with their history marked as migrated.

Real Kafka, Temporal (encrypted payloads), intake, coaching and placement; the worker process's `serve`."""

from __future__ import annotations

import asyncio
from uuid import uuid4

import pytest
from temporalio.client import Client

from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from tests.integration.journey_support import TEST_KEY, record_history, serving
from tests.support.kafka_reading import eventually
from workflows.bridge import journey_id
from workflows.journey.state import JourneyState, Stage
from workflows.settings import WorkerSettings
from workflows.startup import connect
from workflows.worker import serve

PERSON = {"given_name": "Anna", "family_name": "Müller", "birth_date": "1985-03-02"}
IN_COACHING = {
    "legacy_id": "GT-J1",
    "person": PERSON,
    "residence_postcode": "24321",
    "consent": True,
    "target_groups": ["single_parent"],
    "case_manager_id": "lutjenburg-cm-03",
    "program_id": "gemeinsam",
}
IN_WORK = {
    "legacy_id": "GT-J2",
    "person": {"given_name": "Jonas", "family_name": "Petersen", "birth_date": "1979-11-20"},
    "residence_postcode": "24321",
    "consent": True,
    "employment": {
        "started_on": "2026-09-01",
        "weekly_hours": "38.5",
        "monthly_gross": "2650.00",
        "monthly_net": "1890.00",
        "employer_key": "AG-1042",
    },
}


@pytest.fixture(scope="module")
async def intake(kafka_server, tokens, tmp_path_factory):
    """Over HTTP: the worker's migration step reads from it and reports to it."""
    directory = tmp_path_factory.mktemp("intake")
    async with serving("intake", directory, kafka_server.bootstrap_servers, tokens) as service:
        yield service


@pytest.fixture(scope="module")
async def worker(kafka_server, temporal_server, tokens, journey_services, intake):
    (api_port,) = free_ports(1)
    settings = WorkerSettings(
        temporal_address=temporal_server.target,
        task_queue=f"journeys-{uuid4().hex[:8]}",
        kafka_bootstrap_servers=kafka_server.bootstrap_servers,
        codec_key_file=TEST_KEY,  # so that a recorded history replays in tests/unit/workflows
        jwt_signing_key_file=tokens.private_key,
        intake_url=intake.url,
        coaching_url=journey_services[0].url,
        placement_url=journey_services[1].url,
        jwt_public_key_file=tokens.public_key,
        api_port=api_port,
    )
    stop = asyncio.Event()
    task = asyncio.create_task(serve(settings, stop))
    yield await connect(settings)
    stop.set()
    await task


async def stage_reached(client: Client, client_id: str, stage: Stage) -> JourneyState:
    handle = client.get_workflow_handle(journey_id(client_id))
    found: list[JourneyState] = []

    async def reached() -> bool:
        try:
            found[:] = [await handle.query("state", result_type=JourneyState)]
        except Exception:  # not started yet
            return False
        return found[0].stage is stage

    await eventually(reached, timeout=90)
    return found[0]


async def test_migrated_clients_journeys_start_in_their_stage_with_the_imported_case_manager(
    intake, tokens, worker, journey_services
):
    body = {"source": "legacy.jsonl", "records": [IN_COACHING, IN_WORK]}
    reply = await intake.http.post("/imports", json=body, headers=tokens.headers(Role.OPERATOR), timeout=60)
    assert reply.status_code == 201, reply.text
    ids = {r["legacy_id"]: r["client_id"] for r in reply.json()["records"]}

    coaching = await stage_reached(worker, ids["GT-J1"], Stage.COACHING)
    assert (coaching.case_worker_id, coaching.program_id) == ("lutjenburg-cm-03", "gemeinsam")
    employed = await stage_reached(worker, ids["GT-J2"], Stage.EMPLOYED)
    assert employed.employment_start_date is not None and employed.employment_start_date.isoformat() == "2026-09-01"
    for state in (coaching, employed):
        # the registration and the case facts come over different topics: the marked entry need not be the first
        assert state.migrated and "migrated from the legacy system" in [entry.because for entry in state.history]

    case = await journey_services[0].http.get(f"/cases/{ids['GT-J1']}", headers=tokens.headers(Role.CASE_MANAGER))
    assert case.json()["case_worker_id"] == "lutjenburg-cm-03"
    await record_history(worker.get_workflow_handle(journey_id(ids["GT-J2"])), "migrated-employed")
