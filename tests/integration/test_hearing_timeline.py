"""Hearings on Temporal's time-skipping test server, through the hearings API, with real coaching and benefits.

The letter task lands in coaching, the reduction in benefits (its change decisions), and the months and the
six months of § 31b Abs. 1 S. 3 pass in milliseconds. Set LOTSE_RECORD_HISTORIES=1 to keep the histories
for the replay test (tests/histories/hearing/).
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid4

import httpx
import pytest
from temporalio.client import WorkflowExecutionStatus, WorkflowHandle
from temporalio.testing import WorkflowEnvironment

from contracts.envelope import Envelope
from contracts.events import AppointmentMissedV1, ClientRegisteredV1
from deploy.launcher.process import free_ports
from services.platform.auth.staff import Role
from tests.integration.journey_support import (
    HISTORIES,
    announce,
    journey_converter,
    record_history_requested,
    register_search_attributes,
    registration,
    serving,
    start_journey,
    state_of,
    time_skipping_server,
    worker_settings,
)
from tests.integration.journey_support import record_history as record_journey_history
from tests.support.kafka_reading import eventually
from workflows.bridge import JourneyBridge
from workflows.hearing import missed, rules
from workflows.hearing.models import HearingFacts, HearingStart, HearingState
from workflows.hearing.rules import BERLIN, plus_months
from workflows.hearing.workflow import Hearing, hearing_id
from workflows.journey.policy import JourneyPolicy
from workflows.search_attributes import HEARING_OPEN, OFFICE
from workflows.worker import journey_activities, journey_worker, journeys_api

OFFICE_ID = "lutjenburg"
FULL = "1103.00"  # a single adult: 563 € Regelbedarf + 450 € rent + 90 € heating


@pytest.fixture(scope="module")
async def hearing_services(kafka_server, tokens, tmp_path_factory):
    """Coaching, placement (the journey worker's client needs one) and benefits over HTTP, fresh databases."""
    directory = tmp_path_factory.mktemp("hearing-services")
    bootstrap = kafka_server.bootstrap_servers
    async with (
        serving("coaching", directory, bootstrap, tokens) as coaching,
        serving("placement", directory, bootstrap, tokens) as placement,
        serving("benefits", directory, bootstrap, tokens) as benefits,
    ):
        yield coaching, placement, benefits


@pytest.fixture
async def env():
    async with await WorkflowEnvironment.start_time_skipping(
        test_server_existing_path=time_skipping_server(), data_converter=journey_converter()
    ) as environment:
        await register_search_attributes(environment.client)
        yield environment


@pytest.fixture
def task_queue() -> str:
    return f"hearings-{uuid4().hex[:8]}"


@pytest.fixture
async def api(env, hearing_services, tokens, task_queue):
    """The worker's API (journeys and hearings) on a free port, over a worker with the real activities."""
    coaching, placement, benefits = hearing_services
    (port,) = free_ports(1)
    settings = worker_settings(
        tokens, coaching, placement, benefits_url=benefits.url, api_port=port, jwt_public_key_file=tokens.public_key
    )
    settings = settings.model_copy(update={"task_queue": task_queue})
    async with (
        journey_activities(settings) as activities,
        journey_worker(env.client, settings.task_queue, activities),
        journeys_api(env.client, settings),
        httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}", timeout=30) as http,
    ):
        yield http


def manager(tokens, office: str = OFFICE_ID) -> dict[str, str]:
    return tokens.headers(Role.CASE_MANAGER, offices=(office,), staff_id=f"{office}-cm-01")


def clerk(tokens, office: str = OFFICE_ID) -> dict[str, str]:
    return tokens.headers(Role.BENEFITS_CLERK, offices=(office,), staff_id=f"{office}-lb-07")


async def client_known_to_coaching_and_benefits(
    hearing_services, kafka_server, tokens, event: ClientRegisteredV1 | None = None, since: date | None = None
) -> tuple[UUID, UUID]:
    """A registered single adult whose claim benefits has decided (1,103 € a month from this month, or `since`)."""
    coaching, _, benefits = hearing_services
    event = event or registration(uuid4(), office_id=OFFICE_ID)
    await announce(kafka_server.bootstrap_servers, event)
    worker = tokens.headers(Role.JOURNEY_WORKER)

    async def known() -> bool:
        case = await coaching.http.get(f"/cases/{event.client_id}", headers=worker)
        household = await benefits.http.get(f"/households/{event.household_id}", headers=clerk(tokens))
        return case.status_code == 200 and household.status_code == 200

    await eventually(known, timeout=60)
    body = {
        "month": (since or today()).replace(day=1).isoformat(),
        "members": [{"client_id": str(event.client_id), "role": "adult", "birth_date": "1986-02-11"}],
        "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
    }
    reply = await benefits.http.put(f"/households/{event.household_id}", json=body, headers=clerk(tokens))
    assert reply.status_code == 200, reply.text
    return event.client_id, event.household_id


def today() -> date:
    return datetime.now(BERLIN).date()


def incident(client_id: UUID, household_id: UUID, **terms: Any) -> dict[str, Any]:
    return {
        "incident_id": str(uuid4()),
        "client_id": str(client_id),
        "household_id": str(household_id),
        "office_id": OFFICE_ID,
        "kind": "missed_appointment",
        "occurred_on": (today() - timedelta(days=3)).isoformat(),
        "notice_given": True,
        **terms,
    }


async def open_hearing(http: httpx.AsyncClient, tokens, body: dict[str, Any]) -> dict[str, Any]:
    reply = await http.post("/hearings", json=body, headers=manager(tokens))
    assert reply.status_code == 201, reply.text
    state: dict[str, Any] = reply.json()
    return state


async def letter_task(http, tokens, incident_id: str) -> str:
    async def sent() -> bool:
        reply = await http.get(f"/hearings/{incident_id}", headers=manager(tokens))
        return reply.json()["letter_task_id"] is not None

    await eventually(sent, timeout=30)
    return str((await http.get(f"/hearings/{incident_id}", headers=manager(tokens))).json()["letter_task_id"])


async def finished(handle: WorkflowHandle[Any, HearingState]) -> HearingState:
    """The result once the run has closed (a long poll on the time-skipping server may return before that)."""

    async def closed() -> bool:
        return (await handle.describe()).status != WorkflowExecutionStatus.RUNNING

    await eventually(closed, timeout=30)
    return await handle.result()


async def record(handle: WorkflowHandle[Any, Any], name: str, version: str = "v1") -> None:
    if record_history_requested():
        (HISTORIES / "hearing").mkdir(exist_ok=True)
        (HISTORIES / "hearing" / f"{version}-{name}.json").write_text((await handle.fetch_history()).to_json())


async def test_an_accepted_important_reason_closes_the_hearing_without_a_reduction(
    api, env, hearing_services, kafka_server, tokens
):
    coaching = hearing_services[0]
    client_id, household_id = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    body = incident(client_id, household_id, consecutive_misses=3)
    state = await open_hearing(api, tokens, body)
    assert state["status"] == "awaiting_statement"
    assert state["statement_due"] == (today() + timedelta(days=14)).isoformat()
    assert state["personal_hearing"]["mode"] == "offered"  # the third consecutive miss (§ 31a Abs. 2 S. 3)
    incident_id = body["incident_id"]
    assert (await open_hearing(api, tokens, body))["opened_at"] == state["opened_at"]  # one hearing per incident

    task_id = await letter_task(api, tokens, incident_id)
    case = (await coaching.http.get(f"/cases/{client_id}", headers=manager(tokens))).json()
    assert [(t["task_id"], t["kind"]) for t in case["open_tasks"]] == [(task_id, "hearing_letter")]

    early = await api.post(f"/hearings/{incident_id}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    assert early.status_code == 409 and "statement" in early.json()["detail"], early.text
    statement = {"received_on": today().isoformat()}
    reply = await api.post(f"/hearings/{incident_id}/statement", json=statement, headers=manager(tokens))
    assert reply.status_code == 200 and reply.json()["status"] == "ready_for_decision", reply.text
    reply = await api.post(
        f"/hearings/{incident_id}/decision", json={"outcome": "important_reason"}, headers=manager(tokens)
    )
    assert reply.status_code == 200, reply.text
    assert (reply.json()["status"], reply.json()["decision"]["decided_by"]) == (
        "closed_no_reduction",
        "lutjenburg-cm-01",
    )

    handle = env.client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
    assert (await finished(handle)).reduction is None
    attributes = (await handle.describe()).typed_search_attributes
    assert (attributes.get(OFFICE), attributes.get(HEARING_OPEN)) == (OFFICE_ID, False)
    again = await api.post(f"/hearings/{incident_id}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    assert again.status_code == 409, again.text
    await record(handle, "important-reason")


async def test_staff_of_another_office_neither_open_nor_read_a_hearing(api, hearing_services, kafka_server, tokens):
    client_id, household_id = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    body = incident(client_id, household_id)
    refused = await api.post("/hearings", json=body, headers=manager(tokens, office="plon"))
    assert refused.status_code == 403, refused.text
    await open_hearing(api, tokens, body)
    path = f"/hearings/{body['incident_id']}"
    assert (await api.get(path, headers=clerk(tokens, office="plon"))).status_code == 403
    assert (await api.get(path, headers=tokens.headers(Role.PLACEMENT_OFFICER))).status_code == 403
    assert (await api.get(path, headers=tokens.headers(Role.OPERATOR, offices=()))).status_code == 200
    assert (await api.get(f"/hearings/{uuid4()}", headers=manager(tokens))).status_code == 404
    bad = await api.post(f"{path}/decision", json={"outcome": "maybe"}, headers=clerk(tokens))
    assert bad.status_code == 422 and "outcome" in bad.text, bad.text


async def test_a_reduction_is_determined_in_benefits_and_its_later_months_decided_by_durable_timers(
    api, env, hearing_services, kafka_server, tokens
):
    """A breach of duty under the new law: 30 % of 563 € for three months from the month after the decision is
    made known (§ 31a Abs. 1, § 31b Abs. 1 S. 1); the workflow sleeps until the month after, then benefits
    decides it back."""
    benefits = hearing_services[2]
    client_id, household_id = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    body = incident(client_id, household_id, kind="breach_of_duty")
    await open_hearing(api, tokens, body)
    incident_id = body["incident_id"]
    await letter_task(api, tokens, incident_id)
    reply = await api.post(
        f"/hearings/{incident_id}/statement", json={"received_on": today().isoformat()}, headers=clerk(tokens)
    )
    assert reply.status_code == 200, reply.text
    reply = await api.post(f"/hearings/{incident_id}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    assert reply.status_code == 200, reply.text
    reducing = HearingState.model_validate(reply.json())
    assert reducing.status == "reducing" and reducing.reduction is not None
    posted = today() + timedelta(days=4)  # made known on the 4th day after posting (§ 37 Abs. 2 S. 1 SGB X)
    first = plus_months(posted.replace(day=1), 1)
    assert reducing.reduction.first_month == first
    assert reducing.reduction.change_months == [first, plus_months(first, 3)]

    handle = env.client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
    end = plus_months(first, 3)
    await env.sleep(datetime.combine(end, time(0), BERLIN) - datetime.now(BERLIN))  # past the end month's timer
    done = await finished(handle)
    assert done.status == "closed_reduced" and done.reduction is not None
    assert done.reduction.months_decided == [end]
    # The machine's calendar is late 2026 and benefits knows no Regelbedarf for 2027 yet: both months it was
    # asked to decide (the first by the determination, the end by the workflow's timer) wait there as pending.
    household = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    asked = {(p["month"], p["cause"]) for p in household["pending_decisions"]}
    if first.year > 2026:
        assert done.reduction.month_decisions == [None]
        assert asked >= {(first.isoformat(), "reduction_determined"), (end.isoformat(), "reduction_ended")}, asked
    else:
        (decision_id,) = done.reduction.month_decisions
        decision = (await benefits.http.get(f"/decisions/{decision_id}", headers=clerk(tokens))).json()
        assert decision["monthly_amount"] == FULL, decision
    await record(handle, "reduction-months-decided")


async def test_a_hearing_left_undecided_runs_out_into_too_late_six_months_after_the_incident(
    api, env, hearing_services, kafka_server, tokens
):
    client_id, household_id = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    occurred = plus_months(today(), -6) + timedelta(days=20)
    body = incident(client_id, household_id, occurred_on=occurred.isoformat())
    state = await open_hearing(api, tokens, body)
    assert state["determination_deadline"] == (plus_months(occurred, 6) - timedelta(days=1)).isoformat()
    incident_id = body["incident_id"]
    await letter_task(api, tokens, incident_id)

    handle = env.client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
    await env.sleep(timedelta(days=15))
    assert (await handle.query(Hearing.state)).status == "statement_overdue"
    await env.sleep(rules.end_of_day(date.fromisoformat(state["determination_deadline"])) - datetime.now(BERLIN))
    done = await finished(handle)
    assert (done.status, done.decision, done.reduction) == ("too_late", None, None)
    assert (await handle.describe()).typed_search_attributes.get(HEARING_OPEN) is False
    late = await api.post(f"/hearings/{incident_id}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    assert late.status_code == 409 and "§ 31b" in late.json()["detail"], late.text
    await record(handle, "too-late")


async def test_a_reduction_decided_for_a_client_whose_household_is_never_found_runs_out_at_the_six_months(
    api, env, hearing_services, kafka_server, tokens, task_queue
):
    """§ 31b Abs. 1 S. 3 holds in every state: opened as the bridge opens it (no household), the client's
    journey never answers the lookup, so the decided reduction cannot be determined — it ends as too late."""
    client_id, _ = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    occurred = today() - timedelta(days=3)
    facts = HearingFacts(
        incident_id=uuid4(),
        client_id=client_id,
        office_id=OFFICE_ID,
        kind="missed_appointment",
        occurred_on=occurred,
        notice_given=True,
        consecutive_misses=2,
        opened_by=f"{OFFICE_ID}-cm-01",
    )
    handle = await env.client.start_workflow(
        Hearing.run,
        HearingStart(facts=facts),
        id=hearing_id(facts.incident_id),
        task_queue=task_queue,  # no journey runs here: the household lookup never answers
    )
    incident_id = str(facts.incident_id)
    await letter_task(api, tokens, incident_id)
    await env.sleep(timedelta(days=15))
    assert (await handle.query(Hearing.state)).status == "statement_overdue"

    decision = asyncio.create_task(
        api.post(f"/hearings/{incident_id}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    )

    async def decided() -> bool:
        return (await handle.query(Hearing.state)).decision is not None

    await eventually(decided, timeout=30)
    assert (await handle.query(Hearing.state)).facts.household_id is None
    deadline = rules.determination_deadline(occurred, 6)
    await env.sleep(rules.end_of_day(deadline) - datetime.now(BERLIN) + timedelta(minutes=1))
    reply = await decision
    assert reply.status_code == 200, reply.text
    assert (reply.json()["status"], reply.json()["reduction"]) == ("too_late", None)
    assert "§ 31b" in reply.json()["refusal"]
    done = await finished(handle)
    assert done.status == "too_late"
    assert (await handle.describe()).typed_search_attributes.get(HEARING_OPEN) is False
    await record(handle, "household-never-found", version="v2")


async def test_the_clients_journey_shows_a_hearing_open_from_its_opening_until_its_decision(
    api, env, hearing_services, kafka_server, tokens, task_queue
):
    """Patches `hearing-tells-journey` (the hearing signals its journey) and `journey-hearings` (the journey keeps
    its open hearings and sets `HearingOpen`, which an operator filters on; § 24 SGB X hearing, ids only)."""
    event = registration(uuid4(), office_id=OFFICE_ID)
    client_id, household_id = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens, event)
    journey = await start_journey(env.client, task_queue, event)
    body = incident(client_id, household_id)
    await open_hearing(api, tokens, body)
    incident_id = body["incident_id"]

    async def journey_shows(is_open: bool) -> bool:
        state = await state_of(journey)
        shown = (await journey.describe()).typed_search_attributes.get(HEARING_OPEN)
        return state.hearings_open == ([UUID(incident_id)] if is_open else []) and shown is (True if is_open else None)

    await eventually(lambda: journey_shows(True), timeout=30)
    await letter_task(api, tokens, incident_id)
    statement = {"received_on": today().isoformat()}
    reply = await api.post(f"/hearings/{incident_id}/statement", json=statement, headers=manager(tokens))
    assert reply.status_code == 200, reply.text
    reply = await api.post(
        f"/hearings/{incident_id}/decision", json={"outcome": "important_reason"}, headers=manager(tokens)
    )
    assert reply.status_code == 200 and reply.json()["status"] == "closed_no_reduction", reply.text
    await eventually(lambda: journey_shows(False), timeout=30)
    told = [entry.because for entry in (await state_of(journey)).history if "hearing" in entry.because]
    assert told == [f"hearing {incident_id} opened", f"hearing {incident_id} closed"]
    hearing = env.client.get_workflow_handle_for(Hearing.run, hearing_id(incident_id))
    await finished(hearing)
    await record(hearing, "told-the-journey", version="v3")
    await record_journey_history(journey, "hearing-opened-closed")
    await journey.terminate("test over")


# --- on the demo's compressed calendar (patch `hearing-compressed-calendar`) ------------------------------------

DEMO_MONTH = 600.0  # seconds of workflow time a 30-day month lasts: a day is 20 s, six months about an hour


def miss_months_back(client_id: UUID, months: int) -> tuple[Envelope, date]:
    """A miss with notice dated `months` back, as the demo's past produces it: the bridge hears it now."""
    occurred = plus_months(today(), -months)
    miss = AppointmentMissedV1(
        appointment_id=uuid4(),
        client_id=client_id,
        staff_id=f"{OFFICE_ID}-cm-01",
        office_id=OFFICE_ID,
        starts_at=datetime.combine(occurred, time(9), BERLIN),
        appointment_date=occurred,
        notice_given=True,
        notice_given_at=datetime.combine(occurred - timedelta(days=10), time(9), BERLIN),
        consecutive_misses=1,
    )
    return Envelope(id=uuid4(), source="/tests/hearing", time=datetime.now(UTC), data=miss), occurred


async def opened_by_the_bridge(env, task_queue: str, envelope: Envelope) -> WorkflowHandle[Any, HearingState]:
    """The bridge of a worker whose month lasts DEMO_MONTH seconds opens the hearing, as in the demo."""
    bridge = JourneyBridge(env.client, task_queue, JourneyPolicy.compressed(DEMO_MONTH))
    await bridge.hear_miss(envelope)
    miss = envelope.data
    assert isinstance(miss, AppointmentMissedV1)
    incident = missed.incident_id(miss.appointment_id, miss.client_id)
    return env.client.get_workflow_handle_for(Hearing.run, hearing_id(incident))


async def test_on_the_demos_compressed_calendar_a_miss_months_back_is_heard_and_reduced_on_its_own_calendar(
    api, env, hearing_services, kafka_server, tokens, task_queue
):
    """A miss eight months back, opened by the bridge of the demo: the hearing opens on the day of the miss, its
    statement is due 14 days later and § 31b Abs. 1 S. 3's six months end six months after the miss — on that
    calendar, not the machine's. The clerk decides at once: `decided_on` is a day of the miss's week, benefits
    determines the reduction on it, and its months are those after it (months back), not 2027's."""
    coaching, benefits = hearing_services[0], hearing_services[2]
    event = registration(uuid4(), office_id=OFFICE_ID)
    envelope, occurred = miss_months_back(event.client_id, 8)
    client_id, household_id = await client_known_to_coaching_and_benefits(
        hearing_services, kafka_server, tokens, event, since=occurred
    )
    journey = await start_journey(env.client, task_queue, event)  # the household lookup asks it
    handle = await opened_by_the_bridge(env, task_queue, envelope)
    state = await handle.query(Hearing.state)
    assert (state.opened_on, state.statement_due) == (occurred, occurred + timedelta(days=14))
    assert state.determination_deadline == plus_months(occurred, 6) - timedelta(days=1)
    incident_id = str(state.facts.incident_id)

    task_id = await letter_task(api, tokens, incident_id)
    case = (await coaching.http.get(f"/cases/{client_id}", headers=manager(tokens))).json()
    (task,) = [t for t in case["open_tasks"] if t["task_id"] == task_id]
    due = datetime.fromisoformat(task["due_at"]).astimezone(BERLIN).date()
    assert occurred + timedelta(days=2) <= due <= occurred + timedelta(days=4), task  # 2 days after, on the calendar

    path = f"/hearings/{incident_id}"
    future = await api.post(f"{path}/statement", json={"received_on": today().isoformat()}, headers=manager(tokens))
    assert future.status_code == 422 and "future" in future.text, future.text  # the machine's today is months ahead
    statement = {"received_on": occurred.isoformat()}
    assert (await api.post(f"{path}/statement", json=statement, headers=manager(tokens))).status_code == 200
    reply = await api.post(f"{path}/decision", json={"outcome": "reduction"}, headers=clerk(tokens))
    assert reply.status_code == 200, reply.text
    reducing = HearingState.model_validate(reply.json())
    assert reducing.decision is not None and reducing.reduction is not None, reply.text
    decided_on = reducing.decision.decided_on
    assert decided_on is not None and occurred <= decided_on <= occurred + timedelta(days=7), decided_on
    posted = decided_on + timedelta(days=4)  # made known on the 4th day after posting (§ 37 Abs. 2 S. 1 SGB X)
    first = plus_months(posted.replace(day=1), 1)
    assert reducing.reduction.first_month == first < today().replace(day=1)  # the demo's past, not 2027-01
    (determined,) = (await benefits.http.get(f"/households/{household_id}/reductions", headers=clerk(tokens))).json()
    assert (determined["determined_on"], determined["occurred_on"]) == (decided_on.isoformat(), occurred.isoformat())

    # The one-month reduction of a miss (§ 32 Abs. 2 S. 2) ends the month after: its timer fires some
    # compressed weeks later — tens of minutes of workflow time, where the real calendar would wait months.
    end = plus_months(first, 1)
    assert reducing.reduction.change_months == [first, end]
    calendar = rules.hearing_calendar(occurred, state.opened_at, DEMO_MONTH)
    timer = calendar.worker_moment(rules.decide_month_at(end, state.policy.month_lead_days))
    assert timer - state.opened_at < timedelta(hours=1)
    await env.sleep(timer - await env.get_current_time() + timedelta(seconds=30))
    done = await finished(handle)
    assert done.status == "closed_reduced" and done.reduction is not None
    assert done.reduction.months_decided == [end]
    if end.year <= 2026:  # benefits knows the Regelbedarf of 2026; the end month is decided back to the full amount
        (decision_id,) = done.reduction.month_decisions
        decision = (await benefits.http.get(f"/decisions/{decision_id}", headers=clerk(tokens))).json()
        assert (decision["effective_month"], decision["monthly_amount"]) == (end.isoformat(), FULL), decision
    await record(handle, "compressed-calendar-reduced", version="v4")
    await journey.terminate("test over")


async def test_on_the_demos_compressed_calendar_an_undecided_hearing_runs_out_six_compressed_months_after_the_miss(
    api, env, hearing_services, kafka_server, tokens, task_queue
):
    """§ 31b Abs. 1 S. 3 on the demo's calendar: a miss seven months back is still decidable when the bridge hears
    it (the six months count from the miss on the calendar pinned to it when the hearing started, not from the
    machine's today), and runs out into "too late" about an hour of workflow time later."""
    client_id, _ = await client_known_to_coaching_and_benefits(hearing_services, kafka_server, tokens)
    envelope, occurred = miss_months_back(client_id, 7)
    handle = await opened_by_the_bridge(env, task_queue, envelope)
    state = await handle.query(Hearing.state)
    deadline = rules.determination_deadline(occurred, 6)
    assert (state.opened_on, state.determination_deadline) == (occurred, deadline)
    assert deadline < today()  # on the real calendar this hearing would be too late from the start
    await letter_task(api, tokens, str(state.facts.incident_id))

    over = rules.over_at(rules.hearing_calendar(occurred, state.opened_at, DEMO_MONTH), deadline)
    assert timedelta(minutes=55) < over - state.opened_at < timedelta(minutes=65)  # 181 or so days of 20 s
    await env.sleep(over - await env.get_current_time() - timedelta(minutes=2))
    assert (await handle.query(Hearing.state)).status == "statement_overdue"  # the 14 days are long over
    await env.sleep(timedelta(minutes=3))
    done = await finished(handle)
    assert (done.status, done.decision, done.reduction) == ("too_late", None, None)
    path = f"/hearings/{state.facts.incident_id}/decision"
    late = await api.post(path, json={"outcome": "reduction"}, headers=clerk(tokens))
    assert late.status_code == 409 and "§ 31b" in late.json()["detail"], late.text
    await record(handle, "compressed-calendar-too-late", version="v4")
