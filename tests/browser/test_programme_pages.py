"""A case manager of Lütjenburg finds the office's programmes with places, participants and cohorts, then the
Gemeinsam cohort on the programme page, takes a single parent into it
with the childcare the town arranged, records that she found work and sees the participation end; the team lead
reads the Joboffensive proposal list, where nobody is enrolled without a confirmation — in a real browser."""

from __future__ import annotations

from datetime import datetime, time, timedelta

import holidays
import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


def a_weekday_at_nine_in_two_weeks() -> datetime:
    """09:00 on a working day 8–14 days ahead (no public holiday in Schleswig-Holstein), clear of other tests."""
    closed = holidays.country_holidays("DE", subdiv="SH")
    today = datetime.now(district.BERLIN).date()
    days = (today + timedelta(days=n) for n in range(8, 15))
    day = next(d for d in days if d.weekday() < 5 and d not in closed)
    return datetime.combine(day, time(9), district.BERLIN)


async def test_a_single_parent_joins_a_gemeinsam_cohort_with_childcare_and_her_outcome_ends_the_participation(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Wiebke", "Carstensen", target_groups=("single_parent",))
    manager = client["case_worker_id"]
    first = a_weekday_at_nine_in_two_weeks()
    body = {
        "program_id": "gemeinsam",
        "office_id": "lutjenburg",
        "name": f"Gemeinsam ab {first:%d.%m.%Y}",
        "first_session_at": first.isoformat(),
        "duration_minutes": 120,
        "room_id": "lutjenburg-stadtteiltreff",
        "capacity": 12,
        "staff_ids": [manager],
    }
    opened = await staff.ok("POST", "coaching", "/cohorts", Role.CASE_MANAGER, body=body, staff_id=manager)
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(manager)
    page = screen.page
    await screen.navigate("Programme")
    await expect(page.get_by_role("heading", name="Programme in Lütjenburg", level=1)).to_be_visible()
    offered = page.get_by_role("row").filter(has=page.get_by_role("link", name="Gemeinsam", exact=True))
    await expect(offered).to_contain_text("8 Monate")
    await expect(offered).to_contain_text("20 (")  # Lütjenburg's 20 places, with those still free
    await expect(offered).to_contain_text(f"{body['name']} (0 von 12)")
    joboffensive = page.get_by_role("row").filter(has=page.get_by_role("link", name="Joboffensive", exact=True))
    await expect(joboffensive).to_contain_text("1:100")
    await screen.screenshot("programme-luetjenburg")
    await screen.follow("Gemeinsam")
    await expect(page.get_by_role("heading", name="Programm Gemeinsam", level=1)).to_be_visible()
    await expect(page.get_by_role("heading", name="Kohorten in Lütjenburg", level=2)).to_be_visible()
    row = page.get_by_role("row").filter(has_text=body["name"])
    await expect(row).to_contain_text("0 von 12")
    await screen.screenshot("programm-gemeinsam")

    await screen.follow(body["name"])
    await expect(page.get_by_role("heading", level=1)).to_contain_text("Kohorte Gemeinsam")
    await expect(page.get_by_role("definition").filter(has_text="Stadtteiltreff am Markt")).to_be_visible()
    await expect(page.get_by_role("definition").filter(has_text="Lütjenburg")).to_be_visible()
    await screen.choose("Kundin/Kunde", "Carstensen, Wiebke")
    await screen.fill("Kinderbetreuung: Träger (leer: keine)", "Kita Regenbogen")
    await page.get_by_label(district_weekday(first), exact=True).check()
    await screen.fill("Betreuung von", "08:30")
    await screen.fill("Betreuung bis", "11:30")
    await screen.press("Aufnehmen")
    await expect(page.get_by_role("status")).to_have_text("In die Kohorte aufgenommen.")
    member = page.get_by_role("row").filter(has_text="Carstensen, Wiebke")
    await expect(member).to_contain_text("Kita Regenbogen")
    await expect(member).to_contain_text("08:30–11:30 Uhr")
    desk = f"Fallmanagement {manager.rsplit('-', 1)[1]}, Lütjenburg"  # coaching's roster has no staff names
    await expect(member).to_contain_text(desk)
    await expect(page.get_by_role("definition").filter(has_text="1 von 12 belegt, 11 frei")).to_be_visible()
    await screen.screenshot("kohorte-aufgenommen")

    await page.get_by_label("Ergebnis", exact=True).select_option(label="in Arbeit")
    await screen.fill("Am", f"{first:%Y-%m-%d}")
    await screen.press("Ergebnis erfassen")
    await expect(page.get_by_role("status")).to_have_text("Ergebnis erfasst.")
    await expect(member).to_contain_text(f"in Arbeit ({first:%d.%m.%Y})")
    await screen.screenshot("kohorte-ergebnis")

    await screen.follow("Carstensen, Wiebke")
    await expect(page.get_by_role("heading", level=1)).to_have_text("Programmteilnahme: Carstensen, Wiebke")
    await expect(page.get_by_role("definition").filter(has_text=desk)).to_be_visible()
    history = page.get_by_role("row").filter(has=page.get_by_role("cell", name="Gemeinsam", exact=True))
    await expect(history).to_contain_text("Arbeit aufgenommen")
    await expect(page.get_by_role("button", name="Aufnehmen")).to_be_visible()  # none current: enrol again
    await screen.screenshot("programmteilnahme-beendet")
    cohort = await staff.ok("GET", "coaching", f"/cohorts/{opened['cohort']['cohort_id']}", Role.CASE_MANAGER)
    assert [m["outcome"] for m in cohort["members"]] == ["in_work"]

    lead = await open_screen(staff_app_url(platform))
    await lead.sign_in("lutjenburg-lead-01")
    await lead.navigate("Programme")
    await expect(lead.page.get_by_role("heading", name="Programme in Lütjenburg", level=1)).to_be_visible()
    await lead.follow("Joboffensive")
    await expect(lead.page.get_by_role("heading", name="Vorschlagsliste")).to_be_visible()
    await expect(lead.page.get_by_role("button", name="Auswahl bestätigen")).to_be_visible()
    await lead.press("Auswahl bestätigen")  # nothing ticked: nobody is enrolled
    await expect(lead.page.get_by_role("alert")).to_have_text("Bitte mindestens eine Person auswählen.")
    await lead.screenshot("programm-vorschlagsliste")


def district_weekday(moment: datetime) -> str:
    return ["Mo", "Di", "Mi", "Do", "Fr", "Sa", "So"][moment.weekday()]
