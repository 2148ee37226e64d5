"""A case manager of Lütjenburg does a day's work in the staff app, in a real browser, without knowing any UUID."""

from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.browser.screen import Screen
from tests.e2e.platform import Platform
from tests.e2e.staff import BERLIN, StaffApps

pytestmark = pytest.mark.browser
OPENING_HOURS = re.compile(r"außerhalb der Öffnungszeiten.*08:00–12:30")


async def signed_in_case_manager(platform: Platform, open_screen: OpenScreen, client: dict[str, str]) -> Screen:
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(client["case_worker_id"])
    return screen


async def test_a_case_manager_finds_a_client_by_a_misspelt_name_and_opens_the_file(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Jürgen", "Meißner", birth_date="1979-02-11")
    screen = await signed_in_case_manager(platform, open_screen, client)
    page = screen.page
    await expect(page.get_by_role("heading", name="Mein Arbeitsplatz", level=1)).to_be_visible()
    await expect(page.get_by_role("link", name="Meißner, Jürgen")).to_be_visible()  # in the caseload
    await screen.screenshot("mein-arbeitsplatz")

    await screen.fill("Name, Geburtsdatum oder Kundennummer", "Jürgen Meisner")
    await screen.press("Suchen")
    results = page.get_by_role("table", name="Suchergebnisse, die besten zuerst")
    await expect(results.get_by_role("row").nth(1)).to_contain_text("11.02.1979")
    await screen.screenshot("suche")

    await screen.follow("Meißner, Jürgen")
    await expect(page.get_by_role("heading", name="Akte: Meißner, Jürgen", level=1)).to_be_visible()
    await expect(page.get_by_role("definition").filter(has_text="11.02.1979")).to_be_visible()
    today = datetime.now(BERLIN).date()
    assigned = page.get_by_role("definition").filter(has_text=client["case_worker_id"])
    await expect(assigned).to_have_text(f"{client['case_worker_id']} (seit {today:%d.%m.%Y})")
    await screen.screenshot("akte")


async def test_a_contact_at_13_on_a_monday_is_refused_with_the_opening_hours_and_one_at_9_is_recorded(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Hannelore", "Brügge")
    screen = await signed_in_case_manager(platform, open_screen, client)
    await screen.visit(f"/akte/{client['client_id']}")
    when = screen.page.get_by_label("Datum und Uhrzeit des Kontakts", exact=True)

    await screen.fill("Datum und Uhrzeit des Kontakts", district.as_typed(district.last_monday_at(13)))
    await screen.press("Kontakt erfassen")
    await expect(when).to_have_attribute("aria-invalid", "true")
    await expect(when).to_have_accessible_description(OPENING_HOURS)
    await screen.screenshot("akte-kontakt-abgelehnt")
    assert (await case_of(staff, client))["contacts"] == 0

    await screen.fill("Datum und Uhrzeit des Kontakts", district.as_typed(district.last_monday_at(9)))
    await screen.press("Kontakt erfassen")
    await expect(screen.page.get_by_role("status").first).to_be_visible()
    await expect(when).not_to_have_attribute("aria-invalid", "true")
    assert (await case_of(staff, client))["contacts"] == 1


async def test_an_appointment_at_13_on_a_monday_is_refused_with_the_opening_hours_and_one_at_9_is_booked(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Ottokar", "Dörnbrack")
    screen = await signed_in_case_manager(platform, open_screen, client)
    await screen.visit(f"/akte/{client['client_id']}")
    starts = screen.page.get_by_label("Beginn des Termins", exact=True)
    monday = district.next_monday_at(13)

    await screen.fill("Beginn des Termins", district.as_typed(monday))
    await screen.press("Termin buchen")
    await expect(starts).to_have_accessible_description(OPENING_HOURS)

    await screen.fill("Beginn des Termins", district.as_typed(monday.replace(hour=9)))
    await screen.press("Termin buchen")
    booked = screen.page.get_by_role("table", name="Gebuchte Termine")
    await expect(booked).to_contain_text(f"{monday:%d.%m.%Y} 09:00")
    await screen.screenshot("akte-termin-gebucht")


async def test_the_journey_moves_from_coaching_to_placement_once_the_case_manager_declares_readiness(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Waltraud", "Kühnel")
    screen = await signed_in_case_manager(platform, open_screen, client)
    await screen.visit(f"/akte/{client['client_id']}")
    stage = screen.page.get_by_text(re.compile(r"^Aktuelle Phase:"))
    await expect(stage).to_have_text("Aktuelle Phase: Coaching")

    await screen.press("Bereit für die Vermittlung erklären")
    await screen.reload_until(stage, "Aktuelle Phase: Vermittlung")
    await screen.screenshot("akte-vermittlung")


async def case_of(staff: StaffApps, client: dict[str, str]) -> dict[str, object]:
    case: dict[str, object] = await staff.ok("GET", "coaching", f"/cases/{client['client_id']}", Role.CASE_MANAGER)
    return case
