"""The client file's § 16a referrals in German: a case manager refers to addiction counselling, sees a refusal next
to its field, moves the referral on, and the plan's obstacle follows; a placement officer sees none of it."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, last_open_thursday_afternoon

pytestmark = pytest.mark.browser
REFERRALS = "Weitervermittlungen (§ 16a SGB II)"


def days_ago(n: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=n)).isoformat()


async def test_a_case_manager_refers_to_addiction_counselling_and_moves_it_on_and_the_officer_sees_nothing_of_it(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Hauke", "Brodersen")
    plan = {
        "obstacles": [{"kind": "addiction", "status": "identified"}, {"kind": "debts", "status": "identified"}],
        "goals": ["stabil bleiben"],
        "agreed_at": last_open_thursday_afternoon(datetime.now(UTC)).isoformat(),
    }
    await staff.ok(
        "PUT", "coaching", f"/cases/{client['client_id']}/cooperation-plan", Role.CASE_MANAGER,
        body=plan, staff_id=client["case_worker_id"],
    )  # fmt: skip

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(client["case_worker_id"])
    await screen.visit(f"/akte/{client['client_id']}")
    await screen.choose("Leistung", "Betreuung von Kindern")
    await screen.fill("Anderer Träger", "Kita Sonnenschein")
    await screen.fill("Am (Datum)", days_ago(3))
    await screen.press("Weitervermitteln")
    refused = screen.page.locator("#referral-kind-error")
    await expect(refused).to_contain_text("kein Hemmnis")  # the plan records no childcare obstacle
    await screen.screenshot("akte-weitervermittlung-abgelehnt")

    await screen.choose("Leistung", "Suchtberatung")
    await screen.choose("Träger der Dienststelle", "Suchtberatung Lütjenburg")
    await screen.fill("Anderer Träger", "")
    await screen.fill("Am (Datum)", days_ago(3))
    await screen.fill("Schweigepflichtentbindung erteilt am (freiwillig)", days_ago(3))
    await screen.press("Weitervermitteln")
    await expect(screen.page.get_by_role("status")).to_contain_text("Die Weitervermittlung ist erfasst.")
    section = screen.page.get_by_role("region", name=REFERRALS)
    await expect(section.locator("tbody")).to_contain_text("Suchtberatung (§ 16a Nr. 4 SGB II)")
    await expect(section.locator("tbody")).to_contain_text("vermittelt seit")
    await expect(screen.page.get_by_role("region", name="Kooperationsplan")).to_contain_text(
        "Sucht: vermittelt an Beratung"
    )

    await screen.choose("Neuer Stand", "Erstgespräch")
    await screen.fill("Seit (Datum)", days_ago(1))
    await screen.press("Stand speichern")
    await expect(section.locator("tbody")).to_contain_text("Erstgespräch hat stattgefunden seit")
    await screen.screenshot("akte-weitervermittlungen")

    officer = await open_screen(staff_app_url(platform))
    await officer.sign_in("lutjenburg-placement-01")
    await officer.visit(f"/akte/{client['client_id']}")
    await expect(officer.page.get_by_role("region", name=REFERRALS)).to_have_count(0)
    await expect(officer.page.locator("main")).not_to_contain_text("Sucht")
