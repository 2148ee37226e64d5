"""The cohort's durable timer on Temporal's time-skipping test server, with real coaching and Kafka: the bridge
starts it from `cohort_opened.v1`; eight months pass in moments; two weeks before the end the members without an
outcome get a task for their case manager, and the morning after the last day the cohort closes (the rule of
services/coaching/domain/cohorts.py: still-current participations end `completed` on the last day)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID, uuid4

import pytest
from temporalio.client import WorkflowExecutionStatus
from temporalio.testing import WorkflowEnvironment
from temporalio.worker import Worker

from contracts.events import CohortOpenedV1
from contracts.topics import CASES
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    HISTORIES,
    journey_converter,
    record_history_requested,
    register_search_attributes,
    serving,
    time_skipping_server,
    worker_settings,
)
from tests.integration.test_cohorts import CHILDCARE, gemeinsam
from tests.integration.test_programme_participation import register_aged
from tests.support.kafka_reading import envelopes, eventually, read_until
from workflows.bridge import JourneyBridge
from workflows.cohort.activities import CohortActivities
from workflows.cohort.models import CohortTimerState, Stage
from workflows.cohort.workflow import CohortTimer, cohort_timer_id
from workflows.journey.policy import JourneyPolicy
from workflows.service_client import ServiceClient

MANAGER = "lutjenburg-cm-03"


@pytest.fixture
async def env():
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=time_skipping_server(), data_converter=journey_converter()
    ) as environment:
        await register_search_attributes(environment.client)
        yield environment


@pytest.fixture
async def coaching(kafka_server, tokens, tmp_path):
    async with serving("coaching", tmp_path, kafka_server.bootstrap_servers, tokens) as service:
        yield service


async def opened_with_two_members(coaching, tokens, bootstrap) -> tuple[UUID, UUID, UUID]:
    """A Gemeinsam cohort (7 Jan – 7 Sep 2027) with two single parents, the first already in work."""
    staff = tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=MANAGER)
    worker = tokens.headers(Role.JOURNEY_WORKER)
    opened = await coaching.http.post("/cohorts", json=gemeinsam(), headers=staff)
    assert opened.status_code == 201, opened.text
    cohort_id = opened.json()["cohort"]["cohort_id"]
    clients = []
    for _ in range(2):
        client_id = await register_aged(coaching, tokens, bootstrap, "25_and_over", groups=("single_parent",))
        assigned = await coaching.http.post(f"/cases/{client_id}/assignment", json={}, headers=worker)
        assert assigned.status_code == 200, assigned.text
        body = {"client_id": str(client_id), "childcare": CHILDCARE}
        assert (await coaching.http.post(f"/cohorts/{cohort_id}/members", json=body, headers=staff)).status_code == 201
        clients.append(client_id)
    outcome = {"outcome": "in_work", "on": "2027-04-01"}
    working = await coaching.http.put(f"/cohorts/{cohort_id}/members/{clients[0]}/outcome", json=outcome, headers=staff)
    assert working.status_code == 200, working.text
    return UUID(cohort_id), clients[0], clients[1]


async def test_the_cohort_timer_reminds_two_weeks_before_the_end_and_closes_the_cohort_the_morning_after(
    env, coaching, tokens, kafka_server
):
    bootstrap = kafka_server.bootstrap_servers
    cohort_id, in_work, without_outcome = await opened_with_two_members(coaching, tokens, bootstrap)
    records = await read_until(
        bootstrap,
        CASES.name,
        lambda rs: any(getattr(e.data, "cohort_id", None) == cohort_id for e in envelopes(rs)),
    )
    opening = next(
        e for e in envelopes(records) if isinstance(e.data, CohortOpenedV1) and e.data.cohort_id == cohort_id
    )

    task_queue = f"cohorts-{uuid4().hex[:8]}"
    api = ServiceClient(coaching.url, worker_settings(tokens, coaching, coaching))
    bridge = JourneyBridge(env.client, task_queue)
    async with Worker(
        env.client, task_queue=task_queue, workflows=[CohortTimer], activities=CohortActivities(api).all()
    ):
        await bridge.start_cohort_timer(opening)
        await bridge.start_cohort_timer(opening)  # redelivered: the same timer
        handle = env.client.get_workflow_handle(cohort_timer_id(cohort_id), result_type=CohortTimerState)
        await env.sleep(datetime(2027, 9, 9, tzinfo=UTC) - await env.get_current_time())  # past the close

        async def closed() -> bool:
            return (await handle.describe()).status != WorkflowExecutionStatus.RUNNING

        await eventually(closed, timeout=30)
        state = await handle.result()
        if record_history_requested():
            (HISTORIES / "cohort").mkdir(exist_ok=True)
            (HISTORIES / "cohort" / "v1-reminded-and-closed.json").write_text((await handle.fetch_history()).to_json())
    await api.aclose()

    assert (state.stage, state.reminder_tasks) == (Stage.CLOSED, 1)  # only the member without an outcome
    assert state.closed is not None
    assert (state.closed.closed_on.isoformat(), state.closed.ended) == ("2027-09-07", [without_outcome])
    assert state.closed.outcomes_missing == [without_outcome]
    staff = tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=MANAGER)
    tasks = (await coaching.http.get(f"/tasks?office_id=lutjenburg&case_worker_id={MANAGER}", headers=staff)).json()
    reminders = [t for t in tasks["items"] if t["kind"] == "cohort_outcome"]
    assert [t["client_id"] for t in reminders] == [str(without_outcome)]
    assert reminders[0]["due_at"].startswith("2027-09-07")
    ended = (await coaching.http.get(f"/cases/{without_outcome}/participations", headers=staff)).json()[0]
    assert (ended["ended_on"], ended["end_reason"]) == ("2027-09-07", "completed")
    first = (await coaching.http.get(f"/cases/{in_work}/participations", headers=staff)).json()[0]
    assert first["end_reason"] == "in_work"  # ended by its outcome in April, left alone by the close
    detail = (await coaching.http.get(f"/cohorts/{cohort_id}", headers=staff)).json()
    assert detail["cohort"]["status"] == "closed"


async def test_on_the_demos_compressed_calendar_the_timer_closes_the_cohort_after_eight_compressed_months(
    env, coaching, tokens, kafka_server
):
    """The bridge of a worker whose month lasts 60 s (`LOTSE_WORKER_SECONDS_PER_MONTH`) starts the timer on that
    calendar: eight months from the first day (7 Jan – 7 Sep 2027) pass in about eight minutes of workflow time,
    not at the real 7 Sep 2027, and the close is as of the morning after the last day on the cohort's calendar."""
    bootstrap = kafka_server.bootstrap_servers
    cohort_id, _, without_outcome = await opened_with_two_members(coaching, tokens, bootstrap)
    records = await read_until(
        bootstrap,
        CASES.name,
        lambda rs: any(getattr(e.data, "cohort_id", None) == cohort_id for e in envelopes(rs)),
    )
    opening = next(
        e for e in envelopes(records) if isinstance(e.data, CohortOpenedV1) and e.data.cohort_id == cohort_id
    )
    task_queue = f"cohorts-{uuid4().hex[:8]}"
    api = ServiceClient(coaching.url, worker_settings(tokens, coaching, coaching))
    bridge = JourneyBridge(env.client, task_queue, JourneyPolicy.compressed(60.0))
    async with Worker(
        env.client, task_queue=task_queue, workflows=[CohortTimer], activities=CohortActivities(api).all()
    ):
        await bridge.start_cohort_timer(opening)
        handle = env.client.get_workflow_handle(cohort_timer_id(cohort_id), result_type=CohortTimerState)
        await env.sleep(timedelta(minutes=7))  # 7 compressed months: before the reminder (about 7.5)
        assert (await handle.query(CohortTimer.state)).stage == Stage.RUNNING
        await env.sleep(timedelta(minutes=2))  # past the close (about 8.1)

        async def closed() -> bool:
            return (await handle.describe()).status != WorkflowExecutionStatus.RUNNING

        await eventually(closed, timeout=30)  # describe skips no time: on the real calendar it would still run
        state = await handle.result()
        if record_history_requested():
            (HISTORIES / "cohort").mkdir(exist_ok=True)
            path = HISTORIES / "cohort" / "v2-compressed-calendar-reminded-and-closed.json"
            path.write_text((await handle.fetch_history()).to_json())
    await api.aclose()

    assert (state.stage, state.reminder_tasks) == (Stage.CLOSED, 1)
    assert state.closed is not None
    assert (state.closed.closed_on.isoformat(), state.closed.ended) == ("2027-09-07", [without_outcome])
