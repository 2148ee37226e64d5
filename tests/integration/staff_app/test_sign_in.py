"""Signing in and out of the staff app against the real coaching roster: sessions, CSRF, fixation, 403."""

from __future__ import annotations

from staff_app.sessions import COOKIE
from tests.integration.staff_app.conftest import csrf_token, signed_in


async def test_the_roster_offers_lutjenburgs_case_managers_and_each_offices_desks(platform):
    async with platform.browser() as browser:
        page = await browser.get("/anmelden")
    assert page.status_code == 200
    assert 'value="lutjenburg-cm-01"' in page.text
    assert 'value="lutjenburg-placement-01"' in page.text and 'value="plon-benefits-01"' in page.text
    assert "set-cookie" in page.headers and "httponly" in page.headers["set-cookie"].lower()
    assert "samesite=lax" in page.headers["set-cookie"].lower()


async def test_signing_in_gives_a_new_session_id_so_a_planted_one_is_worthless(platform):
    async with platform.browser() as browser:
        page = await browser.get("/anmelden")
        planted = browser.cookies[COOKIE]
        answer = await browser.post("/anmelden", data={"staff_id": "lutjenburg-cm-01", "csrf_token": csrf_token(page)})
        assert answer.status_code == 303 and answer.headers["location"] == "/"
        assert browser.cookies[COOKIE] != planted
        home = await browser.get("/")
        assert home.status_code == 200 and "Mein Arbeitsplatz" in home.text
    async with platform.browser() as attacker:
        attacker.cookies.set(COOKIE, planted)
        assert (await attacker.get("/")).status_code == 303  # to the sign-in


async def test_a_sign_in_without_the_csrf_token_is_refused(platform):
    async with platform.browser() as browser:
        await browser.get("/anmelden")
        answer = await browser.post("/anmelden", data={"staff_id": "lutjenburg-cm-01"})
        assert answer.status_code == 403
        assert "Formular" in answer.text
        assert (await browser.get("/")).status_code == 303


async def test_an_unknown_staff_member_is_not_signed_in(platform):
    async with platform.browser() as browser:
        page = await browser.get("/anmelden")
        answer = await browser.post("/anmelden", data={"staff_id": "mallory", "csrf_token": csrf_token(page)})
        assert answer.status_code == 422
        assert (await browser.get("/")).status_code == 303


async def test_signing_out_ends_the_session_and_needs_the_csrf_token(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-cm-01")
        home = await browser.get("/")
        assert (await browser.post("/abmelden", data={})).status_code == 403
        old = browser.cookies[COOKIE]
        answer = await browser.post("/abmelden", data={"csrf_token": csrf_token(home)})
        assert answer.status_code == 303 and answer.headers["location"] == "/anmelden"
    async with platform.browser() as again:
        again.cookies.set(COOKIE, old)
        assert (await again.get("/")).status_code == 303


async def test_a_page_without_a_session_sends_the_browser_to_the_sign_in(platform):
    async with platform.browser() as browser:
        answer = await browser.get("/suche")
    assert answer.status_code == 303 and answer.headers["location"].startswith("/anmelden")
