"""A placement officer works an employer's page (Arbeitgeber) through its forms: contact persons, a contact, an
unpublished vacancy from that contact, a company visit and the guest's attendance, an internship refused beyond
six weeks (§ 45 Abs. 2 Satz 2 SGB III) and then begun and ended with an outcome — the office and programme by
their German names, each refusal next to its field in German, axe on every page."""

from __future__ import annotations

import re
from datetime import date, timedelta

import pytest
from playwright.async_api import expect

from tests.browser.conftest import OpenScreen, staff_app_url
from tests.browser.screen import Screen
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually

pytestmark = pytest.mark.browser
PLACEMENT = steps.PLACEMENT


async def known_to_placement(staff: StaffApps, client_id: str) -> None:
    """Placement hears of the registration by Kafka (409 until then)."""

    async def known() -> bool:
        response = await staff.call("GET", "placement", "/internships", PLACEMENT, params={"client_id": client_id})
        return response.status_code == 200

    await eventually(known, timeout=60)


async def test_a_placement_officer_records_contacts_a_hidden_vacancy_a_visit_and_an_internship_on_the_page(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await steps.register_single_parent(staff, "Hanna")
    employer = await steps.add_employer(staff, "Bäckerei Giekau")
    await staff.ok(
        "PUT",
        "placement",
        f"/employers/{employer['employer_id']}/partnerships/gemeinsam",
        PLACEMENT,
        body={"since": "2026-09-01"},
    )
    await known_to_placement(staff, client["client_id"])
    today = date.today()

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Vermittlung")
    await screen.follow("Bäckerei Giekau: Übersicht")
    page = screen.page
    await expect(page.get_by_role("heading", level=1)).to_have_text("Arbeitgeber: Bäckerei Giekau")
    await expect(page.get_by_text("Dienststelle Lütjenburg")).to_be_visible()
    await expect(page.get_by_role("table", name="Partnerbetrieb")).to_contain_text("Gemeinsam")

    await contact_person_and_contact(screen, today)
    await hidden_vacancy(screen)
    await company_visit(screen, today, client["client_number"])
    await internship(screen, today, client["client_number"])
    await screen.screenshot("arbeitgeber-formulare")
    assert screen.unchecked_pages() == []


async def contact_person_and_contact(screen: Screen, today: date) -> None:
    await screen.fill("Name der Ansprechperson", "Jens Hansen")
    await screen.fill("Funktion", "Inhaber")
    await screen.press("Ansprechperson anlegen")
    phone = screen.page.get_by_label("Telefon", exact=True)
    await expect(phone).to_have_attribute("aria-invalid", "true")
    await expect(phone).to_have_accessible_description("Bitte Telefon oder E-Mail angeben.")
    await screen.fill("Telefon", "04381 4711")
    await screen.press("Ansprechperson anlegen")
    await expect(screen.page.get_by_role("status")).to_have_text("Ansprechperson angelegt.")

    await screen.fill("Datum des Kontakts", str(today))
    await screen.choose("Art des Kontakts", "Besuch")
    await screen.choose("Ansprechperson", "Jens Hansen")
    await screen.fill("Wiedervorlage am", str(today + timedelta(days=7)))
    note = "Sucht ab Februar eine Verkaufshilfe, nicht ausgeschrieben."
    await screen.page.get_by_label("Notiz", exact=True).fill(note)
    await screen.press("Kontakt erfassen")
    await expect(screen.page.get_by_role("status")).to_have_text("Kontakt erfasst.")
    row = screen.page.get_by_role("table", name="Kontakte").get_by_role("row").nth(1)
    await expect(row).to_contain_text("Jens Hansen")
    await expect(row).to_contain_text("Besuch")


async def hidden_vacancy(screen: Screen) -> None:
    await screen.choose("Aus dem Kontakt", "Verkaufshilfe")
    await screen.fill("Bezeichnung", "Verkaufshilfe")
    await screen.fill("Beruf", "Verkauf")
    await screen.fill("Wochenstunden", "20")
    await screen.fill("Arbeitsbeginn (Uhrzeit)", "09:00")
    await screen.fill("Brutto pro Monat (€)", "viel")
    await screen.press("Stelle erfassen")
    pay = screen.page.get_by_label("Brutto pro Monat (€)", exact=True)
    await expect(pay).to_have_accessible_description("Bitte einen Betrag in Euro angeben, z. B. 1.400,00.")
    await expect(screen.page.get_by_label("Bezeichnung", exact=True)).to_have_value("Verkaufshilfe")
    await screen.fill("Brutto pro Monat (€)", "1.250,00")
    await screen.press("Stelle erfassen")
    await expect(screen.page.get_by_role("status")).to_have_text("Nicht veröffentlichte Stelle erfasst.")
    vacancies = screen.page.get_by_role("table", name="Stellen")
    await expect(vacancies.get_by_role("row").filter(has_text="Verkaufshilfe")).to_contain_text("nicht veröffentlicht")


async def company_visit(screen: Screen, today: date, client_number: str) -> None:
    await screen.fill("Datum des Besuchs", str(today))
    await screen.choose("Programm des Besuchs", "Gemeinsam")
    await screen.fill("Teilnehmende (Kundennummern)", "L-999999")
    await screen.press("Betriebsbesuch planen")
    guests = screen.page.get_by_label("Teilnehmende (Kundennummern)", exact=True)
    await expect(guests).to_have_attribute("aria-invalid", "true")
    await expect(guests).to_have_accessible_description(re.compile("L-999999"))
    await screen.fill("Teilnehmende (Kundennummern)", client_number)
    await screen.press("Betriebsbesuch planen")
    await expect(screen.page.get_by_role("status")).to_have_text("Betriebsbesuch geplant.")
    visits = screen.page.get_by_role("table", name="Betriebsbesuche")
    await expect(visits).to_contain_text("Kraska, Hanna: eingeladen")
    await expect(visits).to_contain_text("Gemeinsam")
    await screen.choose("Teilnahme von Kraska, Hanna", "teilgenommen")
    await screen.press("Teilnahme von Kraska, Hanna speichern")
    await expect(screen.page.get_by_role("status")).to_have_text("Teilnahme gespeichert.")
    await expect(visits).to_contain_text("Kraska, Hanna: teilgenommen")


async def internship(screen: Screen, today: date, client_number: str) -> None:
    start = today - timedelta(days=10)
    await screen.fill("Kundennummer", client_number)
    await screen.choose("Art", "Probearbeit")
    await expect(screen.page.get_by_label("Programm", exact=True)).to_have_value("gemeinsam")  # the partnership's
    await screen.fill("Erster Tag", str(start))
    await screen.fill("Letzter Tag", str(start + timedelta(weeks=6)))
    await screen.press("Praktikum beginnen")
    last_day = screen.page.get_by_label("Letzter Tag", exact=True)
    await expect(last_day).to_have_attribute("aria-invalid", "true")
    too_long = re.compile(r"^Länger als 6 Wochen bei einem Arbeitgeber \(§ 45")
    await expect(last_day).to_have_accessible_description(too_long)
    await screen.screenshot("arbeitgeber-praktikum-zu-lang")
    await screen.fill("Letzter Tag", str(start + timedelta(days=41)))
    await screen.press("Praktikum beginnen")
    await expect(screen.page.get_by_role("status")).to_have_text("Praktikum begonnen.")
    internships = screen.page.get_by_role("table", name="Praktika und Probearbeit")
    await expect(internships).to_contain_text("läuft")
    await screen.choose("Ergebnis für Kraska, Hanna", "eingestellt")
    await screen.press("Praktikum von Kraska, Hanna beenden")
    await expect(screen.page.get_by_role("status")).to_have_text("Ergebnis des Praktikums gespeichert.")
    await expect(internships).to_contain_text(f"eingestellt am {today:%d.%m.%Y}")
