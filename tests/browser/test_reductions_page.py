"""A benefits clerk reads a household's reductions (Leistungsminderungen) and lifts one once the duty is fulfilled,
with the keyboard: § 31a Abs. 1 S. 2 with § 31b Abs. 2 S. 2 SGB II (lifted from the month after the fulfilment)."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from playwright.async_api import Locator, expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.browser.screen import SCREENSHOTS, Screen
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser
BERLIN = ZoneInfo("Europe/Berlin")


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


async def breach_determined_last_month(staff: StaffApps, client: dict[str, Any], today: date) -> dict[str, Any]:
    """§ 31a Abs. 1 n.F.: 30 % for three months from the month after it was made known (§ 31b Abs. 1 S. 1), i.e.
    from this month, determined through benefits' API as the hearing's decision does (the hearing workflow's
    identity names the clerk and last month's day; a clerk's own determination is dated today)."""
    determined_on = today.replace(day=1) - timedelta(days=1)
    body = {
        "client_id": client["client_id"],
        "incident": "breach_of_duty",
        "occurred_on": (determined_on - timedelta(days=10)).isoformat(),
        "determined_on": determined_on.isoformat(),
        "made_known_on": determined_on.isoformat(),
        "determined_by": "e2e-staff",
    }
    path = f"/households/{client['household_id']}/reductions"
    return await staff.ok("POST", "benefits", path, Role.JOURNEY_WORKER, body=body)  # type: ignore[no-any-return]


async def tab_to(screen: Screen, target: Locator, most: int = 5) -> None:
    """Tab from the focused field to `target` (a date field's day, month and year take a Tab each)."""
    for _ in range(most):
        await screen.page.keyboard.press("Tab")
        if await target.evaluate("element => element === document.activeElement"):
            return
    await expect(target).to_be_focused()


async def section_shot(section: Locator, name: str) -> None:
    """The section alone, to look at (the full page of the Leistungen desk is 8,000 pixels tall)."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    await section.screenshot(path=SCREENSHOTS / f"{name}-bereich.png")


async def submit_with_enter(screen: Screen) -> None:
    async with screen.page.expect_navigation(wait_until="load"):
        await screen.page.keyboard.press("Enter")
    await screen.check()


async def test_a_benefits_clerk_reads_a_running_reduction_and_lifts_it_with_the_keyboard(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    today = datetime.now(BERLIN).date()
    client = await district.register(staff, "Frauke", "Thormählen")
    await steps.enter_household(staff, client, district.first_of_month(today))
    reduction = await breach_determined_last_month(staff, client, today)
    occurred = date.fromisoformat(reduction["occurred_on"])

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-benefits-01")
    await screen.visit(f"/leistungen/{client['household_id']}")
    page = screen.page
    section = page.get_by_role("region", name="Leistungsminderungen")
    item = section.get_by_role("article", name=f"Pflichtverletzung vom {occurred:%d.%m.%Y}")
    await expect(item).to_be_visible()
    for shown in (
        "30 % des Regelbedarfs",
        f"168,90 € im ersten Monat ({today:%m/%Y})",  # 30 % of 563 € (§ 20 SGB II), from the change decision
        f"{today.replace(day=1):%d.%m.%Y}",
        "§ 31a Abs. 1",
        "läuft",
    ):
        await expect(item).to_contain_text(shown)
    await item.scroll_into_view_if_needed()
    await screen.screenshot("leistungsminderungen")
    await section_shot(page.get_by_role("region", name="Leistungsminderungen"), "leistungsminderungen")

    when = item.get_by_label("Datum der Pflichterfüllung", exact=True)
    await when.fill((occurred - timedelta(days=1)).isoformat())  # before the breach: benefits refuses
    await when.focus()
    await submit_with_enter(screen)
    item = page.get_by_role("article", name=f"Pflichtverletzung vom {occurred:%d.%m.%Y}")
    when = item.get_by_label("Datum der Pflichterfüllung", exact=True)
    await expect(when).to_have_attribute("aria-invalid", "true")
    await expect(when).to_have_accessible_description("Liegt vor dem Verstoß.")
    await item.scroll_into_view_if_needed()
    await screen.screenshot("leistungsminderung-abgelehnt")
    await section_shot(page.get_by_role("region", name="Leistungsminderungen"), "leistungsminderung-abgelehnt")

    await when.fill(today.isoformat())
    await when.focus()
    button = item.get_by_role("button", name="Minderung aufheben", exact=True)
    await tab_to(screen, button)
    await submit_with_enter(screen)
    await expect(page.get_by_role("status").filter(has_text="Die Minderung ist aufgehoben")).to_be_visible()
    item = page.get_by_role("article", name=f"Pflichtverletzung vom {occurred:%d.%m.%Y}")
    await expect(item).to_contain_text(f"aufgehoben ab {next_month(today):%d.%m.%Y}")
    await expect(item.get_by_role("button", name="Minderung aufheben")).to_have_count(0)
    await item.scroll_into_view_if_needed()
    await screen.screenshot("leistungsminderung-aufgehoben")
    await section_shot(page.get_by_role("region", name="Leistungsminderungen"), "leistungsminderung-aufgehoben")

    await screen.visit(f"/akte/{client['client_id']}")  # the client file shows the same list, without the form
    in_file = page.get_by_role("region", name="Leistungsminderungen")
    await expect(in_file).to_contain_text(f"aufgehoben ab {next_month(today):%d.%m.%Y}")
    await expect(in_file.get_by_role("button")).to_have_count(0)
    await section_shot(in_file, "akte-leistungsminderungen")
