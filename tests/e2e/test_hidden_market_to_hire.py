"""The hidden job market on the running platform (Kafka, Temporal, the services and the worker as processes): an
employer mentions an opening in a contact → the placement officer records it as an unpublished vacancy → it is
among the client's matches for the office's placement officer, and a placement officer of another office neither
reads it nor finds it among their own client's matches (nor in the excluded ones) → proposal → application and
interview → a work trial at the employer (§ 45 SGB III) ended with an offer → hire → the journey reaches
`employed` and benefits hears the hire (its entitlement event names the employment) → the first post-hire contact
is due and the employer's feedback is recorded, readable by the office's placement officer only."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest

from contracts.events import EntitlementChangedV1, EntitlementEndedV1
from contracts.topics import ENTITLEMENTS
from services.platform.auth.staff import Role
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually, months_ago
from tests.support.kafka_reading import envelopes, read_until

pytestmark = pytest.mark.e2e


class Officer:
    """A placement officer bound to one office (the e2e staff act for every office)."""

    def __init__(self, platform: Platform, http: httpx.AsyncClient, office: str) -> None:
        self.url, self.http = platform.url("placement"), http
        self.headers = platform.headers(Role.PLACEMENT_OFFICER, office=office, staff_id=f"{office}-placement-e2e")

    async def get(self, path: str, **params: Any) -> httpx.Response:
        return await self.http.get(self.url + path, params=params, headers=self.headers)

    async def post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = self.headers | {"Idempotency-Key": f"e2e-{uuid.uuid4()}"}
        response = await self.http.post(self.url + path, json=body, headers=headers)
        assert response.status_code in (200, 201), response.text
        found: dict[str, Any] = response.json()
        return found


async def ready_for_placement(staff: StaffApps, client: dict[str, Any]) -> str:
    worker = await steps.assigned_case_worker(staff, client["client_id"])
    await steps.coach_until_ready(staff, client["client_id"], worker)
    await eventually(lambda: _searching(staff, client["client_id"]), timeout=90)
    return str(client["client_id"])


async def test_an_opening_from_an_employer_contact_is_matched_only_in_its_office_and_leads_through_a_trial_to_a_hire(
    platform: Platform,
):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        today = datetime.now(UTC).date()
        client = await steps.register_single_parent(staff, "Svenja")
        neighbour = await steps.register_single_parent(staff, "Britta", postcode="24211")  # Preetz
        await steps.enter_household(staff, client, months_ago(today, 2))
        client_id, neighbour_id = await asyncio.gather(
            ready_for_placement(staff, client), ready_for_placement(staff, neighbour)
        )
        ours, theirs = Officer(platform, http, "lutjenburg"), Officer(platform, http, "preetz")

        employer = await ours.post("/employers", {"name": "Hofladen Kletkamp", "office_id": "lutjenburg"} | POSTCODE)
        path = f"/employers/{employer['employer_id']}"
        mention = {"contact_on": str(today), "kind": "call", "note": "Sucht eine Hilfe im Hofladen, ab sofort"}
        contact = await ours.post(f"{path}/contacts", mention)
        vacancy = await ours.post("/vacancies", hidden_vacancy(employer["employer_id"], contact["contact_id"]))
        assert vacancy["published"] is False

        matches = (await ours.get(f"/searches/{client_id}/matches")).json()
        assert vacancy["vacancy_id"] in [m["vacancy_id"] for m in matches["matches"]]
        assert (await theirs.get(f"/vacancies/{vacancy['vacancy_id']}")).status_code == 404
        assert (await theirs.get(path)).status_code == 403
        elsewhere = (await theirs.get(f"/searches/{neighbour_id}/matches", excluded_limit=5000)).json()
        seen = [m["vacancy_id"] for m in elsewhere["matches"]] + [e["vacancy_id"] for e in elsewhere["excluded"]]
        assert vacancy["vacancy_id"] not in seen

        proposal = await ours.post("/proposals", {"client_id": client_id, "vacancy_id": vacancy["vacancy_id"]})
        for step in ({"step": "application"}, {"step": "interview_scheduled"}):
            await ours.post(f"/proposals/{proposal['proposal_id']}/steps", step | {"on": str(today)})
        held = {"step": "interview_held", "interview_outcome": "positive", "on": str(today)}
        await ours.post(f"/proposals/{proposal['proposal_id']}/steps", held)
        trial = {"client_id": client_id, "employer_id": employer["employer_id"], "program_id": "gemeinsam"}
        trial |= {"kind": "work_trial", "starts_on": str(today - timedelta(days=13)), "ends_on": str(today)}
        internship = await ours.post("/internships", trial)
        await ours.post(
            f"/internships/{internship['internship_id']}/outcome", {"outcome": "offer", "outcome_on": str(today)}
        )
        await ours.post(f"/proposals/{proposal['proposal_id']}/steps", {"step": "offer", "on": str(today)})
        hire = steps.hire_body(client_id, vacancy, today) | {"proposal_id": proposal["proposal_id"]}
        employment = await ours.post("/employments", hire)

        async def employed() -> bool:
            return bool((await steps.journey_state(staff, client_id))["stage"] == "employed")

        await eventually(employed, timeout=90)
        heard = await read_until(
            platform.bootstrap,
            ENTITLEMENTS.name,
            lambda rs: any(_names(e.data, employment["employment_id"]) for e in envelopes(rs)),
            timeout=60,
        )
        assert any(_names(e.data, employment["employment_id"]) for e in envelopes(heard))

        # After the hire: the first post-hire contact is due, and the employer's word on the new hand is recorded.
        await eventually(lambda: _post_hire_contact_due(staff, client_id), timeout=90)
        employment_path = f"/employments/{employment['employment_id']}"
        await ours.post(f"{employment_path}/feedback", {"on": str(today), "rating": "positive"})
        aftercare = (await ours.get(f"{employment_path}/aftercare")).json()
        assert [(r["kind"], r["rating"]) for r in aftercare] == [("feedback", "positive")]
        assert (await theirs.get(f"{employment_path}/aftercare")).status_code in (403, 404)


async def _post_hire_contact_due(staff: StaffApps, client_id: str) -> bool:
    return bool(await steps.open_tasks(staff, client_id, "post_hire_contact"))


POSTCODE = {"postcode": "24321"}


def hidden_vacancy(employer_id: str, contact_id: str) -> dict[str, Any]:
    """Fits the client of `steps`: from 08:30, 25 hours, where she lives."""
    return {
        "employer_id": employer_id,
        "title": "Hilfe im Hofladen",
        "occupation": "Verkauf",
        "kind": "job",
        "weekly_hours": "25",
        "daily_start": "08:30",
        "location_postcode": "24321",
        "positions": 1,
        "gross_monthly_pay": steps.PAY["gross_pay"],
        "subject_to_social_insurance": True,
        "published": False,
        "source_contact_id": contact_id,
    }


def _names(event: Any, employment_id: str) -> bool:
    return isinstance(event, EntitlementChangedV1 | EntitlementEndedV1) and str(event.employment_id) == employment_id


async def _searching(staff: StaffApps, client_id: str) -> bool:
    search = await staff.ok("GET", "placement", f"/searches/{client_id}", steps.PLACEMENT)
    return bool(search["status"] == "open")
