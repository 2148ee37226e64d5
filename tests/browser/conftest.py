"""A real Chromium (Debian's, driven by Playwright) against the whole platform as `make run` starts it.

The platform is started once for this package, on the real calendar (journeys do not move on while a test
reads a page), and stopped before the end-to-end tests start theirs. Every context gets axe-core injected and
the German locale and time zone of the Jobcenter's staff.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator

import httpx
import pytest
from playwright.async_api import Browser, async_playwright

from tests.browser.accessibility import inject_axe
from tests.browser.screen import Screen
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

CHROMIUM = "/usr/bin/chromium"  # Debian's `chromium`, installed by set-up: no browser download
# Debian's chromium ships only the en-US UI locale (chromium-l10n, 119 MB, has the others): date fields are drawn
# as 12/01/2026 in the screenshots although the context's locale is de-DE. What is typed into them is the same.
ARGS = ["--no-sandbox"]

OpenScreen = Callable[[str], Awaitable[Screen]]


@pytest.fixture(scope="package")
def platform(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Platform]:
    with Platform.running(tmp_path_factory.mktemp("browser-platform"), seconds_per_month=None) as running:
        yield running


def staff_app_url(platform: Platform) -> str:
    return f"http://127.0.0.1:{platform.config.staff_app_port}"


@pytest.fixture
async def staff(platform: Platform) -> AsyncIterator[StaffApps]:
    """The services' APIs as the other staff apps call them: to set up what a test finds, and to check it."""
    async with httpx.AsyncClient(timeout=30) as http:
        yield StaffApps(platform, http)


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        await browser.close()


@pytest.fixture
async def open_screen(chromium: Browser) -> AsyncIterator[OpenScreen]:
    """`await open_screen(base_url)`: a fresh browser (own cookies) showing that site; checked on leaving."""
    screens: list[Screen] = []

    async def open_one(base_url: str) -> Screen:
        context = await chromium.new_context(
            locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
        )
        await inject_axe(context)
        screens.append(await Screen.open(context, base_url))
        return screens[-1]

    yield open_one
    for screen in screens:
        await screen.page.context.close()
    unchecked = [url for screen in screens for url in screen.unchecked_pages()]
    assert not unchecked, f"pages loaded but never checked by axe-core: {unchecked}"
