"""The Vermittlung desk's employer edit page against the real placement service."""

from __future__ import annotations

from typing import Any

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import csrf_token, signed_in


async def employer_in_lutjenburg(platform: Any) -> str:
    placement = platform.services["placement"].http
    headers = platform.tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    made = await placement.post(
        "/employers", headers=headers, json={"name": "Bäckerei Ohlsen", "office_id": "lutjenburg", "postcode": "24321"}
    )
    assert made.status_code == 201, made.text
    employer_id: str = made.json()["employer_id"]
    return employer_id


async def test_a_placement_officer_edits_an_employer_and_sees_a_refused_edit_next_to_its_field(platform):
    employer_id = await employer_in_lutjenburg(platform)
    path = f"/vermittlung/arbeitgeber/{employer_id}"
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        assert f'href="{path}"' in (await browser.get("/vermittlung")).text
        page = await browser.get(path)
        assert page.status_code == 200 and 'value="Bäckerei Ohlsen"' in page.text
        assert '<label for="edit-employer-postcode">Postleitzahl</label>' in page.text
        assert '<option value="lutjenburg" selected>' in page.text
        form = {
            "name": "Bäckerei Ohlsen & Tochter",
            "office_id": "lutjenburg",
            "postcode": "2432",
            "partner_company": "true",
        }
        without_token = await browser.post(path, data={**form, "csrf_token": ""})
        assert without_token.status_code == 403
        refused = await browser.post(path, data={**form, "csrf_token": csrf_token(page)})
        assert refused.status_code == 422
        assert 'id="edit-employer-postcode-error"' in refused.text
        assert 'value="Bäckerei Ohlsen &amp; Tochter"' in refused.text
        saved = await browser.post(path, data={**form, "postcode": "24321", "csrf_token": csrf_token(refused)})
        assert saved.status_code == 303, saved.text
        desk = (await browser.get(saved.headers["location"])).text
    assert "Arbeitgeber geändert." in desk
    row = desk[desk.index("Bäckerei Ohlsen &amp; Tochter") :].split("</tr>")[0]
    assert "<td>24321</td><td>ja</td>" in row
    stored = await platform.services["placement"].http.get(
        f"/employers/{employer_id}", headers=platform.tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    )
    assert stored.json()["name"] == "Bäckerei Ohlsen & Tochter" and stored.json()["partner_company"] is True


async def test_a_placement_officer_of_another_office_gets_the_403_page_for_saving_an_employer(platform):
    employer_id = await employer_in_lutjenburg(platform)
    path = f"/vermittlung/arbeitgeber/{employer_id}"
    async with platform.browser() as browser:
        await signed_in(browser, "plon-placement-01")
        page = await browser.get(path)
        form = {"name": "Fremd", "office_id": "plon", "postcode": "24306", "csrf_token": csrf_token(page)}
        refused = await browser.post(path, data=form)
    assert refused.status_code == 403
    assert "Lütjenburg" not in refused.text
