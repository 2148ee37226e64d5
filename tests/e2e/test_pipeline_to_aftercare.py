"""From a vacancy through application, interview and offer to the hire, and the support after it, on the running
platform (Kafka, Temporal, the services and the worker as processes; a month lasts SECONDS_PER_MONTH seconds).

Placement announces each step; the bridge signals them to the journey, which notes them; after the hire the
journey stays in `employed` and keeps its cadence: post_hire_contact tasks for the case worker in the policy's
weeks, and a job_at_risk task that names the employer's negative feedback."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import httpx
import pytest

from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually, last_open_thursday_afternoon

pytestmark = pytest.mark.e2e


async def test_a_client_goes_from_the_vacancy_through_interview_and_offer_to_the_hire_and_is_supported_after_it(
    platform: Platform,
):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        today = datetime.now(UTC).date()
        client = await steps.register_single_parent(staff, "Renate")
        client_id = client["client_id"]
        worker = await steps.assigned_case_worker(staff, client_id)
        await steps.coach_until_ready(staff, client_id, worker)
        await eventually(lambda: _searching(staff, client_id), timeout=90)  # placement heard the readiness
        employer = await steps.add_employer(staff, "Gärtnerei Hohwacht")
        vacancy = await steps.add_vacancy(staff, employer["employer_id"], "Gartenhelfer/in", "08:30")
        body = {"client_id": client_id, "vacancy_id": vacancy["vacancy_id"]}
        proposal = await steps.propose(staff, body)
        path = f"/proposals/{proposal['proposal_id']}/steps"
        for step in (
            {"step": "application"},
            {"step": "interview_scheduled"},
            {"step": "interview_held", "interview_outcome": "positive"},
            {"step": "offer"},
        ):
            await staff.ok("POST", "placement", path, steps.PLACEMENT, body={**step, "on": today.isoformat()})
        hire = steps.hire_body(client_id, vacancy, today) | {"proposal_id": proposal["proposal_id"]}
        employment = await staff.ok("POST", "placement", "/employments", steps.PLACEMENT, body=hire)

        async def employed_with_the_steps_noted() -> dict[str, Any] | None:
            state = await steps.journey_state(staff, client_id)
            noted = " ".join(h["because"] for h in state["history"])
            heard = all(w in noted for w in ("application sent", "interview held", "offer made"))
            return state if state["stage"] == "employed" and heard else None

        await eventually(employed_with_the_steps_noted, timeout=90)
        await eventually(lambda: _at_least(staff, client_id, "post_hire_contact", 2), timeout=90)
        thursday = last_open_thursday_afternoon(datetime.now(UTC))
        contact = {"channel": "phone", "occurred_at": thursday.isoformat()}
        await staff.ok(
            "POST", "coaching", f"/cases/{client_id}/contacts", steps.CASE_MANAGER, body=contact, staff_id=worker
        )
        feedback = {"on": today.isoformat(), "rating": "negative"}
        await staff.ok(
            "POST", "placement", f"/employments/{employment['employment_id']}/feedback", steps.PLACEMENT, body=feedback
        )
        await eventually(lambda: _warned(staff, client_id, "negative feedback from the employer"), timeout=90)
        await eventually(lambda: _at_least(staff, client_id, "post_hire_contact", 3), timeout=90)
        assert (await steps.journey_state(staff, client_id))["stage"] == "employed"


async def _warned(staff: StaffApps, client_id: str, why: str) -> bool:
    return any(why in (t.get("detail") or "") for t in await steps.open_tasks(staff, client_id, "job_at_risk"))


async def _at_least(staff: StaffApps, client_id: str, kind: str, count: int) -> bool:
    return len(await steps.open_tasks(staff, client_id, kind)) >= count


async def _searching(staff: StaffApps, client_id: str) -> bool:
    search = await staff.ok("GET", "placement", f"/searches/{client_id}", steps.PLACEMENT)
    return bool(search["status"] == "open")
