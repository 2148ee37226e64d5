"""Whole journeys on Temporal's time-skipping test server, with real coaching and placement over HTTP.

Months pass in milliseconds: the journey's timers fire at their workflow times, and its
activities call the real services (case assignment, tasks, continuation checks, closure).
Facts are signalled directly (the bridge has its own test).
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from temporalio.api.enums.v1 import EventType
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from contracts.events import (
    ContactRecordedV1,
    CooperationPlanAgreedV1,
    EmploymentConfirmedV1,
    EmploymentEndedV1,
    EmploymentStartedV1,
    EntitlementChangedV1,
    EntitlementEndedV1,
    Event,
    JobSearchOpenedV1,
    ProposalMadeV1,
    ReadyForPlacementV1,
)
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    add_employer,
    as_fact,
    hire,
    journey_converter,
    journey_worker,
    reaches,
    record_history,
    register_search_attributes,
    register_with_coaching,
    registration,
    start_journey,
    state_of,
    time_skipping_server,
    worker_settings,
)
from tests.support.kafka_reading import eventually
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import JourneyState, Stage
from workflows.journey.workflow import ClientJourney

DAY = timedelta(days=1)
WORKFLOW_TASK_EVENTS = {
    EventType.EVENT_TYPE_WORKFLOW_TASK_SCHEDULED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_STARTED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_FAILED,
    EventType.EVENT_TYPE_WORKFLOW_TASK_TIMED_OUT,
}


@pytest.fixture
async def env():
    """A time-skipping server per test: a journey of one test cannot hold the clock of the next."""
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=time_skipping_server(), data_converter=journey_converter()
    ) as environment:
        await register_search_attributes(environment.client)
        yield environment


@pytest.fixture
async def task_queue(env, journey_services, tokens):
    coaching, placement = journey_services
    async with journey_worker(env.client, worker_settings(tokens, coaching, placement)) as queue:
        yield queue


async def settled(handle: WorkflowHandle[Any, JourneyState]) -> bool:
    """The latest run is open and its last workflow task has completed: a query now meets a quiet run."""
    if (await handle.describe()).status is not WorkflowExecutionStatus.RUNNING:
        return False
    last_task = None
    async for event in handle.fetch_history_events():
        if event.event_type in WORKFLOW_TASK_EVENTS:
            last_task = event.event_type
    return last_task == EventType.EVENT_TYPE_WORKFLOW_TASK_COMPLETED


class Journey:
    """One client's journey as a test drives it: facts, time passing, what the services hold."""

    def __init__(
        self,
        env: WorkflowEnvironment,
        handle: WorkflowHandle[Any, JourneyState],
        client_id: UUID,
        services: tuple[Any, Any],
        tokens: Any,
    ) -> None:
        self.env, self.handle, self.client_id, self.tokens = env, handle, client_id, tokens
        self.coaching, self.placement = services

    async def tell(self, event: Event) -> JourneyState:
        """Signal a fact and wait until the journey has applied it."""
        fact = as_fact(event)
        await self.handle.signal(ClientJourney.fact, fact)

        async def applied() -> bool:
            return fact.event_id in (await state_of(self.handle)).seen_event_ids

        await eventually(applied, timeout=30)
        return await state_of(self.handle)

    async def wait(self, span: timedelta) -> None:
        await self.env.sleep(span)

    async def tasks(self, kind: str) -> list[dict[str, Any]]:
        state = await state_of(self.handle)
        reply = await self.coaching.http.get(
            "/tasks", params={"case_worker_id": state.case_worker_id}, headers=self.tokens.headers(Role.CASE_MANAGER)
        )
        assert reply.status_code == 200, reply.text
        mine = [t for t in reply.json()["items"] if t["client_id"] == str(self.client_id) and t["kind"] == kind]
        return sorted(mine, key=lambda t: t["due_at"])

    async def case(self) -> dict[str, Any]:
        reply = await self.coaching.http.get(f"/cases/{self.client_id}", headers=self.tokens.headers(Role.CASE_MANAGER))
        assert reply.status_code == 200, reply.text
        case: dict[str, Any] = reply.json()
        return case

    async def checks(self, employment_id: UUID) -> list[str]:
        reply = await self.placement.http.get(
            "/continuation-checks", headers=self.tokens.headers(Role.PLACEMENT_OFFICER)
        )
        assert reply.status_code == 200, reply.text
        return sorted(c["month"] for c in reply.json() if c["employment_id"] == str(employment_id))

    async def confirm(self, employment_id: UUID, month: date) -> None:
        body = {"month": month.isoformat(), "gross_pay": "2400.00", "net_pay": "1750.00"}
        reply = await self.placement.http.post(
            f"/employments/{employment_id}/confirmations",
            json=body,
            headers=self.tokens.headers(Role.PLACEMENT_OFFICER),
        )
        assert reply.status_code == 201, reply.text
        await self.tell(
            EmploymentConfirmedV1(
                client_id=self.client_id,
                employment_id=employment_id,
                month=month,
                gross_pay=Decimal("2400.00"),
                net_pay=Decimal("1750.00"),
            )
        )


async def begin(
    env,
    journey_services,
    tokens,
    kafka_server,
    task_queue,
    policy: JourneyPolicy | None = None,
    target_groups: list[str] | None = None,
) -> Journey:
    """A registered client whose journey has its case manager (coaching assigned one over HTTP)."""
    coaching, _ = journey_services
    event = registration(uuid4(), target_groups=target_groups)
    await register_with_coaching(kafka_server.bootstrap_servers, coaching, tokens, event)
    handle = await start_journey(env.client, task_queue, event, policy)
    journey = Journey(env, handle, event.client_id, journey_services, tokens)
    state = await reaches(handle, Stage.COACHING)
    assert state.case_worker_id and state.case_worker_id.startswith("lutjenburg-")
    return journey


def started(client_id: UUID, employment: dict[str, Any]) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=client_id,
        employment_id=employment["employment_id"],
        employer_id=employment["employer_id"],
        start_date=employment["start_date"],
        weekly_hours=Decimal("30"),
        gross_monthly_pay=Decimal("2400.00"),
        net_monthly_pay=Decimal("1750.00"),
        first_pay_date=employment["first_pay_date"],
        subject_to_social_insurance=True,
    )


def plan_agreed(client_id: UUID, case_worker_id: str, agreed: date) -> CooperationPlanAgreedV1:
    review_due = agreed.replace(month=agreed.month + 6)
    return CooperationPlanAgreedV1(
        client_id=client_id,
        plan_id=uuid4(),
        case_worker_id=case_worker_id,
        agreed_at=datetime(agreed.year, agreed.month, agreed.day, 9, tzinfo=UTC),
        review_due=review_due,
    )


def contact(client_id: UUID, case_worker_id: str) -> ContactRecordedV1:
    return ContactRecordedV1(
        client_id=client_id,
        contact_id=uuid4(),
        case_worker_id=case_worker_id,
        channel="phone",
        occurred_at=datetime.now(UTC),
    )


async def test_a_twelve_month_journey_with_a_relapse_in_month_four_ends_sustained_and_closed(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    cid, placement = journey.client_id, journey_services[1]
    t0 = (await state_of(journey.handle)).contact_anchor_at
    assert t0 is not None

    await journey.wait(65 * DAY)  # no contact in two intervals: two tasks
    overdue = await journey.tasks("contact_overdue")
    assert [datetime.fromisoformat(t["due_at"]) for t in overdue] == [t0 + 30 * DAY, t0 + 60 * DAY]

    state = await journey.tell(contact(cid, (await state_of(journey.handle)).case_worker_id or ""))
    await journey.tell(plan_agreed(cid, state.case_worker_id or "", date(2026, 3, 14)))
    await journey.tell(
        ReadyForPlacementV1(client_id=cid, case_worker_id=state.case_worker_id, declared_at=datetime.now(UTC))
    )
    await journey.tell(JobSearchOpenedV1(client_id=cid, search_id=uuid4(), opened_at=datetime.now(UTC)))
    state = await journey.tell(
        ProposalMadeV1(client_id=cid, proposal_id=uuid4(), vacancy_id=uuid4(), proposed_at=datetime.now(UTC))
    )
    assert state.stage is Stage.JOB_SEARCH and state.proposals == 1

    await journey.wait(25 * DAY)  # day 90: the first job (month 3), ended in month 4
    employer = await add_employer(placement, tokens)
    first = await hire(placement, tokens, cid, employer, date(2026, 4, 1))
    state = await journey.tell(started(cid, first))
    assert state.stage is Stage.EMPLOYED
    await journey.wait(31 * DAY)
    assert await journey.checks(first["employment_id"]) == ["2026-05-01"]
    ended = await placement.http.post(
        f"/employments/{first['employment_id']}/end",
        json={"end_date": "2026-05-15", "reason": "dismissal_in_probation"},
        headers=tokens.headers(Role.PLACEMENT_OFFICER),
    )
    assert ended.status_code == 200, ended.text
    state = await journey.tell(
        EmploymentEndedV1(
            client_id=cid,
            employment_id=first["employment_id"],
            end_date=date(2026, 5, 15),
            reason="dismissal_in_probation",
        )
    )
    assert state.stage is Stage.COACHING and state.relapses == 1

    await journey.wait(20 * DAY)  # day 141: the second job, which lasts
    second = await hire(placement, tokens, cid, employer, date(2026, 6, 8))
    await journey.tell(started(cid, second))
    months = [date(2026, m, 1) for m in range(7, 13)]
    for n, month in enumerate(months, start=1):
        await journey.wait(30 * DAY + timedelta(hours=1))
        assert (await journey.checks(second["employment_id"]))[-1] == month.isoformat()
        await journey.confirm(second["employment_id"], month)
        if n == 3:
            await journey.tell(
                EntitlementChangedV1(
                    household_id=uuid4(),
                    decision_id=uuid4(),
                    effective_month=date(2026, 7, 1),
                    reason="earned income",
                    monthly_entitlement=Decimal("210.00"),
                    previous_monthly_entitlement=Decimal("980.00"),
                    client_ids=[cid],
                    employment_id=second["employment_id"],
                )
            )
    state = await state_of(journey.handle)
    assert state.stage is Stage.SUSTAINED and state.confirmed_months == months
    assert await journey.checks(second["employment_id"]) == [m.isoformat() for m in months]

    await journey.wait(20 * DAY)  # day 342, within the grace period: benefits end, the journey closes at once
    assert (await state_of(journey.handle)).stage is Stage.SUSTAINED
    await journey.tell(
        EntitlementEndedV1(
            household_id=uuid4(),
            decision_id=uuid4(),
            effective_month=date(2027, 1, 1),
            income_covers_need=True,
            reason="income covers the need",
            client_ids=[cid],
            employment_id=second["employment_id"],
        )
    )
    result = await journey.handle.result()
    assert result.stage is Stage.CLOSED and result.closed_reason == "sustained_employment"
    assert result.independent_of_benefits and result.relapses == 1
    assert result.history[-1].at - t0 > 330 * DAY
    assert [c.stage for c in result.history if c.kind == "stage"] == [
        Stage.COACHING,
        Stage.JOB_SEARCH,
        Stage.EMPLOYED,
        Stage.COACHING,
        Stage.EMPLOYED,
        Stage.SUSTAINED,
        Stage.CLOSED,
    ]
    assert any("benefits changed" in entry.because for entry in result.history)
    assert (await journey.case())["status"] == "closed"
    assert len(await journey.tasks("contact_overdue")) == 2
    assert await journey.tasks("plan_review") == []  # due on day 249, when the client was employed
    await record_history(journey.handle, "twelve-months-relapse-sustained-closed")


async def test_contact_overdue_tasks_are_raised_exactly_when_each_interval_passes(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    state = await state_of(journey.handle)
    t0, interval = state.contact_anchor_at, timedelta(days=state.contact_interval_days or 0)
    assert t0 is not None and interval == 30 * DAY

    await journey.wait(interval - timedelta(minutes=1))
    assert await journey.tasks("contact_overdue") == []
    await journey.wait(timedelta(minutes=2))
    assert [datetime.fromisoformat(t["due_at"]) for t in await journey.tasks("contact_overdue")] == [t0 + interval]

    await journey.wait(interval)  # a second missed interval: a second task, not two
    assert len(await journey.tasks("contact_overdue")) == 2
    state = await journey.tell(contact(journey.client_id, state.case_worker_id or ""))
    anchor = state.contact_anchor_at
    assert anchor is not None
    await journey.wait(interval - timedelta(minutes=1))
    assert len(await journey.tasks("contact_overdue")) == 2
    await journey.wait(timedelta(minutes=2))
    due = [datetime.fromisoformat(t["due_at"]) for t in await journey.tasks("contact_overdue")]
    assert due == [t0 + interval, t0 + 2 * interval, anchor + interval]
    assert (await state_of(journey.handle)).contact_overdue_raised == 1
    await record_history(journey.handle, "contact-overdue-open")
    await journey.handle.terminate("test over")


async def test_the_plan_review_falls_due_six_months_after_the_assignment_or_at_the_agreed_plans_review_due(
    env, journey_services, tokens, kafka_server, task_queue
):
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    state = await state_of(journey.handle)
    t0 = state.contact_anchor_at
    assert t0 is not None
    await journey.wait(100 * DAY)
    state = await journey.tell(plan_agreed(journey.client_id, state.case_worker_id or "", date(2026, 1, 10)))
    agreed = state.plan_anchor_at
    assert agreed is not None and state.plan_review_after_days == 181  # 2026-01-10 → 2026-07-10, § 15 Abs. 3
    await journey.wait(81 * DAY)  # day 181: the review the assignment set was replaced by the plan's
    assert await journey.tasks("plan_review") == []
    await journey.wait(101 * DAY)
    assert [datetime.fromisoformat(t["due_at"]) for t in await journey.tasks("plan_review")] == [agreed + 181 * DAY]
    await journey.wait(180 * DAY)  # no new plan: the next review six months later
    assert [datetime.fromisoformat(t["due_at"]) for t in await journey.tasks("plan_review")] == [
        agreed + 181 * DAY,
        agreed + 361 * DAY,
    ]
    await journey.handle.terminate("test over")


async def test_continue_as_new_keeps_state_policy_deadlines_and_facts_that_arrive_meanwhile(
    env, journey_services, tokens, kafka_server, task_queue
):
    policy = JourneyPolicy(max_history_events=40, close_grace_months=0.5)
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue, policy=policy)
    first_run = (await journey.handle.describe()).run_id
    state = await state_of(journey.handle)
    await journey.tell(
        ReadyForPlacementV1(
            client_id=journey.client_id, case_worker_id=state.case_worker_id or "", declared_at=datetime.now(UTC)
        )
    )
    proposals = [
        ProposalMadeV1(
            client_id=journey.client_id, proposal_id=uuid4(), vacancy_id=uuid4(), proposed_at=datetime.now(UTC)
        )
        for _ in range(30)
    ]
    facts = [as_fact(p) for p in proposals]
    for fact in facts:  # a burst: some arrive while a run is handing over to the next
        await journey.handle.signal(ClientJourney.fact, fact)
    await journey.handle.signal(ClientJourney.fact, facts[0])  # redelivered across runs: counted once

    async def all_applied() -> bool:
        # Ask only a settled run: on the time-skipping test server a query that arrives while a workflow
        # task continues the run as new holds the server's time lock for good, and every later sleep hangs
        # until the connection is dropped ("h2 protocol error"). Signals alone never do.
        if not await settled(journey.handle):
            return False
        return (await state_of(journey.handle)).proposals == 30

    await eventually(all_applied, timeout=60)
    description = await journey.handle.describe()
    assert description.run_id != first_run, "the journey did not continue as new"
    state = await state_of(journey.handle)
    assert state.stage is Stage.JOB_SEARCH and state.case_worker_id and state.contact_interval_days == 30

    await journey.wait(31 * DAY)  # the contact deadline survived the hand-over: exactly one task
    assert len(await journey.tasks("contact_overdue")) == 1
    view = await journey.handle.query(ClientJourney.view)
    assert view.policy == policy
    await record_history(
        env.client.get_workflow_handle(journey.handle.id, run_id=first_run), "continued-as-new-first-run"
    )
    await journey.handle.terminate("test over")
