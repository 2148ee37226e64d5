"""A staff member at the browser: visits pages, fills fields by their label, presses buttons by their name.

Every document the browser loads is checked by axe-core before the test goes on (`AccessibilityViolations`
on a serious or critical WCAG 2.1 A/AA violation); `unchecked_pages` names a page that was loaded but never
checked, so a test cannot navigate past the check by accident.
"""

from __future__ import annotations

import re
import time
from collections import Counter
from pathlib import Path

from playwright.async_api import BrowserContext, Locator, Page, Response, expect

from tests.browser.accessibility import assert_accessible

REPO_ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO_ROOT / ".local" / "test-output" / "screenshots"


class Screen:
    def __init__(self, page: Page, base_url: str) -> None:
        self.page, self.base_url = page, base_url.rstrip("/")
        self._loaded: Counter[str] = Counter()
        self._checked: Counter[str] = Counter()
        page.on("load", lambda loaded: self._loaded.update([loaded.url]))

    @classmethod
    async def open(cls, context: BrowserContext, base_url: str) -> Screen:
        return cls(await context.new_page(), base_url)

    async def visit(self, path: str) -> Response | None:
        response = await self.page.goto(self.base_url + path)
        await self.check()
        return response

    async def follow(self, link: str) -> None:
        await self._navigating(self.page.get_by_role("link", name=link, exact=True))

    async def navigate(self, link: str) -> None:
        """Follow a link of the main navigation (the same words may also appear on the page)."""
        navigation = self.page.get_by_role("navigation", name="Hauptnavigation")
        await self._navigating(navigation.get_by_role("link", name=link, exact=True))

    async def press(self, button: str) -> None:
        """Press a button that submits a form and wait for the page it leads to."""
        await self._navigating(self.page.get_by_role("button", name=button, exact=True))

    async def fill(self, label: str, value: str) -> None:
        await self.page.get_by_label(label, exact=True).fill(value)

    async def choose(self, label: str, option: str) -> None:
        """Choose the option of a select box whose text contains `option`."""
        box = self.page.get_by_label(label, exact=True)
        text = await box.locator("option").filter(has_text=option).first.text_content()
        await box.select_option(label=(text or "").strip())

    async def sign_in(self, staff_id: str) -> None:
        """The roster of `make run`: choose the staff member, press "Anmelden"."""
        await self.visit("/anmelden")
        await self.choose("Mitarbeiterin oder Mitarbeiter", f"({staff_id})")
        await self.press("Anmelden")

    async def check(self) -> None:
        """axe-core on the page as it is now (after a partial update too)."""
        await self.page.wait_for_load_state("load")
        try:
            await assert_accessible(self.page)
        finally:
            self._checked.update([self.page.url])

    async def reload_until(self, target: Locator, text: str | re.Pattern[str], timeout: float = 60) -> None:
        """Reload the page until `target` shows `text`: a fact that comes by Kafka and the journey's workflow."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                await expect(target).to_have_text(text, timeout=1000)
                return
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
            await self.page.reload()
            await self.check()

    async def screenshot(self, name: str) -> Path:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        path = SCREENSHOTS / f"{name}.png"
        await self.page.screenshot(path=path, full_page=True)
        return path

    def unchecked_pages(self) -> list[str]:
        return sorted((self._loaded - self._checked).elements())

    async def _navigating(self, target: Locator) -> None:
        async with self.page.expect_navigation(wait_until="load"):
            await target.click()
        await self.check()
