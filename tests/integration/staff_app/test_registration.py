"""Registering a client at the Eingangszone through the staff app, against the real intake."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import csrf_token, signed_in

FORM = {
    "person.given_name": "Svenja",
    "person.family_name": "Möller",
    "person.birth_date": "1994-08-21",
    "residence_postcode": "24321",
    "availability.earliest_daily_start": "08:00",
    "consent": "true",
}


async def test_an_intake_clerk_registers_a_client_and_lands_in_the_file(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        home = await browser.get("/")
        assert home.status_code == 303 and home.headers["location"] == "/neu"
        page = await browser.get("/neu")
        data = {**FORM, "csrf_token": csrf_token(page), "target_groups": ["single_parent"]}
        answer = await browser.post("/neu", data=data)
        assert answer.status_code == 303, answer.text
        file = await browser.get(answer.headers["location"])
    assert "Akte: Möller, Svenja" in file.text and "Die Kundin/der Kunde ist registriert." in file.text
    assert "Alleinerziehend" in file.text
    assert "Diesen Teil dürfen Sie mit Ihrer Rolle nicht sehen." in file.text  # coaching shows intake no case


async def test_a_registration_with_a_postcode_outside_the_district_is_refused_next_to_the_postcode(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        page = await browser.get("/neu")
        answer = await browser.post("/neu", data={**FORM, "residence_postcode": "1234", "csrf_token": csrf_token(page)})
    assert answer.status_code == 422
    assert 'id="register-postcode-error"' in answer.text and 'value="Möller"' in answer.text


async def test_the_registration_asks_for_the_sex_for_the_statistics_and_intake_keeps_it(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        page = await browser.get("/neu")
        assert '<label for="register-sex">Geschlecht</label>' in page.text
        for label in ("weiblich", "männlich", "divers", "keine Angabe"):
            assert f">{label}</option>" in page.text
        assert 'aria-describedby="register-sex-hint"' in page.text and "§ 51b SGB II" in page.text
        assert '<option value="not_stated" selected>' in page.text
        # another birthday: the Svenja Möller of the first test would make this a possible duplicate (its own page)
        form = {**FORM, "person.birth_date": "1994-11-30", "sex": "female", "csrf_token": csrf_token(page)}
        answer = await browser.post("/neu", data=form)
        assert answer.status_code == 303, answer.text
    client_id = answer.headers["location"].split("/akte/")[1].split("?")[0]
    intake = platform.services["intake"].http
    stored = await intake.get(f"/clients/{client_id}", headers=platform.tokens.headers(Role.INTAKE_CLERK))
    assert stored.status_code == 200 and stored.json()["sex"] == "female"


async def test_a_sex_intake_does_not_know_is_refused_next_to_its_field(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        page = await browser.get("/neu")
        answer = await browser.post("/neu", data={**FORM, "sex": "w", "csrf_token": csrf_token(page)})
    assert answer.status_code == 422
    assert 'id="register-sex-error"' in answer.text and 'aria-invalid="true"' in answer.text


async def test_a_registration_entered_later_names_its_day_and_a_day_ahead_is_refused_next_to_it(platform):
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    day = today - timedelta(days=40)
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        page = await browser.get("/neu")
        assert '<label for="register-day">Registriert am</label>' in page.text
        ahead = {**FORM, "person.birth_date": "1994-03-02", "registered_on": (today + timedelta(days=1)).isoformat()}
        refused = await browser.post("/neu", data={**ahead, "csrf_token": csrf_token(page)})
        assert refused.status_code == 422
        assert 'id="register-day-error"' in refused.text and "Liegt in der Zukunft" in refused.text
        dated = {**ahead, "registered_on": day.isoformat(), "csrf_token": csrf_token(refused)}
        answer = await browser.post("/neu", data=dated)
        assert answer.status_code == 303, answer.text
        file = await browser.get(answer.headers["location"])
    assert f"<dt>Registriert am</dt><dd>{day:%d.%m.%Y}</dd>" in file.text
