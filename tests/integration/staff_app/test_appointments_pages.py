"""Termine in the staff app against the real coaching and intake: a case manager books team consultations,
sees coaching's refusals in German on the form, records attendance, moves and cancels, and subscribes to the
calendar."""

from __future__ import annotations

import re
from contextlib import aclosing as closing
from datetime import date, datetime, timedelta

import holidays
import httpx

from staff_app.formatting import BERLIN, WEEKDAYS
from tests.integration.staff_app.conftest import Platform, csrf_token, registered_client, signed_in


def open_day() -> date:
    """The next working day after today in the coming week, not a public holiday in Schleswig-Holstein."""
    closed = holidays.country_holidays("DE", subdiv="SH")
    today = datetime.now(BERLIN).date()
    return next(d for d in (today + timedelta(days=n) for n in range(1, 7)) if d.weekday() < 5 and d not in closed)


def at(hour: int, minute: int = 0) -> str:
    return f"{open_day().isoformat()}T{hour:02d}:{minute:02d}"


def colleague_on(page: httpx.Response) -> str:
    found = re.findall(r'name="staff_ids" value="([^"]+)"', page.text)
    assert found, "the booking form offers no colleague"
    return found[0]


async def book(browser: httpx.AsyncClient, **fields: object) -> httpx.Response:
    page = await browser.get("/termine")
    form = {"csrf_token": csrf_token(page), "duration_minutes": "30", "channel": "in_person", **fields}
    return await browser.post("/termine", data=form)


async def manager(platform: Platform, family_name: str) -> tuple[dict[str, object], httpx.AsyncClient]:
    """A client of Lütjenburg, and a browser signed in as their case manager (the test closes it)."""
    client = await registered_client(platform, given_name="Kim", family_name=family_name)
    browser = platform.browser()
    await signed_in(browser, str(client["case_worker_id"]))
    return client, browser


async def test_a_team_consultation_booked_on_the_termine_page_is_listed_with_both_coaches_and_the_room(platform):
    client, browser = await manager(platform, "Albrecht")
    async with closing(browser):
        colleague = colleague_on(await browser.get("/termine"))
        booked = await book(
            browser,
            kind="team",
            starts_at=at(8),
            room_id="lutjenburg-raum-1",
            participants=str(client["client_id"]),
            staff_ids=colleague,
            notice_given="true",
        )
        assert booked.status_code == 303, booked.text
        page = (await browser.get(booked.headers["location"])).text
    assert "Termin gebucht." in page
    row = next(r for r in page.split("<tr>") if "Albrecht, Kim" in r)
    assert "Teamberatung" in row and "Beratungsraum 1" in row and colleague in row and "gebucht" in row
    assert f"{open_day():%d.%m.%Y} 08:00" in row


async def test_a_double_booking_of_a_colleague_shows_the_clash_by_name_on_the_form(platform):
    client, browser = await manager(platform, "Behrens")
    other = await registered_client(platform, given_name="Kim", family_name="Claussen")
    async with closing(browser):
        colleague = colleague_on(await browser.get("/termine"))
        first = await book(
            browser, kind="team", starts_at=at(9), participants=str(client["client_id"]), staff_ids=colleague
        )
        assert first.status_code == 303, first.text
        clash = await book(
            browser, kind="team", starts_at=at(9, 15), participants=str(other["client_id"]), staff_ids=colleague
        )
    assert clash.status_code == 409
    alert = clash.text[clash.text.index('role="alert"') :]
    assert (
        f"Bereits belegt am {WEEKDAYS[open_day().weekday()]} {open_day():%d.%m.%Y} 09:15 Uhr:" in alert
    )  # the time asked for
    assert f"Mitarbeiter/in {colleague}" in alert and "already" not in alert
    assert 'value="team" selected' in clash.text  # the form keeps what was typed


async def test_a_room_booked_already_is_named_in_the_clash_message(platform):
    client, browser = await manager(platform, "Dethlefsen")
    other, other_browser = await manager(platform, "Ehlers")
    async with closing(browser), closing(other_browser):
        first = await book(
            browser,
            kind="individual",
            starts_at=at(10),
            room_id="lutjenburg-raum-1",
            participants=str(client["client_id"]),
        )
        assert first.status_code == 303, first.text
        clash = await book(
            other_browser,
            kind="individual",
            starts_at=at(10),
            room_id="lutjenburg-raum-1",
            participants=str(other["client_id"]),
        )
    assert clash.status_code == 409
    assert "Raum Beratungsraum 1" in clash.text[clash.text.index('role="alert"') :]


async def test_a_team_consultation_without_a_colleague_is_refused_next_to_the_colleagues(platform):
    client, browser = await manager(platform, "Fehrs")
    async with closing(browser):
        refused = await book(browser, kind="team", starts_at=at(11), participants=str(client["client_id"]))
    assert refused.status_code == 422
    assert 'id="book-staff-error">Eine Teamberatung braucht mindestens zwei Mitarbeitende.' in refused.text


async def test_a_time_outside_the_opening_hours_is_refused_in_german_next_to_the_time(platform):
    client, browser = await manager(platform, "Gosch")
    async with closing(browser):
        refused = await book(browser, kind="individual", starts_at=at(19), participants=str(client["client_id"]))
    assert refused.status_code == 422
    assert re.search(r'id="book-starts-error">[^<]*außerhalb der Öffnungszeiten', refused.text), refused.text


async def booked_one(browser: httpx.AsyncClient, client: dict[str, object], name: str, hour: int, minute: int) -> str:
    booked = await book(
        browser,
        kind="individual",
        starts_at=at(hour, minute),
        participants=str(client["client_id"]),
        notice_given="true",
    )
    assert booked.status_code == 303, booked.text
    page = (await browser.get("/termine")).text
    row = next(r for r in page.split("<tr>") if name in r)
    found = re.search(r'href="/termine/([0-9a-f-]{36})"', row)
    assert found
    return found.group(1)


async def test_a_missed_appointment_is_recorded_once_and_a_second_record_is_refused_in_german(platform):
    client, browser = await manager(platform, "Hansen")
    async with closing(browser):
        appointment_id = await booked_one(browser, client, "Hansen", 11, 30)
        page = await browser.get(f"/termine/{appointment_id}")
        assert "Rechtsfolgenbelehrung" in page.text and "erteilt am" in page.text
        form = {"csrf_token": csrf_token(page), "client_id": str(client["client_id"]), "attendance": "missed"}
        recorded = await browser.post(f"/termine/{appointment_id}/anwesenheit", data=form)
        assert recorded.status_code == 303, recorded.text
        shown = (await browser.get(recorded.headers["location"])).text
        again = await browser.post(f"/termine/{appointment_id}/anwesenheit", data=form)
    assert "Anwesenheit erfasst." in shown and "nicht erschienen" in shown
    assert 'aria-label="Anwesenheit von Hansen, Kim erfassen"' not in shown  # recorded once: no form any more
    assert "Termin verlegen" not in shown and "Termin absagen" not in shown  # it took place
    assert again.status_code == 409 and "Die Anwesenheit ist bereits erfasst." in again.text


async def test_an_excused_absence_without_a_reason_is_refused_next_to_the_reason(platform):
    client, browser = await manager(platform, "Iversen")
    async with closing(browser):
        appointment_id = await booked_one(browser, client, "Iversen", 12, 0)
        page = await browser.get(f"/termine/{appointment_id}")
        form = {"csrf_token": csrf_token(page), "client_id": str(client["client_id"]), "attendance": "excused"}
        refused = await browser.post(f"/termine/{appointment_id}/anwesenheit", data=form)
    assert refused.status_code == 422
    assert '-reason-error">Bitte den wichtigen Grund angeben.' in refused.text


async def test_a_moved_appointment_shows_its_new_time_and_a_cancelled_one_leaves_the_list(platform):
    client, browser = await manager(platform, "Jessen")
    async with closing(browser):
        appointment_id = await booked_one(browser, client, "Jessen", 8, 30)
        page = await browser.get(f"/termine/{appointment_id}")
        move = {
            "csrf_token": csrf_token(page),
            "starts_at": at(12),
            "duration_minutes": "20",
            "reason": "client_request",
        }
        moved = await browser.post(f"/termine/{appointment_id}/verlegung", data=move)
        assert moved.status_code == 303, moved.text
        shown = (await browser.get(moved.headers["location"])).text
        cancel = {"csrf_token": csrf_token(page), "reason": "client_request"}
        cancelled = await browser.post(f"/termine/{appointment_id}/absage", data=cancel)
        assert cancelled.status_code == 303, cancelled.text
        after = (await browser.get(cancelled.headers["location"])).text
        listed = (await browser.get("/termine")).text.split('id="h-book"')[0]
    assert "Termin verlegt." in shown and f"{open_day():%d.%m.%Y} 12:00" in shown and "20 Min." in shown
    assert "abgesagt (auf Wunsch der Kundin/des Kunden)" in after, after
    assert "Jessen" not in listed


async def test_the_calendar_address_is_shown_once_and_serves_the_case_managers_feed(platform):
    client, browser = await manager(platform, "Kähler")
    async with closing(browser):
        await booked_one(browser, client, "Kähler", 9, 30)
        page = await browser.get("/termine")
        issued = await browser.post("/termine/kalender", data={"csrf_token": csrf_token(page)})
        later = (await browser.get("/termine")).text
    found = re.search(r'id="feed-url" type="text" readonly value="[^"]*(/staff/[^"]+)"', issued.text)
    assert issued.status_code == 200 and found, issued.text
    assert "/calendar.ics?token=" not in later  # shown once
    feed = await platform.services["coaching"].http.get(found.group(1).replace("&amp;", "&"))
    assert feed.status_code == 200 and "BEGIN:VEVENT" in feed.text


async def test_a_benefits_clerk_has_no_termine_page_and_a_form_without_its_token_is_refused(platform):
    _, browser = await manager(platform, "Lück")
    async with closing(browser):
        forged = await browser.post("/termine", data={"kind": "individual", "starts_at": at(9)})
    async with platform.browser() as clerk:
        await signed_in(clerk, "lutjenburg-benefits-01")
        refused = await clerk.get("/termine")
    assert forged.status_code == 403 and refused.status_code == 403
    assert "Fallmanagerinnen" in refused.text
