"""Sign-in, sign-out and forms: a new session id at sign-in, no form accepted without its CSRF token."""

from __future__ import annotations

import pytest
from playwright.async_api import BrowserContext, Cookie, expect

from services.platform.auth.staff import Role
from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser
COOKIE = "lotse_staff_session"


async def session_cookie(context: BrowserContext) -> Cookie:
    return next(c for c in await context.cookies() if c.get("name") == COOKIE)


async def test_signing_in_gives_a_new_session_id_and_the_one_from_before_opens_nothing(
    platform: Platform, open_screen: OpenScreen
) -> None:
    screen = await open_screen(staff_app_url(platform))
    await screen.visit("/anmelden")
    await screen.screenshot("anmelden")
    context = screen.page.context
    cookie = await session_cookie(context)
    assert cookie.get("httpOnly") and cookie.get("sameSite") == "Lax"
    before = cookie.get("value")

    await screen.choose("Mitarbeiterin oder Mitarbeiter", "(lutjenburg-cm-01)")
    await screen.press("Anmelden")
    assert (await session_cookie(context)).get("value") != before

    other = await open_screen(staff_app_url(platform))
    await other.page.context.add_cookies([{"name": COOKIE, "value": str(before), "url": staff_app_url(platform)}])
    await other.visit("/")
    await expect(other.page.get_by_role("heading", name="Anmelden", level=1)).to_be_visible()

    await screen.press("Abmelden")
    await expect(screen.page.get_by_role("heading", name="Anmelden", level=1)).to_be_visible()
    await screen.visit("/")
    await expect(screen.page.get_by_role("heading", name="Anmelden", level=1)).to_be_visible()


async def test_a_form_sent_without_its_csrf_token_is_refused_and_changes_nothing(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Ilse", "Quandtmeyer")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in(client["case_worker_id"])
    await screen.visit(f"/akte/{client['client_id']}")
    await screen.fill("Datum und Uhrzeit des Kontakts", district.as_typed(district.last_monday_at(9)))
    # What a forged form from another site would send: the fields, but not the session's token.
    await screen.page.evaluate(
        """() => {
            document.querySelectorAll('input[name=csrf_token]').forEach(input => input.remove());
            document.body.removeAttribute('hx-headers');
        }"""
    )
    async with screen.page.expect_navigation() as navigation:
        await screen.page.get_by_role("button", name="Kontakt erfassen", exact=True).click()
    await screen.check()
    response = await navigation.value
    assert response is not None and response.status == 403
    await expect(screen.page.get_by_role("heading", name="Kein Zugriff", level=1)).to_be_visible()
    case = await staff.ok("GET", "coaching", f"/cases/{client['client_id']}", Role.CASE_MANAGER)
    assert case["contacts"] == 0
