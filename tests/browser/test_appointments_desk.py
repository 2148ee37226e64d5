"""A case manager of Lütjenburg books a team consultation with a colleague on the Termine page, sees the clash
of a double booking in German on the form, and records that the client did not come — in a real browser."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import holidays
import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from staff_app.formatting import WEEKDAYS
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


def next_open_day_at(hour: int) -> datetime:
    """`hour`:00 on the next working day of the coming week that is no public holiday in Schleswig-Holstein."""
    closed = holidays.country_holidays("DE", subdiv="SH")
    today = datetime.now(district.BERLIN).date()
    day = next(d for d in (today + timedelta(days=n) for n in range(1, 7)) if d.weekday() < 5 and d not in closed)
    return datetime.combine(day, time(hour), district.BERLIN)


async def test_a_team_consultation_is_booked_a_double_booking_is_refused_naming_the_clash_and_a_miss_recorded(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Gesine", "Thormählen")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(client["case_worker_id"])
    page = screen.page
    await screen.navigate("Termine")
    await expect(page.get_by_role("heading", name="Termine", level=1)).to_be_visible()
    colleague = (await page.locator('input[name="staff_ids"]').first.get_attribute("value")) or ""
    when = next_open_day_at(11)

    async def book_team() -> None:
        await screen.choose("Art", "Teamberatung")
        await screen.fill("Datum und Uhrzeit", district.as_typed(when))
        await screen.choose("Raum", "Beratungsraum 1")
        await page.get_by_label("Thormählen, Gesine", exact=True).check()
        await page.get_by_label(colleague, exact=True).check()
        await page.get_by_label("Rechtsfolgenbelehrung schriftlich erteilt", exact=True).check()
        await screen.press("Termin buchen")

    await book_team()
    await expect(page.get_by_role("status")).to_have_text("Termin gebucht.")
    row = page.get_by_role("row").filter(has_text="Thormählen, Gesine")
    await expect(row).to_contain_text(f"{when:%d.%m.%Y} 11:00")
    await expect(row).to_contain_text("Teamberatung")
    await expect(row).to_contain_text(colleague)
    await expect(row).to_contain_text("Beratungsraum 1")
    await screen.screenshot("termine-teamberatung-gebucht")

    await book_team()
    alert = page.get_by_role("alert")
    await expect(alert).to_contain_text(f"Bereits belegt am {WEEKDAYS[when.weekday()]} {when:%d.%m.%Y} 11:00 Uhr")
    await expect(alert).to_contain_text(f"Mitarbeiter/in {colleague}")
    await expect(alert).to_contain_text("Raum Beratungsraum 1")
    await screen.screenshot("termine-doppelbuchung")

    await screen.follow(f"{WEEKDAYS[when.weekday()]} {when:%d.%m.%Y} 11:00")
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Teamberatung")
    await screen.choose("Anwesenheit", "nicht erschienen")
    await screen.press("Anwesenheit erfassen")
    await expect(page.get_by_role("status")).to_have_text("Anwesenheit erfasst.")
    attendance = page.get_by_role("row").filter(has_text="Thormählen, Gesine")
    await expect(attendance).to_contain_text("nicht erschienen")
    await expect(page.get_by_role("definition").filter(has_text="Beratungsraum 1")).to_be_visible()
    await expect(page.get_by_role("button", name="Termin verlegen")).to_have_count(0)  # it took place
    await screen.screenshot("termin-nicht-erschienen")
    appointment_id = page.url.split("/termine/")[1].split("?")[0]
    appointment = await staff.ok("GET", "coaching", f"/appointments/{appointment_id}", Role.CASE_MANAGER)
    assert appointment["participants"][0]["attendance"] == "missed"
