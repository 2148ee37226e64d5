"""Staff requests to a journey (Temporal updates with validators) and its search attributes, on a real dev server.

Coaching and placement run over HTTP; the worker has the journey's real activities.
"""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any
from uuid import uuid4

import pytest
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import WorkflowUpdateFailedError, WorkflowUpdateStage
from temporalio.exceptions import ApplicationError

from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    journey_worker,
    reaches,
    record_history,
    register_with_coaching,
    registration,
    start_journey,
    state_of,
    worker_settings,
)
from tests.support.kafka_reading import eventually
from workflows import search_attributes
from workflows.journey.messages import CaseWorkerChange, ExitRequest
from workflows.journey.outcomes import ExitReason
from workflows.journey.state import JourneyState, Stage
from workflows.journey.workflow import ClientJourney


@pytest.fixture
async def task_queue(journey_client, journey_services, tokens):
    coaching, placement = journey_services
    async with journey_worker(journey_client, worker_settings(tokens, coaching, placement)) as queue:
        yield queue


async def journey_in_coaching(journey_client, task_queue, journey_services, tokens, kafka_server, target_groups=None):
    event = registration(uuid4(), target_groups=target_groups)
    await register_with_coaching(kafka_server.bootstrap_servers, journey_services[0], tokens, event)
    handle = await start_journey(journey_client, task_queue, event)
    await reaches(handle, Stage.COACHING)
    return handle, event


def refusal(error: WorkflowUpdateFailedError) -> ApplicationError:
    assert isinstance(error.cause, ApplicationError), error.cause
    return error.cause


async def other_case_manager(coaching, tokens, office_id: str, but: str) -> str:
    reply = await coaching.http.get(
        "/staff", params={"office_id": office_id}, headers=tokens.headers(Role.CASE_MANAGER)
    )
    assert reply.status_code == 200, reply.text
    return next(s["staff_id"] for s in reply.json() if "case_manager" in s["roles"] and s["staff_id"] != but)


async def test_search_attributes_carry_stage_office_case_worker_programme_groups_and_the_next_deadline(
    journey_client, task_queue, journey_services, tokens, kafka_server
):
    handle, _ = await journey_in_coaching(
        journey_client, task_queue, journey_services, tokens, kafka_server, target_groups=["single_parent"]
    )
    state = await state_of(handle)
    assert state.contact_anchor_at is not None and state.contact_interval_days
    next_contact = state.contact_anchor_at + timedelta(days=state.contact_interval_days)

    async def published() -> dict[str, Any]:
        attributes = (await handle.describe()).typed_search_attributes
        return {key.name: attributes.get(key) for key in search_attributes.JOURNEY_KEYS}

    expected = {
        "JourneyStage": "coaching",
        "OfficeId": "lutjenburg",
        "CaseWorkerId": state.case_worker_id,
        "ProgramId": state.program_id,
        "TargetGroups": ["single_parent"],
        "NextDueAt": next_contact,
    }
    await eventually(lambda: _matches(published, expected), timeout=30)

    query = (
        f'WorkflowId = "{handle.id}" AND JourneyStage = "coaching" AND OfficeId = "lutjenburg" '
        f'AND NextDueAt <= "{(next_contact + timedelta(seconds=1)).isoformat()}"'
    )

    async def found() -> bool:
        return [w.id async for w in journey_client.list_workflows(query)] == [handle.id]

    await eventually(found, timeout=30)

    metadata = await handle.query("__temporal_workflow_metadata", result_type=WorkflowMetadata)
    assert metadata.current_details.startswith(f"In coaching with case manager {state.case_worker_id}")
    assert "next contact due by" in metadata.current_details and "plan review due" in metadata.current_details
    await handle.terminate("test over")


async def _matches(published, expected: dict[str, Any]) -> bool:
    return await published() == expected


async def test_the_case_manager_cannot_change_before_one_is_assigned_and_an_exit_waits_for_the_case_to_close(
    journey_client, task_queue, journey_services, tokens, kafka_server
):
    """Coaching has not heard of this client yet: the journey stays registered, the exit closes the case later."""
    event = registration(uuid4())
    handle = await start_journey(journey_client, task_queue, event)
    assert (await state_of(handle)).stage is Stage.REGISTERED

    with pytest.raises(WorkflowUpdateFailedError) as refused:
        await handle.execute_update(
            ClientJourney.change_case_manager, CaseWorkerChange(case_worker_id="lutjenburg-cm-01", reason="specialty")
        )
    assert refusal(refused.value).type == "rejected_409"

    exit_update = await handle.start_update(
        ClientJourney.exit, ExitRequest(reason=ExitReason.WITHDREW), wait_for_stage=WorkflowUpdateStage.ACCEPTED
    )
    with pytest.raises(WorkflowUpdateFailedError) as twice:
        await handle.execute_update(ClientJourney.exit, ExitRequest(reason=ExitReason.MOVED_AWAY))
    assert refusal(twice.value).type == "rejected_409" and "already closing" in refusal(twice.value).message

    await register_with_coaching(kafka_server.bootstrap_servers, journey_services[0], tokens, event)  # 404 → retried
    closed: JourneyState = await asyncio.wait_for(exit_update.result(), 120)
    assert closed.stage is Stage.CLOSED and closed.closed_reason == "withdrew"
    assert (await handle.result()).closed_reason == "withdrew"
    case = await journey_services[0].http.get(f"/cases/{event.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert case.json()["status"] == "closed"


async def test_an_exit_closes_case_and_journey_and_the_closed_journey_accepts_no_second_exit(
    journey_client, task_queue, journey_services, tokens, kafka_server
):
    handle, event = await journey_in_coaching(journey_client, task_queue, journey_services, tokens, kafka_server)
    state = await handle.execute_update(ClientJourney.exit, ExitRequest(reason=ExitReason.MOVED_AWAY))
    assert state.stage is Stage.CLOSED and state.closed_reason == "moved_away"
    result = await handle.result()
    assert result.history[-1].stage is Stage.CLOSED
    attributes = (await handle.describe()).typed_search_attributes
    assert attributes.get(search_attributes.STAGE) == "closed"
    assert attributes.get(search_attributes.NEXT_DUE) is None
    case = await journey_services[0].http.get(f"/cases/{event.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert case.json()["status"] == "closed"
    with pytest.raises(Exception, match="completed"):
        await handle.execute_update(ClientJourney.exit, ExitRequest(reason=ExitReason.WITHDREW))


async def test_the_case_manager_changes_through_coaching_whose_refusals_reach_the_caller(
    journey_client, task_queue, journey_services, tokens, kafka_server
):
    coaching = journey_services[0]
    handle, event = await journey_in_coaching(journey_client, task_queue, journey_services, tokens, kafka_server)
    current = (await state_of(handle)).case_worker_id or ""

    with pytest.raises(WorkflowUpdateFailedError) as same:
        await handle.execute_update(
            ClientJourney.change_case_manager, CaseWorkerChange(case_worker_id=current, reason="again")
        )
    assert refusal(same.value).type == "rejected_422"

    stranger = await other_case_manager(coaching, tokens, "plon", but="")
    with pytest.raises(WorkflowUpdateFailedError) as elsewhere:
        await handle.execute_update(
            ClientJourney.change_case_manager, CaseWorkerChange(case_worker_id=stranger, reason="moved office")
        )
    cause = refusal(elsewhere.value)
    assert cause.type == "http_422" and "case_worker_id" in str(cause.details)

    colleague = await other_case_manager(coaching, tokens, "lutjenburg", but=current)
    state = await handle.execute_update(
        ClientJourney.change_case_manager, CaseWorkerChange(case_worker_id=colleague, reason="specialty: migration")
    )
    assert state.case_worker_id == colleague and state.stage is Stage.COACHING
    assert state.history[-1].because == f"case manager changed from {current} to {colleague}: specialty: migration"
    case = await coaching.http.get(f"/cases/{event.client_id}", headers=tokens.headers(Role.CASE_MANAGER))
    assert case.json()["case_worker_id"] == colleague
    attributes = (await handle.describe()).typed_search_attributes
    assert attributes.get(search_attributes.CASE_WORKER) == colleague

    await handle.execute_update(ClientJourney.exit, ExitRequest(reason=ExitReason.RETIREMENT_AGE))
    await record_history(handle, "case-manager-changed-then-exit")
