"""A benefits clerk reads an entitlement line by line, each euro with its paragraph, and asks "what if …?"."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from playwright.async_api import expect

from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser
PARAGRAPH = re.compile(r"§\s*\d+")


async def test_a_benefits_clerk_sees_the_explanation_of_an_entitlement_and_what_a_job_at_1400_would_change(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Marlene", "Jeßberger", target_groups=("single_parent",))
    await steps.enter_household(staff, client, district.first_of_month(datetime.now(UTC).date()))

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-benefits-01")
    await screen.navigate("Suche")
    await screen.fill("Name", "Marlene Jessberger")
    await screen.press("Suchen")
    await screen.follow("Jeßberger, Marlene")

    explanation = screen.page.get_by_role("table", name="Berechnung Zeile für Zeile")
    await expect(explanation).to_be_visible()
    lines = explanation.get_by_role("row")
    assert await lines.count() > 3  # the header, the needs, the housing, …
    for n in range(1, await lines.count()):
        await expect(lines.nth(n).get_by_role("cell").nth(3)).to_have_text(PARAGRAPH)
    await expect(lines.nth(1).get_by_role("cell").nth(1)).to_have_text("Regelbedarf")  # the letter's German names
    await screen.screenshot("akte-leistungen")

    await screen.follow("Bedarfsgemeinschaft bearbeiten und „Was wäre, wenn …?“ rechnen")
    await screen.fill("Brutto pro Monat (€)", "1400")
    await screen.fill("Netto pro Monat (€)", "1100")
    await screen.press("Berechnen")
    result = screen.page.get_by_role("status").filter(has_text="Ergebnis für")
    await expect(result).to_contain_text(re.compile(r"Monatlich [\d.]+,\d\d € statt [\d.]+,\d\d €"))
    await expect(result.get_by_role("table")).to_contain_text("§ 11b")  # the earned-income allowance
    await screen.screenshot("was-waere-wenn")
