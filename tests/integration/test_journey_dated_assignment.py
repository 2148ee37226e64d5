"""The demo's journeys date the assignment on their compressed calendar (patch `journey-dated-assignment`), on
Temporal's time-skipping server with real coaching over HTTP: a registration dated months back gets its case
manager on that day of the demo's calendar, so a participation on a later simulated day is not "before the
assignment". On the real calendar coaching dates it today, as before.
"""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import uuid4

from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowHandle

from contracts.events import ClientRegisteredV1, ProposalMadeV1
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    HttpService,
    as_fact,
    reaches,
    record_history,
    register_with_coaching,
    registration,
    start_journey,
    state_of,
)
from tests.integration.test_journey_timeline import settled
from tests.support.kafka_reading import eventually
from workflows.business_calendar import BERLIN
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import Stage
from workflows.journey.workflow import DATED_ASSIGNMENT, ClientJourney

DEMO = JourneyPolicy.compressed(60.0)  # a month of a minute: the assignment's seconds stay on its first day


def today() -> date:
    return datetime.now(BERLIN).date()


def registered_back(days: int) -> ClientRegisteredV1:
    """A registration intake dated `days` back (the simulator's staff register on the demo's calendar)."""
    event = registration(uuid4(), target_groups=["single_parent"])
    return event.model_copy(update={"registered_on": today() - timedelta(days=days)})


async def assignment_of(coaching: HttpService, tokens: Any, event: ClientRegisteredV1) -> dict[str, Any]:
    """The case's assignment as coaching holds it: asked again without a day, an assigned case answers with its
    own (no new event). `GET /cases/{id}` does not show the day."""
    reply = await coaching.http.post(
        f"/cases/{event.client_id}/assignment", json={}, headers=tokens.headers(Role.JOURNEY_WORKER)
    )
    assert reply.status_code == 200, reply.text
    assignment: dict[str, Any] = reply.json()
    return assignment


async def enrol(coaching: HttpService, tokens: Any, event: ClientRegisteredV1, starts_on: date) -> Any:
    return await coaching.http.post(
        f"/cases/{event.client_id}/participation",
        json={"program_id": "gemeinsam", "starts_on": starts_on.isoformat()},
        headers=tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",)),
    )


async def patches(handle: WorkflowHandle[Any, Any]) -> list[str]:
    """The patch ids the run recorded (`core_patch` markers; their payload is plain JSON, never encrypted)."""
    found = []
    async for event in handle.fetch_history_events():
        if event.event_type == EventType.EVENT_TYPE_MARKER_RECORDED:
            for payload in event.marker_recorded_event_attributes.details["patch-data"].payloads:
                found.append(json.loads(payload.data)["id"])
    return found


async def test_a_registration_months_back_is_assigned_on_its_day_of_the_demo_calendar(
    env, journey_services, tokens, kafka_server, task_queue
):
    coaching, _ = journey_services
    event = registered_back(days=120)
    await register_with_coaching(kafka_server.bootstrap_servers, coaching, tokens, event)
    handle = await start_journey(env.client, task_queue, event, DEMO)
    state = await reaches(handle, Stage.COACHING)
    assert (state.registered_on, state.dates_assignment) == (event.registered_on, True)
    assert any(f"case manager assigned on {event.registered_on}" in entry.because for entry in state.history)

    case = await assignment_of(coaching, tokens, event)
    assert event.registered_on is not None and case["assigned_on"] == event.registered_on.isoformat(), case
    assert datetime.fromisoformat(case["assigned_at"]).astimezone(UTC).date() >= today() - timedelta(days=1)
    assert case["case_worker_id"] == state.case_worker_id

    # What the demo's staff enter on the simulated days after it is measured against that day, not today.
    before = await enrol(coaching, tokens, event, event.registered_on - timedelta(days=1))
    assert before.status_code == 422 and "starts_on" in before.text, before.text
    assert f"assignment on {event.registered_on.isoformat()}" in before.text, before.text
    later = await enrol(coaching, tokens, event, event.registered_on + timedelta(days=30))
    assert later.status_code == 201, later.text
    assert later.json()["participation"]["started_on"] == (event.registered_on + timedelta(days=30)).isoformat()
    assert DATED_ASSIGNMENT in await patches(handle)
    await record_history(handle, "dated-assignment")
    await handle.terminate("test over")


async def test_on_the_real_calendar_coaching_dates_the_assignment_today_and_no_patch_is_recorded(
    env, journey_services, tokens, kafka_server, task_queue
):
    coaching, _ = journey_services
    event = registered_back(days=120)
    await register_with_coaching(kafka_server.bootstrap_servers, coaching, tokens, event)
    handle = await start_journey(env.client, task_queue, event)
    state = await reaches(handle, Stage.COACHING)
    assert (state.registered_on, state.dates_assignment) == (None, False)

    case = await assignment_of(coaching, tokens, event)
    assert case["assigned_on"] == today().isoformat(), case
    assert event.registered_on is not None
    refused = await enrol(coaching, tokens, event, event.registered_on + timedelta(days=30))
    assert refused.status_code == 422 and "starts_on" in refused.text, refused.text  # the demo's gap before
    assert DATED_ASSIGNMENT not in await patches(handle)
    await handle.terminate("test over")


async def test_continue_as_new_carries_the_registration_day_and_when_it_was_heard(
    env, journey_services, tokens, kafka_server, task_queue
):
    coaching, _ = journey_services
    event = registered_back(days=60)
    await register_with_coaching(kafka_server.bootstrap_servers, coaching, tokens, event)
    handle = await start_journey(env.client, task_queue, event, DEMO.model_copy(update={"max_history_events": 40}))
    first = await reaches(handle, Stage.COACHING)
    first_run = (await handle.describe()).run_id
    for _ in range(30):  # facts enough to pass the history limit
        proposal = ProposalMadeV1(
            client_id=event.client_id, proposal_id=uuid4(), vacancy_id=uuid4(), proposed_at=datetime.now(UTC)
        )
        await handle.signal(ClientJourney.fact, as_fact(proposal))

    async def continued_with_all() -> bool:
        # Ask only a settled run: a query meeting the continue-as-new task leaks the time-skipping server's lock.
        if not await settled(handle):
            return False
        return (await handle.describe()).run_id != first_run and (await state_of(handle)).proposals == 30

    await eventually(continued_with_all, timeout=60)
    state = await state_of(handle)
    assert state.dates_assignment, "the next run asks the patch again"
    assert (state.registered_on, state.registration_heard_at) == (event.registered_on, first.registration_heard_at)
    await handle.terminate("test over")
