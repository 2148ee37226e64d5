"""A placement officer sees, for each vacancy a client cannot take, the reason it was left out."""

from __future__ import annotations

import re
from datetime import date

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


async def test_a_placement_officer_sees_the_0600_shift_excluded_for_a_client_who_can_start_only_at_0800(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(
        staff, "Gundula", "Pfeiffer", earliest_start="08:00", target_groups=("single_parent",)
    )
    employer = await steps.add_employer(staff, "Pflegedienst Hohwachter Bucht")
    await steps.add_vacancy(staff, employer["employer_id"], "Pflegehilfe Frühdienst", "06:00")
    await steps.add_vacancy(staff, employer["employer_id"], "Pflegehilfe Tagdienst", "08:30")
    await staff.ok(
        "POST",
        "coaching",
        f"/cases/{client['client_id']}/readiness",
        Role.CASE_MANAGER,
        body={},
        staff_id=client["case_worker_id"],
    )

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Suche")
    await screen.fill("Name", "Gundula Pfeifer")
    await screen.press("Suchen")
    await screen.follow("Pfeiffer, Gundula")

    excluded = screen.page.get_by_role("table", name=re.compile(r"^Ausgeschlossene Stellen"))
    await screen.reload_until(
        excluded.get_by_role("row").filter(has_text="Pflegehilfe Frühdienst"),
        re.compile(r"06:00 Uhr.*liegt vor dem frühesten möglichen Beginn.*08:00 Uhr"),
    )
    matches = screen.page.get_by_role("table", name=re.compile(r"^Passende Stellen"))
    await expect(matches.get_by_role("row").filter(has_text="Pflegehilfe Tagdienst")).to_contain_text("08:30 Uhr")
    await expect(matches).not_to_contain_text("Pflegehilfe Frühdienst")
    await screen.screenshot("akte-vermittlung-ausgeschlossen")


async def test_a_placement_officer_records_the_application_and_sees_an_incomplete_step_refused_next_to_its_field(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Hiltrud", "Brügmann", earliest_start="08:00")
    employer = await steps.add_employer(staff, "Tischlerei Selent")
    await steps.add_vacancy(staff, employer["employer_id"], "Helfer/in Tischlerei", "08:30")
    await staff.ok(
        "POST",
        "coaching",
        f"/cases/{client['client_id']}/readiness",
        Role.CASE_MANAGER,
        body={},
        staff_id=client["case_worker_id"],
    )
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Suche")
    await screen.fill("Name", "Hiltrud Brügmann")
    await screen.press("Suchen")
    await screen.follow("Brügmann, Hiltrud")
    matches = screen.page.get_by_role("table", name=re.compile(r"^Passende Stellen"))
    await screen.reload_until(matches.get_by_role("row").filter(has_text="Helfer/in Tischlerei"), re.compile("08:30"))
    await screen.press("Helfer/in Tischlerei vorschlagen")

    today = date.today().isoformat()
    await screen.choose("Schritt", "Bewerbung versandt")
    await screen.fill("Datum", today)
    await screen.fill("Notiz (nur für die Vermittlung sichtbar)", "Bewerbung per Post")
    await screen.press("Schritt erfassen")
    await expect(screen.page.get_by_text("Der Schritt des Vorschlags ist erfasst.")).to_be_visible()
    done = screen.page.get_by_role("table", name="Bisherige Schritte")
    await expect(done).to_contain_text("Bewerbung versandt")
    await expect(done).to_contain_text("Bewerbung per Post")
    await expect(screen.page.get_by_text("Status: beworben")).to_be_visible()

    await screen.choose("Schritt", "Vorschlag abschließen")
    await screen.fill("Datum", today)
    await screen.choose("Abgeschlossen als (nur beim Abschluss)", "zurückgezogen")
    await screen.press("Schritt erfassen")
    reason = screen.page.get_by_label("Grund (nur beim Abschluss)", exact=True)
    await expect(reason).to_have_attribute("aria-invalid", "true")
    await expect(screen.page.locator("#step-reason-error")).to_have_text("Bitte den Grund des Abschlusses wählen.")
    await screen.screenshot("akte-vermittlung-schritte")
