"""Erasure after the retention period, end to end on Temporal's time-skipping server with the five real services:
the sweep selects nobody while the case is within the retention period, selects the person ten years after
the case closed, erases them in every service and shreds their journey payload key; the journey's history
then decodes to "erased" through the codec server, the exports answer "erased", the other person's data and
journey are untouched, and a second sweep changes nothing (idempotent)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import AsyncExitStack
from datetime import date, timedelta
from uuid import UUID, uuid4

import httpx
import pytest
from google.protobuf import json_format
from temporalio.api.common.v1 import Payloads
from temporalio.client import Client
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    HttpService,
    register_search_attributes,
    register_with_coaching,
    registration,
    serving,
    start_journey,
    time_skipping_server,
)
from workflows.codec import assign_payloads, encrypted_data_converter, ensure_key, load_key
from workflows.codec_server import ERASED_PAYLOAD, CodecSettings, create_app
from workflows.erasure.models import SERVICES, SweepInput, SweepResult
from workflows.erasure.workflow import ErasureSweep
from workflows.hearing.models import HearingFacts, HearingStart
from workflows.hearing.workflow import Hearing, hearing_id
from workflows.settings import WorkerSettings
from workflows.worker import journey_activities

TEN_YEARS_AND_A_DAY = timedelta(days=3653 + 1)


@pytest.fixture(scope="module")
async def services(kafka_server, tokens, tmp_path_factory) -> AsyncIterator[dict[str, HttpService]]:
    directory = tmp_path_factory.mktemp("erasure-services")
    async with AsyncExitStack() as stack:
        yield {
            name: await stack.enter_async_context(serving(name, directory, kafka_server.bootstrap_servers, tokens))
            for name in SERVICES
        }


@pytest.fixture
def keys(tmp_path):
    return ensure_key(tmp_path / "codec.key"), tmp_path / "payload-keys"


@pytest.fixture
async def env(keys):
    key_file, payload_keys = keys
    converter = encrypted_data_converter(load_key(key_file), payload_keys)
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=time_skipping_server(), data_converter=converter
    ) as environment:
        await register_search_attributes(environment.client)
        yield environment


@pytest.fixture
async def dev_client(temporal_server, keys) -> Client:
    """The session's dev server keeps the journeys' histories (the time-skipping server does not skip time while
    a journey it never ran waits for its first task); the payload keys are the same directory either way."""
    key_file, payload_keys = keys
    converter = encrypted_data_converter(load_key(key_file), payload_keys)
    return await Client.connect(temporal_server.target, data_converter=converter)


@pytest.fixture
async def task_queue(env, services, tokens, keys):
    key_file, payload_keys = keys
    settings = WorkerSettings(
        codec_key_file=key_file,
        payload_keys_dir=payload_keys,
        jwt_signing_key_file=tokens.private_key,
        **{f"{name}_url": service.url for name, service in services.items()},
    )
    queue = f"erasure-{uuid4().hex[:8]}"
    async with (
        journey_activities(settings) as activities,
        Worker(env.client, task_queue=queue, workflows=[ErasureSweep], activities=activities),
    ):
        yield queue


async def sweep(env, task_queue: str) -> SweepResult:
    return await env.client.execute_workflow(
        ErasureSweep.run,
        SweepInput(),
        id=f"erasure-sweep-{uuid4().hex[:6]}",
        task_queue=task_queue,
        result_type=SweepResult,
    )


async def decoded_through_codec_server(keys, tokens, payloads: list) -> list:
    key_file, payload_keys = keys
    settings = CodecSettings(key_file=key_file, jwt_public_key_file=tokens.public_key, payload_keys_dir=payload_keys)
    body = json_format.MessageToJson(Payloads(payloads=payloads))
    transport = httpx.ASGITransport(app=create_app(settings))
    async with httpx.AsyncClient(transport=transport, base_url="http://codec") as http:
        response = await http.post("/decode", content=body, headers=tokens.headers(Role.OPERATOR))
    assert response.status_code == 200, response.text
    return list(json_format.Parse(response.text, Payloads()).payloads)


async def hearing_of(client: Client, client_id: UUID) -> str:
    """A hearing of the client as the bridge opens one (assigned to the client first), kept with its history."""
    incident = uuid4()
    assign_payloads(client.data_converter, hearing_id(incident), client_id)
    facts = HearingFacts(
        incident_id=incident,
        client_id=client_id,
        office_id="lutjenburg",
        kind="missed_appointment",
        occurred_on=date(2026, 11, 2),
        notice_given=True,
        opened_by="lutjenburg-cm-01",
    )
    handle = await client.start_workflow(
        Hearing.run, HearingStart(facts=facts), id=hearing_id(incident), task_queue=f"hearings-not-polled-{incident}"
    )
    await handle.terminate("the hearing is over; the test moves the clock ten years on")
    return hearing_id(incident)


async def history_payloads(client: Client, client_id: UUID | str) -> list:
    workflow_id = client_id if isinstance(client_id, str) else f"journey-{client_id}"
    history = await client.get_workflow_handle(workflow_id).fetch_history()
    event = history.events[0].workflow_execution_started_event_attributes
    return list(event.input.payloads)


async def export_status(service: HttpService, tokens, client_id: UUID) -> str:
    headers = tokens.headers(Role.DATA_PROTECTION_OFFICER, offices=("*",), staff_id="dpo-1")
    response = await service.http.get(f"/persons/{client_id}/export", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()["status"]


async def test_a_person_ten_years_after_the_case_closed_is_erased_everywhere_and_nobody_else(
    env, dev_client, services, tokens, task_queue, keys, kafka_server
):
    coaching = services["coaching"]
    erased, kept = uuid4(), uuid4()
    for client_id in (erased, kept):
        event = registration(client_id)
        await register_with_coaching(kafka_server.bootstrap_servers, coaching, tokens, event)
        # The journey's history as Temporal keeps it (its start and the registration's signal, encoded by the
        # client as the bridge encodes them).
        handle = await start_journey(dev_client, f"journeys-not-polled-{uuid4().hex[:6]}", event)
        await handle.terminate("the case is over; the test moves the clock ten years on")
    closure = await coaching.http.post(
        f"/cases/{erased}/closure", json={"reason": "moved_away"}, headers=tokens.headers(Role.JOURNEY_WORKER)
    )
    assert closure.status_code == 200, closure.text
    before = await decoded_through_codec_server(keys, tokens, await history_payloads(dev_client, erased))
    assert str(erased) in before[0].data.decode()  # the journey's input, readable for operators
    hearings = {client_id: await hearing_of(dev_client, client_id) for client_id in (erased, kept)}
    heard = await decoded_through_codec_server(keys, tokens, await history_payloads(dev_client, hearings[erased]))
    assert str(erased) in heard[0].data.decode()

    within = await sweep(env, task_queue)
    assert (within.selected, within.erased) == ([], [])  # § 84 SGB X: kept while the retention period runs

    await env.sleep(TEN_YEARS_AND_A_DAY)
    result = await sweep(env, task_queue)
    # Cases other modules' registrations opened here (the session's Kafka is shared) are past retention too by now;
    # of this test's two persons only the one whose case closed is selected.
    assert erased in result.selected and erased in result.erased
    assert kept not in result.selected and kept not in result.erased

    assert await decoded_through_codec_server(keys, tokens, await history_payloads(dev_client, erased)) == [
        ERASED_PAYLOAD
    ]
    assert await decoded_through_codec_server(keys, tokens, await history_payloads(dev_client, hearings[erased])) == [
        ERASED_PAYLOAD
    ]
    for workflow in (kept, hearings[kept]):
        other = await decoded_through_codec_server(keys, tokens, await history_payloads(dev_client, workflow))
        assert str(kept) in other[0].data.decode()
    for name, service in services.items():
        assert await export_status(service, tokens, erased) == "erased", name
    assert await export_status(coaching, tokens, kept) == "held"

    again = await sweep(env, task_queue)
    assert (again.selected, again.erased) == ([], [])
