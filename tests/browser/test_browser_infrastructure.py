"""The browser, axe-core and the screenshots work against a real page of the running platform."""

from __future__ import annotations

import pytest

from tests.browser.accessibility import AccessibilityViolations
from tests.browser.conftest import OpenScreen
from tests.e2e.platform import Platform

pytestmark = pytest.mark.browser


def codec_server(platform: Platform) -> str:
    return f"http://127.0.0.1:{platform.config.codec_port}"


async def test_axe_core_refuses_the_codec_sign_in_page_for_its_missing_document_language(
    platform: Platform, open_screen: OpenScreen
) -> None:
    screen = await open_screen(codec_server(platform))
    with pytest.raises(AccessibilityViolations) as refused:
        await screen.visit("/login")
    assert "html-has-lang" in refused.value.rule_ids
    await screen.page.get_by_label("Operator token (make token ROLE=operator)").fill("not a token")
    assert (await screen.screenshot("codec-server-login")).stat().st_size > 0


async def test_a_page_loaded_but_never_checked_by_axe_core_is_named(
    platform: Platform, open_screen: OpenScreen
) -> None:
    screen = await open_screen(codec_server(platform))
    await screen.page.goto(codec_server(platform) + "/login")  # not through the screen: no check
    assert screen.unchecked_pages() == [codec_server(platform) + "/login"]
    with pytest.raises(AccessibilityViolations):
        await screen.check()
    assert screen.unchecked_pages() == []
