"""A placement officer works an employer's page (Arbeitgeber): contact persons, contacts with a follow-up,
partner status, an unpublished vacancy from a contact, a company visit and an internship (axe on every page)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from playwright.async_api import expect

from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually

pytestmark = pytest.mark.browser
PLACEMENT = steps.PLACEMENT


async def created_once_known(staff: StaffApps, path: str, body: dict[str, Any]) -> Any:
    """POST until placement knows the client (its registration comes by Kafka: 409 until then)."""
    key = f"browser-{path.strip('/')}-{body['client_ids'][0] if 'client_ids' in body else body['client_id']}"

    async def answered() -> Any:
        response = await staff.call("POST", "placement", path, PLACEMENT, body=body, key=key)
        if response.status_code == 409:
            return None
        assert response.is_success, response.text
        return response.json()

    return await eventually(answered, timeout=60)


async def test_a_placement_officer_sees_an_employers_contacts_hidden_vacancy_visit_and_internship(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await steps.register_single_parent(staff, "Hanna")
    employer = await steps.add_employer(staff, "Bäckerei Giekau")
    employer_id = employer["employer_id"]
    await staff.ok(
        "PUT", "placement", f"/employers/{employer_id}/partnerships/gemeinsam", PLACEMENT, body={"since": "2026-09-01"}
    )
    today = date.today()
    await created_once_known(
        staff,
        "/company-visits",
        {
            "employer_id": employer_id,
            "program_id": "gemeinsam",
            "visit_on": str(today),
            "client_ids": [client["client_id"]],
        },
    )
    trial = {"client_id": client["client_id"], "employer_id": employer_id, "program_id": "gemeinsam"}
    await created_once_known(
        staff, "/internships", trial | {"starts_on": str(today), "ends_on": str(today + timedelta(days=20))}
    )

    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("lutjenburg-placement-01")
    await screen.navigate("Vermittlung")
    await screen.follow("Bäckerei Giekau: Übersicht")
    await expect(screen.page.get_by_role("heading", level=1)).to_have_text("Arbeitgeber: Bäckerei Giekau")

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
    await screen.page.get_by_label("Notiz", exact=True).fill(
        "Sucht ab Februar eine Verkaufshilfe, noch nicht ausgeschrieben."
    )
    await screen.press("Kontakt erfassen")
    await expect(screen.page.get_by_role("status")).to_have_text("Kontakt erfasst.")
    contacts = screen.page.get_by_role("table", name="Kontakte")
    await expect(contacts.get_by_role("row").nth(1)).to_contain_text("Jens Hansen")
    await expect(contacts.get_by_role("row").nth(1)).to_contain_text("Besuch")

    source = (await staff.ok("GET", "placement", f"/employers/{employer_id}/contacts", PLACEMENT))[0]
    hidden = await steps.add_vacancy(staff, employer_id, "Verkaufshilfe (aus Kontakt)", "08:00")
    body = {k: hidden[k] for k in ("employer_id", "title", "occupation", "kind", "weekly_hours", "daily_start")}
    body |= {
        k: hidden[k] for k in ("location_postcode", "positions", "gross_monthly_pay", "subject_to_social_insurance")
    }
    body |= {"published": False, "source_contact_id": source["contact_id"]}
    await staff.ok("PUT", "placement", f"/vacancies/{hidden['vacancy_id']}", PLACEMENT, body=body)
    await screen.page.reload()
    await screen.check()
    vacancies = screen.page.get_by_role("table", name="Stellen")
    await expect(vacancies.get_by_role("row").filter(has_text="Verkaufshilfe")).to_contain_text("nicht veröffentlicht")
    await expect(screen.page.get_by_role("table", name="Partnerbetrieb")).to_contain_text("gemeinsam")
    await expect(screen.page.get_by_role("table", name="Betriebsbesuche")).to_contain_text("Kraska, Hanna: eingeladen")
    await expect(screen.page.get_by_role("table", name="Praktika und Probearbeit")).to_contain_text("läuft")
    await screen.screenshot("arbeitgeber-uebersicht")
    assert screen.unchecked_pages() == []
