"""Mögliche Doppelerfassungen in a real browser, checked by axe-core: the pair side by side, and a decision."""

from __future__ import annotations

import pytest
from playwright.async_api import expect

from services.platform.auth.staff import Role
from tests.browser.conftest import OpenScreen, staff_app_url
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps

pytestmark = pytest.mark.browser


def registration(given: str, family: str, born: str) -> dict[str, object]:
    person = {"given_name": given, "family_name": family, "birth_date": born}
    return {"person": person, "residence_postcode": "24321", "consent": True}


async def test_the_intake_clerk_sees_the_pair_side_by_side_and_marks_it_not_the_same_person(
    platform: Platform, open_screen: OpenScreen, staff: StaffApps
) -> None:
    await staff.ok(
        "POST", "intake", "/clients", Role.INTAKE_CLERK, body=registration("Gesa", "Brodersen", "1983-04-09")
    )
    second = registration("Gesa", "Brodersén", "1983-09-04")
    await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=second)

    clerk = await open_screen(staff_app_url(platform))
    await clerk.sign_in("lutjenburg-intake-01")
    await clerk.navigate("Doppelerfassungen")
    pair = clerk.page.get_by_role("region", name="Brodersen, Gesa – Brodersén, Gesa")
    await expect(pair).to_contain_text("Tag und Monat des Geburtsdatums vertauscht")
    await expect(pair.get_by_role("table")).to_contain_text("04.09.1983")
    await clerk.screenshot("doppelerfassungen")
    await pair.get_by_role("button", name="Nicht dieselbe Person", exact=True).click()
    await clerk.page.wait_for_url("**/doppelerfassungen?ok=not_same_person*")
    await clerk.check()
    await expect(clerk.page.get_by_role("status")).to_contain_text("nicht dieselbe Person")
    # The pair is no longer open; the decision shows as intake recorded it.
    await expect(clerk.page.get_by_role("region", name="Brodersen, Gesa – Brodersén, Gesa")).to_have_count(0)
    decided = clerk.page.get_by_role("region", name="Entscheidung, wie sie protokolliert ist")
    await expect(decided).to_contain_text("nicht dieselbe Person")
