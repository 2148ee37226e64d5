"""A migrated client's obstacles on the case manager's plan page (issue #13): shown as "aus der Migration
übernommen" and preselected until the first plan is agreed; the placement officer sees none of them."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually, last_open_thursday_afternoon

pytestmark = pytest.mark.browser
MIGRATED = "Aus der Migration übernommen"


async def migrated_client(staff: StaffApps) -> dict[str, Any]:
    record = {
        "legacy_id": f"GT-B{datetime.now(UTC):%H%M%S%f}",
        "person": {"given_name": "Hedwig", "family_name": "Carstensen", "birth_date": "1981-02-17"},
        "residence_postcode": district.LUTJENBURG_POSTCODE,
        "consent": True,
        "target_groups": ["long_term_unemployed"],
        "obstacles": ["addiction", "mobility"],
    }
    body = {"source": "altsystem.jsonl", "records": [record]}
    imported = await staff.ok("POST", "intake", "/imports", Role.OPERATOR, body=body)
    client: dict[str, Any] = imported["records"][0]
    client["case_worker_id"] = await steps.assigned_case_worker(staff, client["client_id"])

    async def carried() -> list[str] | None:
        case = await staff.ok("GET", "coaching", f"/cases/{client['client_id']}", Role.CASE_MANAGER)
        return case.get("migrated_obstacles")  # type: ignore[no-any-return]

    assert await eventually(carried) == ["addiction", "mobility"]
    return client


async def test_the_case_manager_takes_the_migrated_obstacles_into_the_first_plan(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await migrated_client(staff)
    officer = await open_screen(staff_app_url(platform))
    await officer.sign_in("lutjenburg-placement-01")
    await officer.visit(f"/akte/{client['client_id']}")
    await expect(officer.page.locator("main")).not_to_contain_text(MIGRATED)

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(client["case_worker_id"])
    await screen.visit(f"/akte/{client['client_id']}")
    section = screen.page.get_by_role("region", name="Kooperationsplan")
    await expect(section.get_by_role("heading", name=MIGRATED)).to_be_visible()
    await expect(section.get_by_role("list", name=MIGRATED)).to_have_text("SuchtMobilität")
    await expect(screen.page.get_by_label("Sucht", exact=True)).to_have_value("identified")
    await expect(screen.page.get_by_label("Mobilität", exact=True)).to_have_value("identified")
    await expect(screen.page.get_by_label("Gesundheit", exact=True)).to_have_value("")
    await screen.screenshot("akte-kooperationsplan-migration")

    agreed = last_open_thursday_afternoon(datetime.now(UTC))
    await screen.fill("Vereinbart am (Datum und Uhrzeit)", district.as_typed(agreed.astimezone(district.BERLIN)))
    await screen.press("Kooperationsplan vereinbaren")
    section = screen.page.get_by_role("region", name="Kooperationsplan")
    await expect(section).to_contain_text("Vereinbart am")
    await expect(section).not_to_contain_text(MIGRATED)
    await expect(section).to_contain_text("Sucht: festgestellt")
    await expect(section).to_contain_text("Mobilität: festgestellt")
    history = screen.page.get_by_role("table", name="Stationen des Verlaufs")
    carried = "Akte des Altsystems übertragen: Hemmnisse bis zum ersten Kooperationsplan übernommen"
    await expect(history).to_contain_text(carried)
    await screen.screenshot("akte-kooperationsplan-migration-vereinbart")
