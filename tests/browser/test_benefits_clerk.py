"""A benefits clerk reads an entitlement line by line, each euro with its paragraph, and asks "what if …?"."""

from __future__ import annotations

import io
import re
from datetime import UTC, datetime

import pytest
from playwright.async_api import expect
from pypdf import PdfReader

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


async def test_a_benefits_clerk_enters_savings_a_working_partner_and_a_pension_and_opens_the_decision_letter(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    """Done means of #11: the clerk's form takes every means a real household has; the letter's amount is the
    decision's."""
    client = await district.register(staff, "Hannelore", "Brodersen", birth_date="1968-05-10")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-benefits-01")
    await screen.visit(f"/leistungen/{client['household_id']}")
    page = screen.page
    await screen.reload_until(page.get_by_text(re.compile("^Mitglieder")), re.compile("Mitglieder"))

    await expect(page.get_by_text("Noch keine Anschrift")).to_be_visible()
    await screen.fill("Name wie auf dem Umschlag", "Hannelore Brodersen")
    await screen.fill("Straße und Hausnummer", "Markt 3")
    await screen.fill("Postleitzahl", "24321")
    await screen.fill("Ort", "Lütjenburg")
    await screen.press("Anschrift speichern")
    await expect(
        page.get_by_role("status").filter(has_text="Die Anschrift für die Bescheide ist gespeichert.")
    ).to_be_visible()

    await screen.fill("Geburtsdatum Antragsteller/in", "1968-05-10")
    await screen.fill("Geburtsdatum Partner/in (falls vorhanden)", "1970-02-01")
    await screen.fill("Miete einschl. Nebenkosten (€)", "520,00")
    await screen.fill("Heizkosten (€)", "95,00")
    await screen.fill("Angemessene Miete des Kreises (€)", "570,00")
    wage, pension = page.get_by_role("group", name="Einnahme 1"), page.get_by_role("group", name="Einnahme 2")
    await wage.get_by_label("Person", exact=True).select_option("partner")
    await wage.get_by_label("Art der Einnahme", exact=True).select_option("employment")
    await wage.get_by_label("Betrag im Monat (€; Lohn brutto, selbständig Gewinn)").fill("1.200,00")
    await wage.get_by_label("Netto (€; nur Lohn und Gewinn)").fill("950,00")
    await wage.get_by_label("Bezeichnung (z. B. Arbeitgeber, Rentenversicherung)").fill("Bäckerei Lütjenburg")
    await pension.get_by_label("Art der Einnahme", exact=True).select_option("pension")
    await pension.get_by_label("Betrag im Monat (€; Lohn brutto, selbständig Gewinn)").fill("450,00")
    savings = page.get_by_role("group", name="Vermögen 1")
    await savings.get_by_label("Art", exact=True).select_option("cash")
    await savings.get_by_label("Verkehrswert (€)").fill("8.000,00")
    await savings.get_by_label("Bezeichnung").fill("Sparbuch")
    await screen.screenshot("leistungen-eingaben")
    await screen.press("Eingaben speichern und berechnen")

    await expect(page.get_by_role("status").filter(has_text="Die Eingaben sind gespeichert.")).to_be_visible()
    explanation = page.get_by_role("table", name="Berechnung Zeile für Zeile")
    for shown in ("Bäckerei Lütjenburg", "Rente", "§ 11b Abs. 3 SGB II", "Sparbuch", "§ 12"):
        await expect(explanation).to_contain_text(shown)
    # The form shows what is stored, row by row in the order of the members: the applicant's pension, the wage.
    stored_pension, stored_wage = (
        page.get_by_role("group", name="Einnahme 1"),
        page.get_by_role("group", name="Einnahme 2"),
    )
    await expect(stored_pension.get_by_label("Art der Einnahme", exact=True)).to_have_value("pension")
    await expect(stored_wage.get_by_label("Person", exact=True)).to_have_value("partner")
    await expect(page.get_by_role("group", name="Vermögen 1").get_by_label("Verkehrswert (€)")).to_have_value("8000.00")
    await screen.screenshot("leistungen-berechnet")

    letter = page.get_by_role("link", name="Schreiben zum Bescheid 1 (PDF)")
    answer = await page.context.request.get(screen.base_url + (await letter.get_attribute("href") or ""))
    assert answer.status == 200 and answer.headers["content-type"] == "application/pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(await answer.body())).pages)
    row = page.get_by_role("table", name="Bescheide").get_by_role("row").nth(1)
    amount = (await row.get_by_role("cell").nth(4).text_content() or "").strip()
    assert amount.replace("\u00a0", " ").split(" ")[0] in text.replace("\u00a0", " ")
    assert "Widerspruch" in text and "Hannelore Brodersen" in text and "24321 Lütjenburg" in text
