"""The staff app shows health and addiction data only to the roles the service shows them to (GDPR Art. 9)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, last_open_thursday_afternoon

pytestmark = pytest.mark.browser
GOAL = "Termin bei der Suchtberatung in Plön wahrnehmen"


async def test_the_case_manager_sees_the_addiction_obstacle_and_the_goals_and_the_placement_officer_neither(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Reinhold", "Twesten")
    plan = {
        "obstacles": [{"kind": "addiction", "status": "referred"}, {"kind": "mobility", "status": "in_progress"}],
        "goals": [GOAL],
        "agreed_at": last_open_thursday_afternoon(datetime.now(UTC)).isoformat(),
    }
    await staff.ok(
        "PUT", "coaching", f"/cases/{client['client_id']}/cooperation-plan", Role.CASE_MANAGER,
        body=plan, staff_id=client["case_worker_id"],
    )  # fmt: skip

    case_manager = await open_screen(staff_app_url(platform))
    await case_manager.sign_in(client["case_worker_id"])
    await case_manager.visit(f"/akte/{client['client_id']}")
    section = case_manager.page.get_by_role("region", name="Kooperationsplan")
    await expect(section).to_contain_text(GOAL)
    await expect(section).to_contain_text("Sucht")
    await expect(section).to_contain_text("Mobilität")

    officer = await open_screen(staff_app_url(platform))
    await officer.sign_in("lutjenburg-placement-01")
    await officer.visit(f"/akte/{client['client_id']}")
    section = officer.page.get_by_role("region", name="Kooperationsplan")
    await expect(section).to_contain_text("Mobilität")
    await expect(officer.page.locator("main")).not_to_contain_text(GOAL)
    await expect(officer.page.locator("main")).not_to_contain_text("Sucht")
    await officer.screenshot("akte-kooperationsplan-vermittlung")
