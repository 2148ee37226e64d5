"""The benefits clerk's page for an entry benefits keeps but cannot decide yet (no figures for the month)."""

from __future__ import annotations

from uuid import UUID

from tests.integration.staff_app.conftest import csrf_token, household_page, registered_client, signed_in


async def test_an_entry_for_a_month_without_figures_is_saved_and_shown_as_not_decided_yet(platform):
    client = await registered_client(platform, given_name="Jana", family_name="Petersen")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        path = f"/leistungen/{household_id}"
        page = await household_page(browser, household_id)
        form = {
            "csrf_token": csrf_token(page),
            "month": "2027-01-01",  # the shipped rule tables end with 2026
            "adult_birth_date": "1988-06-20",
            "rent": "480,00",
            "heating": "80,00",
            "appropriate_rent": "500,00",
        }
        entered = await browser.post(f"{path}/eingaben", data=form)
        assert entered.status_code == 303, entered.text
        assert entered.headers["location"].endswith("?ok=vorgemerkt")
        shown = (await browser.get(entered.headers["location"])).text
    assert "Die Eingaben sind gespeichert, aber noch nicht entschieden." in shown
    assert "Noch nicht entschieden: für 01/2027 fehlen die Regelsätze (§ 20 SGB II)" in shown
    assert "Kein laufender Anspruch." in shown and "Zuletzt erfasst ab 01.01.2027" in shown
