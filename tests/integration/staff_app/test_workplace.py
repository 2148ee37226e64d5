"""Mein Arbeitsplatz against the real coaching and intake worklists (find-and-list, #9 §1)."""

from __future__ import annotations

from datetime import datetime, timedelta

from services.platform.auth.staff import Role
from staff_app.formatting import BERLIN
from tests.integration.staff_app.conftest import registered_client, signed_in


async def test_the_case_managers_day_shows_todays_appointment_the_overdue_task_and_the_caseload_by_name(platform):
    client = await registered_client(platform, given_name="Henrike", family_name="Albers")
    coaching = platform.services["coaching"].http
    manager = platform.tokens.headers(
        Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=str(client["case_worker_id"])
    )
    today_nine = datetime.now(BERLIN).replace(hour=9, minute=0, second=0, microsecond=0)
    booked = await coaching.post(
        f"/cases/{client['client_id']}/appointments",
        json={"starts_at": today_nine.isoformat(), "duration_minutes": 30, "channel": "phone"},
        headers=manager,
    )
    assert booked.status_code == 201, booked.text
    worker = platform.tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")
    overdue = (datetime.now(BERLIN) - timedelta(days=2)).isoformat()
    raised = await coaching.post(
        f"/cases/{client['client_id']}/tasks", json={"kind": "contact_overdue", "due_at": overdue}, headers=worker
    )
    assert raised.status_code == 201, raised.text
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        page = (await browser.get("/")).text
    appointments = page[page.index("Termine heute") : page.index('id="h-tasks"')]
    assert "09:00" in appointments and "Albers, Henrike" in appointments
    overdue_part = page[page.index("Überfällig") : page.index("Offen (")]
    assert "Kontakt überfällig" in overdue_part and "Albers, Henrike" in overdue_part
    caseload = page[page.index('id="caseload"') :]
    assert "Albers, Henrike" in caseload and str(client["client_number"]) in caseload and "Im Coaching" in caseload


async def test_the_caseload_filter_answers_htmx_with_the_list_alone(platform):
    client = await registered_client(platform, given_name="Bernd", family_name="Carstens")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        ready = await browser.get("/", params={"status": "ready_for_placement"}, headers={"HX-Request": "true"})
        coaching = await browser.get("/", params={"status": "in_coaching"}, headers={"HX-Request": "true"})
    assert ready.status_code == 200 and ready.text.lstrip().startswith('<div id="caseload">')
    assert "Carstens" not in ready.text and "Carstens, Bernd" in coaching.text
    assert "<html" not in coaching.text


async def test_the_caseload_filter_by_due_date_takes_the_day_as_typed(platform):
    client = await registered_client(platform, given_name="Marta", family_name="Dührsen")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        later = await browser.get("/", params={"due_before": "2100-01-01"})
        earlier = await browser.get("/", params={"due_before": "2000-01-01"})
        typo = await browser.get("/", params={"due_before": "morgen"})
    assert "Dührsen, Marta" in later.text and "Dührsen" not in earlier.text
    assert typo.status_code == 200 and 'id="filter-due-error"' in typo.text
