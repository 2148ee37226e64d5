"""The browser of the tests is a German one: date and time fields are drawn as a German user's are."""

from __future__ import annotations

import pytest
from playwright.async_api import Browser

from tests.browser.conftest import german_context

pytestmark = pytest.mark.browser

FIELDS = '<html lang="de"><body><label>Beginn <input type="time" value="13:00"></label></body></html>'


async def test_a_time_field_has_hours_and_minutes_in_german_and_no_am_pm(chromium: Browser) -> None:
    context = await german_context(chromium)
    try:
        page = await context.new_page()
        await page.set_content(FIELDS)
        session = await context.new_cdp_session(page)
        tree = await session.send("Accessibility.getFullAXTree")
    finally:
        await context.close()
    # the parts of the field as a screen reader announces them, named in the browser's interface language
    parts = [n["name"]["value"] for n in tree["nodes"] if n.get("role", {}).get("value") == "spinbutton"]
    assert parts == ["Stunden Stunden", "Minuten Minuten"]
