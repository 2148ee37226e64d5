"""A client's life in a real browser, checked by axe-core (#13): the intake clerk reports a move, the team lead
closes Lütjenburg for a day with Plön standing in, the data-protection officer compiles an Auskunft and
downloads it."""

from __future__ import annotations

import json
from datetime import datetime

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from staff_app.formatting import BERLIN
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps
from tests.integration.staff_app.test_appointments_pages import open_day

pytestmark = pytest.mark.browser


def registration(given: str, family: str) -> dict[str, object]:
    person = {"given_name": given, "family_name": family, "birth_date": "1979-06-14"}
    return {"person": person, "residence_postcode": "24321", "consent": True}


async def test_a_move_a_closure_and_an_auskunft_in_the_browser(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    moving = await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=registration("Silke", "Hamann"))
    asking = await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=registration("Ole", "Rathje"))

    clerk = await open_screen(staff_app_url(platform))
    await clerk.sign_in("lutjenburg-intake-01")
    await clerk.visit(f"/akte/{moving['client_id']}")
    await clerk.follow("Umzug melden")
    await clerk.fill("Neue Postleitzahl", "24321")
    await clerk.fill("Umzugstag", datetime.now(BERLIN).date().isoformat())
    await clerk.press("Umzug erfassen")
    await expect(clerk.page.locator("#move-postcode-error")).to_have_text("Das ist die bisherige Postleitzahl.")
    await clerk.screenshot("umzug-abgelehnt")
    await clerk.fill("Neue Postleitzahl", "24306")
    await clerk.press("Umzug erfassen")
    await expect(clerk.page.locator("#move-office")).to_have_text("Plön")
    await clerk.screenshot("umzug-erfasst")

    lead = await open_screen(staff_app_url(platform))
    await lead.sign_in("preetz-lead-01")  # Preetz: no other browser test has clients there
    await lead.navigate("Schließzeiten")
    day = open_day().isoformat()
    await lead.fill("Erster Schließtag", day)
    await lead.fill("Letzter Schließtag", day)
    await lead.fill("Grund", "Schulung des Personals")
    await lead.choose("Vertretung", "Plön")
    for weekday in ("Montag", "Dienstag", "Mittwoch", "Freitag"):
        await lead.fill(weekday, "08:00–12:30")
    await lead.fill("Donnerstag", "08:00–12:30, 14:00–18:00")
    await lead.press("Schließzeit eintragen")
    await expect(lead.page.get_by_role("status")).to_contain_text("Die Schließzeit ist eingetragen")
    await expect(lead.page.locator("main")).to_contain_text("Do 08:00–12:30, Do 14:00–18:00")
    await lead.screenshot("schliesszeiten")

    officer = await open_screen(staff_app_url(platform))
    await officer.sign_in("lutjenburg-privacy-01")
    await officer.navigate("Auskunft (Art. 15)")
    await officer.fill("Kennung der Person", str(asking["client_id"]))
    await officer.press("Auskunft erstellen")
    services = officer.page.get_by_role("table", name="Was jeder Dienst speichert")
    await expect(services.get_by_role("row", name="Registrierung (intake)")).to_contain_text("Daten gespeichert")
    await officer.screenshot("auskunft")
    async with officer.page.expect_download() as download:
        await officer.page.get_by_role("link", name="Herunterladen als JSON (maschinenlesbar)").click()
    saved = await (await download.value).path()
    report = json.loads(saved.read_text(encoding="utf-8"))
    assert report["services"]["intake"]["tables"]["clients"][0]["family_name"] == "Rathje"
