"""Mögliche Doppelerfassungen in the staff app against the real intake: a second registration of one person
lands on the pair, side by side, in German; staff decide."""

from __future__ import annotations

import re

from tests.integration.staff_app.conftest import csrf_token, signed_in
from tests.integration.staff_app.test_no_english import english_in

FORM = {
    "person.given_name": "Jörg",
    "person.family_name": "Weiß",
    "person.birth_date": "1972-03-08",
    "residence_postcode": "24321",
    "consent": "true",
}


async def registered(browser, **changes: str) -> str:
    page = await browser.get("/neu")
    answer = await browser.post("/neu", data={**FORM, **changes, "csrf_token": csrf_token(page)})
    assert answer.status_code == 303, answer.text
    return str(answer.headers["location"])


def just_registered(html: str) -> str:
    """The pair of the client just registered (marked "soeben erfasst")."""
    (pair,) = [part for part in html.split('<section class="pair"') if "soeben erfasst" in part]
    return pair


async def test_a_second_registration_lands_on_the_pair_side_by_side_and_staff_merge_it(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        assert (await registered(browser)).startswith("/akte/")
        landed = await registered(browser, **{"person.family_name": "Weiss", "person.birth_date": "1972-08-03"})
        assert landed.startswith("/doppelerfassungen?neu=")
        page = await browser.get(landed)
        assert page.status_code == 200, page.text
        assert "Weiß, Jörg – Weiss, Jörg" in page.text and "soeben erfasst" in page.text
        assert "Nachname gleich" in page.text  # ß = ss
        assert "Tag und Monat des Geburtsdatums vertauscht" in page.text
        assert english_in(page.text) == []
        (action,) = set(re.findall(r'action="(/doppelerfassungen/[^"]+)"', just_registered(page.text)))
        keep = re.findall(r'name="keep" value="([^"]+)"', just_registered(page.text))[0]
        data = {"csrf_token": csrf_token(page), "decision": "merge", "keep": keep, "take_from_merged": ["birth_date"]}
        decided = await browser.post(action, data=data)
        assert decided.status_code == 303 and decided.headers["location"].startswith("/doppelerfassungen?ok=merged")
        after = await browser.get(decided.headers["location"])
        assert "Zusammengeführt." in after.text and "Keine offenen Paare." in after.text
        record = after.text.split('id="decided"')[1].split("</section>")[0]  # the decision as intake recorded it
        assert "zusammengeführt" in record and "Geburtsdatum" in record and "lutjenburg-intake-01" in record
        kept = await browser.get(f"/akte/{keep}")
        assert kept.status_code == 200 and "Weiß" in kept.text


async def test_not_the_same_person_takes_the_pair_off_the_page(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        await registered(browser, **{"person.given_name": "Hülya", "person.family_name": "Öztürk"})
        landed = await registered(browser, **{"person.given_name": "Hülya", "person.family_name": "Özturk"})
        page = await browser.get(landed)
        (action,) = set(re.findall(r'action="(/doppelerfassungen/[^"]+)"', just_registered(page.text)))
        decided = await browser.post(action, data={"csrf_token": csrf_token(page), "decision": "not_same_person"})
        after = await browser.get(decided.headers["location"])
        worklist = after.text.split("</section>", 1)[1]  # after the decision as recorded, no pair is left
        assert "Vermerkt: nicht dieselbe Person." in after.text and "Özturk" not in worklist
