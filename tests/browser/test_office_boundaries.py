"""A case manager of Plön sees nothing of Lütjenburg's clients: no search hit, a 403 page for the file."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from tests.browser import district
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


async def test_a_case_manager_of_plon_finds_no_client_of_lutjenburg_and_gets_a_403_page_for_the_file(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    client = await district.register(staff, "Friedhelm", "Schwartenbeck")
    screen = await open_screen(staff_app_url(platform))
    await screen.sign_in("plon-cm-01")

    await screen.navigate("Suche")
    await screen.fill("Name", "Friedhelm Schwartenbeck")
    await screen.press("Suchen")
    await expect(screen.page.get_by_text("Keine Treffer in Ihren Dienststellen.")).to_be_visible()

    response = await screen.visit(f"/akte/{client['client_id']}")
    assert response is not None and response.status == 403
    await expect(screen.page.get_by_role("heading", name="Kein Zugriff", level=1)).to_be_visible()
    await expect(screen.page).not_to_have_title("Schwartenbeck")
    await expect(screen.page.locator("main")).not_to_contain_text("Schwartenbeck")
    await expect(screen.page.locator("main")).not_to_contain_text("tjenburg")  # not even where the client is
    await screen.screenshot("kein-zugriff")
