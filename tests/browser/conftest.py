"""A real Chromium (Debian's, driven by Playwright) against the whole platform as `make run` starts it.

The platform is started once for this package, on the real calendar (journeys do not move on while a test
reads a page), and stopped before the end-to-end tests start theirs. Every context gets axe-core injected and
the German locale and time zone of the Jobcenter's staff.
"""

from __future__ import annotations

import os
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, async_playwright

from tests.browser.accessibility import inject_axe
from tests.browser.screen import Screen
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

CHROMIUM = "/usr/bin/chromium"  # Debian's `chromium`, installed by set-up: no browser download
# Date and time fields are drawn in the browser's interface language, not the context's locale nor the page's
# lang="de": without German, a German user's 01.12.2026 13:00 shows as 12/01/2026 01:00 PM. Debian's chromium
# has only en-US; set-up installs chromium-l10n for the others. On Linux Chromium takes the interface language
# from LANGUAGE (--lang counts on Windows and macOS only; it is given for them).
GERMAN_INTERFACE = Path("/usr/lib/chromium/locales/de.pak")
ARGS = ["--no-sandbox", "--lang=de-DE"]

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


def require_german_interface() -> None:
    if not GERMAN_INTERFACE.is_file():
        raise RuntimeError(f"{GERMAN_INTERFACE} is missing: `make setup` installs chromium-l10n (German date fields)")


@pytest.fixture(scope="session")
async def chromium() -> AsyncIterator[Browser]:
    require_german_interface()
    async with async_playwright() as playwright:
        environment: dict[str, str | float | bool] = {**os.environ, "LANGUAGE": "de_DE:de"}
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, env=environment)
        yield browser
        await browser.close()


async def german_context(chromium: Browser) -> BrowserContext:
    """What a staff member of a Jobcenter has: German locale, Berlin time, a desktop screen."""
    return await chromium.new_context(
        locale="de-DE", timezone_id="Europe/Berlin", viewport={"width": 1280, "height": 900}
    )


@pytest.fixture
async def open_screen(chromium: Browser) -> AsyncIterator[OpenScreen]:
    """`await open_screen(base_url)`: a fresh browser (own cookies) showing that site; checked on leaving."""
    screens: list[Screen] = []

    async def open_one(base_url: str) -> Screen:
        context = await german_context(chromium)
        await inject_axe(context)
        screens.append(await Screen.open(context, base_url))
        return screens[-1]

    yield open_one
    for screen in screens:
        await screen.page.context.close()
    unchecked = [url for screen in screens for url in screen.unchecked_pages()]
    assert not unchecked, f"pages loaded but never checked by axe-core: {unchecked}"
