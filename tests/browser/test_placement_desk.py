"""A placement officer corrects an employer and a vacancy at the Vermittlung desk."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


async def test_a_placement_officer_edits_an_employer_and_sees_a_wrong_postcode_next_to_its_field(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    await steps.add_employer(staff, "Tischlerei Behrensdorf")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Vermittlung")
    await screen.follow("Tischlerei Behrensdorf bearbeiten")
    await expect(screen.page.get_by_role("heading", level=1)).to_have_text(
        "Arbeitgeber bearbeiten: Tischlerei Behrensdorf"
    )

    await screen.fill("Name des Arbeitgebers", "Tischlerei Behrensdorf & Söhne")
    await screen.fill("Postleitzahl", "2432")
    await screen.press("Änderungen speichern")
    postcode = screen.page.get_by_label("Postleitzahl", exact=True)
    await expect(postcode).to_have_attribute("aria-invalid", "true")
    await expect(postcode).to_have_accessible_description("Bitte eine fünfstellige Postleitzahl angeben.")
    await expect(screen.page.get_by_label("Name des Arbeitgebers", exact=True)).to_have_value(
        "Tischlerei Behrensdorf & Söhne"
    )
    await screen.screenshot("vermittlung-arbeitgeber-bearbeiten-fehler")

    await screen.fill("Postleitzahl", "24321")
    await screen.press("Änderungen speichern")
    await expect(screen.page.get_by_role("status")).to_have_text("Arbeitgeber geändert.")
    employers = screen.page.get_by_role("table", name="Arbeitgeber")
    await expect(employers.get_by_role("row").filter(has_text="Tischlerei Behrensdorf & Söhne")).to_contain_text(
        "24321"
    )


async def test_a_placement_officer_moves_a_vacancys_start_and_sees_too_many_hours_next_to_their_field(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    employer = await steps.add_employer(staff, "Gärtnerei Panker")
    await steps.add_vacancy(staff, employer["employer_id"], "Gartenhilfe Frühschicht", "06:00")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Vermittlung")
    await screen.follow("Gartenhilfe Frühschicht bearbeiten")
    await expect(screen.page.get_by_label("Arbeitsbeginn (Uhrzeit)", exact=True)).to_have_value("06:00")

    await screen.fill("Arbeitsbeginn (Uhrzeit)", "07:30")
    await screen.fill("Wochenstunden", "50")
    await screen.press("Änderungen speichern")
    hours = screen.page.get_by_label("Wochenstunden", exact=True)
    await expect(hours).to_have_attribute("aria-invalid", "true")
    await expect(hours).to_have_accessible_description("Höchstens 48.")
    await expect(screen.page.get_by_label("Arbeitsbeginn (Uhrzeit)", exact=True)).to_have_value("07:30")
    await screen.screenshot("vermittlung-stelle-bearbeiten-fehler")

    await screen.fill("Wochenstunden", "30")
    await screen.press("Änderungen speichern")
    await expect(screen.page.get_by_role("status")).to_have_text("Stelle geändert.")
    vacancies = screen.page.get_by_role("table", name="Stellen")
    row = vacancies.get_by_role("row").filter(has_text="Gartenhilfe Frühschicht")
    await expect(row).to_contain_text("07:30 Uhr")
    await expect(row).to_contain_text("Gärtnerei Panker")
    await expect(row.get_by_role("cell").nth(4)).to_have_text("30")  # weekly hours, not "30.00"
    await screen.screenshot("vermittlung-nach-bearbeitung")
