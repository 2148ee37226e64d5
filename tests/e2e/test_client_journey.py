"""One client's whole journey on the running platform: every service, Kafka, Temporal and the worker as processes.

register → a case manager assigned by the journey → contacts → ready → vacancy → hire → the employment event
read from Kafka by a plain consumer (as an outside benefits system would) → the entitlement changed → six
monthly confirmations → sustained; Temporal's visibility finds the journey by JourneyStage and OfficeId at
every stage, and the journey's query tells the same. A month lasts SECONDS_PER_MONTH seconds.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Any

import httpx
import pytest

from contracts.events import EmploymentStartedV1, EntitlementChangedV1, EntitlementEndedV1, Event
from contracts.topics import EMPLOYMENTS, ENTITLEMENTS
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually, last_open_thursday_afternoon, months_ago, visible
from tests.support.kafka_reading import envelopes, read_until
from workflows.journey.state import JourneyState

pytestmark = pytest.mark.e2e


async def stage_is(platform: Platform, staff: StaffApps, client_id: str, stage: str) -> dict[str, Any]:
    """Visibility finds the journey in `stage` at the office; its query says the same. Returns the state."""
    temporal = await platform.temporal()
    query = f"WorkflowId = 'journey-{client_id}' AND JourneyStage = '{stage}' AND OfficeId = '{steps.OFFICE}'"
    assert await visible(temporal, query) == 1
    state = await temporal.get_workflow_handle(f"journey-{client_id}").query("state", result_type=JourneyState)
    assert state.stage == stage
    view = await steps.journey_state(staff, client_id)
    assert view["stage"] == stage
    return view


async def events(platform: Platform, topic: str, wanted: Any) -> list[Event]:
    """The events of `topic` that `wanted` accepts, read from the beginning by a plain aiokafka consumer."""
    records = await read_until(
        platform.bootstrap, topic, lambda rs: any(wanted(e.data) for e in envelopes(rs)), timeout=60
    )
    return [e.data for e in envelopes(records) if wanted(e.data)]


async def test_a_single_parent_goes_from_registration_to_sustained_employment(platform: Platform):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        today = datetime.now(UTC).date()
        start = months_ago(today, 8)  # the six months after the start lie in the past
        client = await steps.register_single_parent(staff)
        client_id = client["client_id"]
        assert client["office_id"] == steps.OFFICE
        await steps.enter_household(staff, client, months_ago(today, 9))

        worker = await steps.assigned_case_worker(staff, client_id)
        assert (await stage_is(platform, staff, client_id, "coaching"))["case_worker_id"] == worker
        lunch = last_open_thursday_afternoon(datetime.now(UTC)) - timedelta(hours=2)  # 13:00: closed
        refused = await staff.call(
            "POST",
            "coaching",
            f"/cases/{client_id}/contacts",
            steps.CASE_MANAGER,
            body={"channel": "in_person", "occurred_at": lunch.isoformat()},
            staff_id=worker,
        )
        assert refused.status_code == 422 and "occurred_at" in refused.text
        await steps.coach_until_ready(staff, client_id, worker)
        await stage_is(platform, staff, client_id, "job_search")

        employer = await steps.add_employer(staff)
        early = await steps.add_vacancy(staff, employer["employer_id"], "Pflegehilfskraft", "06:00")
        laundry = await steps.add_vacancy(staff, employer["employer_id"], "Wäscherei", "08:30")
        matches = await staff.ok("GET", "placement", f"/searches/{client_id}/matches", steps.PLACEMENT)
        assert laundry["vacancy_id"] in [m["vacancy_id"] for m in matches["matches"]]
        excluded = {e["vacancy_id"]: " ".join(e["reasons"]) for e in matches["excluded"]}
        assert "06:00" in excluded[early["vacancy_id"]]  # before her earliest start at 08:00
        employment_id = await steps.propose_and_hire(staff, client_id, laundry, start)

        started = await events(
            platform,
            EMPLOYMENTS.name,
            lambda e: isinstance(e, EmploymentStartedV1) and str(e.employment_id) == employment_id,
        )
        assert str(started[0].client_id) == client_id and str(started[0].vacancy_id) == laundry["vacancy_id"]
        changed = await events(
            platform,
            ENTITLEMENTS.name,
            lambda e: (
                isinstance(e, EntitlementChangedV1 | EntitlementEndedV1) and str(e.employment_id) == employment_id
            ),
        )
        assert [str(c) for c in changed[0].client_ids] == [client_id]
        await stage_is(platform, staff, client_id, "employed")

        confirmed: list[tuple[str, date]] = []

        async def six_confirmed() -> bool:
            confirmed.extend(await steps.answer_open_checks(staff, {employment_id}))
            return len(confirmed) >= 6

        await eventually(six_confirmed, timeout=90, interval=0.5)
        assert sorted(m for _, m in confirmed) == [months_ago(start, -n) for n in range(1, 7)]
        state = await eventually(lambda: steps.sustained(staff, client_id))
        assert len(state["confirmed_months"]) == 6 and state["relapses"] == 0
        case = await eventually(lambda: _closed_case(staff, client_id))
        assert case["closure_reason"] == "sustained_employment"


async def _closed_case(staff: StaffApps, client_id: str) -> dict[str, Any] | None:
    case = await staff.ok("GET", "coaching", f"/cases/{client_id}", steps.CASE_MANAGER)
    return case if case["status"] == "closed" else None
