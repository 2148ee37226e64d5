"""A team lead reads the month's § 48a indicators on the Kennzahlen page: table, trend charts, the PDF report."""

from __future__ import annotations

import asyncio
import re
import uuid

import pytest
from playwright.async_api import expect

from tests.browser.conftest import OpenScreen, staff_app_url
from tests.browser.indicators_district import populate_heikendorf
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser
REPORT_TYPESET_S = 120.0  # one office's monthly report typeset on the shared, loaded machine (up to ~35 s seen)


async def test_a_team_lead_sees_the_months_indicators_as_a_table_and_trend_charts(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    await populate_heikendorf(staff, run=uuid.uuid4().hex[:8])
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("heikendorf-lead-01")
    await screen.navigate("Kennzahlen")
    await screen.fill("Bezugsmonat", "2026-08")
    await screen.press("Anzeigen")
    page = screen.page
    await expect(page.get_by_role("heading", level=1)).to_have_text("Kennzahlen nach § 48a SGB II: August 2026")
    await expect(page.get_by_label("Geschäftsstelle", exact=True)).to_have_value("heikendorf")

    table = page.get_by_role("table", name="Kennzahlen und Ergänzungsgrößen")
    headers = ["Schlüssel", "Bezeichnung", "Zähler", "Nenner", "Wert", "Rechtsgrundlage"]
    await expect(table.get_by_role("columnheader")).to_have_text(headers)
    k2 = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="K2", exact=True))
    await expect(k2).to_contain_text("Integrationsquote")
    await expect(k2).to_contain_text("§ 5 Abs. 1 Kennzahlen-Verordnung")
    # Four integrations in the twelve months over an average of ten needy clients (indicators_district.py)
    await expect(k2.get_by_role("cell")).to_have_text(
        ["Integrationsquote", "4", "10", "40,0\u00a0%", re.compile("§ 5")]
    )

    # K1 compares sums of benefits (§ 4 Abs. 1 Kennzahlen-Verordnung): whole euros with thousands points
    k1 = table.get_by_role("row").filter(has=page.get_by_role("rowheader", name="K1", exact=True))
    await expect(k1.get_by_role("cell").nth(1)).to_have_text(re.compile("^\\d{1,3}(\\.\\d{3})*\u00a0€$"))

    # By sex, each sex's two integrations or fewer, and the one diverse client, are small groups: "*" (BA practice)
    by_sex = page.get_by_role("table", name="Nach Geschlecht")
    await expect(by_sex.get_by_role("columnheader")).to_contain_text(["Schlüssel", "weiblich", "männlich", "divers"])
    k2_by_sex = by_sex.get_by_role("row").filter(has=page.get_by_role("rowheader", name="K2", exact=True))
    await expect(k2_by_sex.get_by_role("cell")).to_contain_text(["*", "*", "*"])
    # K1 by sex from the need shares (§ 3 S. 3, § 4 Abs. 1): the five women's 5 × 563 € = 2,815 € in both Augusts;
    # the one diverse client's is "*", and so the men's, which the whole minus the women's would give away.
    k1_by_sex = by_sex.get_by_role("row").filter(has=page.get_by_role("rowheader", name="K1", exact=True))
    await expect(k1_by_sex.get_by_role("cell")).to_contain_text(["100,0\u00a0%", "*", "*"])
    await expect(by_sex).to_have_accessible_description(
        re.compile("^„\\*“: geheim gehalten — die Gruppe zählt 1 oder 2")
    )

    for name in ("K2 Integrationsquote", "K2E3", "K3"):
        chart = page.get_by_role("img", name=name)
        await expect(chart).to_have_count(1)
        await expect(chart).to_have_accessible_name(re.compile(f"^{name}.*September 2025 bis August 2026"))
    await screen.screenshot("kennzahlen-teamleitung")

    # The report is typeset ahead or at its first asking; meanwhile the link answers 202 with a page that says so.
    link = page.get_by_role("link", name="Monatsbericht August 2026 als PDF")
    url = screen.base_url + (await link.get_attribute("href") or "")
    async with asyncio.timeout(REPORT_TYPESET_S):
        while (pdf := await page.request.get(url)).status == 202:
            assert "Der Monatsbericht wird gerade erstellt" in await pdf.text() and pdf.headers["retry-after"]
            await asyncio.sleep(0.5)
    assert pdf.status == 200 and pdf.headers["content-type"] == "application/pdf"
    assert (await pdf.body()).startswith(b"%PDF")


async def test_a_case_manager_has_no_kennzahlen_in_the_navigation(platform: Platform, open_screen: OpenScreen) -> None:
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    navigation = screen.page.get_by_role("navigation", name="Hauptnavigation")
    await expect(navigation.get_by_role("link", name="Kennzahlen")).to_have_count(0)


async def test_a_month_that_is_no_month_is_named_next_to_the_picker(
    platform: Platform, open_screen: OpenScreen
) -> None:
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-lead-01")
    await screen.visit("/kennzahlen?monat=August")
    picker = screen.page.get_by_label("Bezugsmonat", exact=True)
    await expect(picker).to_have_attribute("aria-invalid", "true")
    await expect(picker).to_have_accessible_description("Bitte einen Monat im Format JJJJ-MM wählen, z. B. 2026-08.")
