"""The placement officer's and the benefits clerk's pages against the real services."""

from __future__ import annotations

import re
from uuid import UUID

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import (
    csrf_token,
    household_page,
    ready_for_placement,
    registered_client,
    signed_in,
)
from tests.support.kafka_reading import eventually


async def added(browser, path: str, form: dict[str, str]) -> str:
    page = await browser.get("/vermittlung")
    answer = await browser.post(path, data={**form, "csrf_token": csrf_token(page)})
    assert answer.status_code == 303, answer.text
    return (await browser.get(answer.headers["location"])).text


async def test_a_placement_officer_sees_the_06_00_shift_excluded_for_a_client_who_can_start_only_at_08_00(platform):
    client = await registered_client(
        platform, given_name="Sabine", family_name="Lorenz", earliest_start="08:00", target_groups=("single_parent",)
    )
    await ready_for_placement(platform, client)
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        desk = await added(
            browser,
            "/vermittlung/arbeitgeber",
            {"name": "Bäckerei Ostsee", "office_id": "lutjenburg", "postcode": "24321"},
        )
        employer_id = re.search(r'<option value="([0-9a-f-]{36})"[^>]*>Bäckerei Ostsee</option>', desk).group(1)
        vacancy = {
            "employer_id": employer_id,
            "occupation": "Verkauf",
            "kind": "job",
            "weekly_hours": "30",
            "location_postcode": "24321",
            "positions": "2",
            "gross_monthly_pay": "1.900,00",
            "subject_to_social_insurance": "true",
        }
        await added(
            browser, "/vermittlung/stellen", {**vacancy, "title": "Frühschicht Verkauf", "daily_start": "06:00"}
        )
        desk = await added(
            browser, "/vermittlung/stellen", {**vacancy, "title": "Verkauf ab acht", "daily_start": "08:00"}
        )
        assert "Frühschicht Verkauf" in desk and "1.900,00 €" in desk
        path = f"/akte/{client['client_id']}"

        async def matched() -> bool:  # placement hears of the registration over Kafka
            return "Passende Stellen" in (await browser.get(path)).text

        await eventually(matched)
        page = (await browser.get(path)).text
        excluded = page[page.index("Ausgeschlossene Stellen") :]
        row = excluded[excluded.index("Frühschicht Verkauf") :].split("</tr>")[0]
        assert "Arbeitsbeginn 06:00 Uhr liegt vor dem frühesten möglichen Beginn" in row and "08:00 Uhr" in row
        matches = page[page.index("Passende Stellen") : page.index("Ausgeschlossene Stellen")]
        assert "Verkauf ab acht" in matches and "Frühschicht Verkauf" not in matches

        form = page[page.index('aria-label="Verkauf ab acht vorschlagen"') - 700 :]
        vacancy_id = re.search(r'name="vacancy_id" value="([^"]+)"', form).group(1)
        proposed = await browser.post(
            f"{path}/vorschlaege", data={"csrf_token": csrf_token(await browser.get(path)), "vacancy_id": vacancy_id}
        )
        assert proposed.status_code == 303, proposed.text
        shown = await browser.get(proposed.headers["location"])
        assert (
            "Der Stellenvorschlag ist gemacht." in shown.text and "Status: <strong>vorgeschlagen</strong>" in shown.text
        )


async def test_a_proposal_of_an_excluded_vacancy_is_refused_with_the_reason(platform):
    client = await registered_client(platform, given_name="Ines", family_name="Wolter", earliest_start="08:00")
    await ready_for_placement(platform, client)
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        desk = await added(
            browser, "/vermittlung/arbeitgeber", {"name": "Hof Panker", "office_id": "lutjenburg", "postcode": "24321"}
        )
        employer_id = re.search(r'<option value="([0-9a-f-]{36})"[^>]*>Hof Panker</option>', desk).group(1)
        await added(
            browser,
            "/vermittlung/stellen",
            {
                "employer_id": employer_id,
                "title": "Melken früh",
                "occupation": "Landwirtschaft",
                "kind": "job",
                "weekly_hours": "20",
                "daily_start": "05:30",
                "location_postcode": "24321",
                "positions": "1",
                "gross_monthly_pay": "1200",
                "subject_to_social_insurance": "true",
            },
        )
        vacancies = await platform.services["placement"].http.get(
            "/vacancies", headers=platform.tokens.headers(Role.PLACEMENT_OFFICER)
        )
        vacancy_id = next(v["vacancy_id"] for v in vacancies.json() if v["title"] == "Melken früh")
        path = f"/akte/{client['client_id']}"

        async def known() -> bool:
            return "Passende Stellen" in (await browser.get(path)).text

        await eventually(known)
        page = await browser.get(path)
        refused = await browser.post(
            f"{path}/vorschlaege", data={"csrf_token": csrf_token(page), "vacancy_id": vacancy_id}
        )
        assert refused.status_code == 422
        assert "Arbeitsbeginn 05:30 Uhr liegt vor dem frühesten möglichen Beginn" in refused.text


async def test_a_vacancy_form_with_bad_input_shows_each_reason_next_to_its_field(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        page = await browser.get("/vermittlung")
        answer = await browser.post(
            "/vermittlung/arbeitgeber",
            data={"csrf_token": csrf_token(page), "name": "Werft", "office_id": "lutjenburg", "postcode": "abc"},
        )
    assert answer.status_code == 422
    assert 'id="employer-postcode-error"' in answer.text
    assert 'value="Werft"' in answer.text


async def test_a_benefits_clerk_enters_a_household_and_sees_the_explanation_and_a_what_if(platform):
    client = await registered_client(
        platform, given_name="Katrin", family_name="Jensen", target_groups=("single_parent",)
    )
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        path = f"/leistungen/{household_id}"
        page = await household_page(browser, household_id)
        form = {
            "csrf_token": csrf_token(page),
            "month": "2026-12-01",
            "adult_birth_date": "1991-04-02",
            "children": "12.03.2019",
            "rent": "520,00",
            "heating": "90,00",
            "appropriate_rent": "560,00",
        }
        entered = await browser.post(f"{path}/eingaben", data=form)
        assert entered.status_code == 303, entered.text
        shown = (await browser.get(entered.headers["location"])).text
        assert "Laufender Anspruch" in shown and "Berechnung Zeile für Zeile" in shown
        assert "§ 20" in shown and "§ 22" in shown  # each line carries its paragraph
        # In German and by member number, as on the letter's Berechnungsbogen; no engine names, no member ids.
        assert "<td>Person 1</td><td>Regelbedarf</td>" in shown and "standard_need" not in shown
        assert "<td>Person 2</td>" in shown and "member-" not in shown
        assert "Schreiben zum Bescheid 1 (PDF)" in shown

        what_if = {
            "csrf_token": csrf_token(page),
            "month": "2026-12-01",
            "client_id": str(client["client_id"]),
            "gross": "1.400,00",
            "net": "1.050,00",
        }
        answer = await browser.post(f"{path}/was-waere-wenn", data=what_if)
        assert answer.status_code == 200, answer.text
        assert "Ergebnis für 01.12.2026" in answer.text and "§ 11b" in answer.text

        bad = await browser.post(f"{path}/was-waere-wenn", data={**what_if, "net": "2.000,00"})
        assert bad.status_code == 422
        assert 'id="what-if-net-error"' in bad.text


async def test_a_benefits_clerk_enters_proven_higher_costs_and_sees_them_replace_the_basic_amount(platform):
    client = await registered_client(platform, given_name="Ole", family_name="Hansen")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        path = f"/leistungen/{household_id}"
        page = await household_page(browser, household_id)
        assert "Nachgewiesene höhere Absetzbeträge (§ 11b Abs. 2 S. 2 SGB II)" in page.text
        form = {
            "csrf_token": csrf_token(page),
            "month": "2026-12-01",
            "adult_birth_date": "1984-06-15",
            "rent": "450,00",
            "heating": "80,00",
            "appropriate_rent": "480,00",
            "income_0_kind": "employment",
            "income_0_amount": "1.200,00",
            "income_0_net": "950,00",
            "income_0_proven_costs": "180,00",
            "income_0_proof": "proven",
        }
        bad = await browser.post(f"{path}/eingaben", data={**form, "income_0_proven_costs": "viel"})
        assert bad.status_code == 422
        assert 'id="inputs-income-0-proven-costs-error"' in bad.text
        negative = await browser.post(f"{path}/eingaben", data={**form, "income_0_proven_costs": "-5"})
        assert negative.status_code == 422, negative.text
        assert 'id="inputs-income-0-proven-costs-error"' in negative.text

        entered = await browser.post(f"{path}/eingaben", data=form)
        assert entered.status_code == 303, entered.text
        shown = (await browser.get(entered.headers["location"])).text
        assert "nachgewiesene Kosten 180,00\u00a0€ (§ 11b Abs. 1 S. 1 Nr. 3–5) statt des Grundfreibetrags" in shown
        assert 'value="180.00"' in shown or 'value="180"' in shown  # the form shows what was entered


async def test_the_employer_table_shows_the_office_by_its_name(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        desk = await added(
            browser,
            "/vermittlung/arbeitgeber",
            {"name": "Fischerei Hohwacht", "office_id": "lutjenburg", "postcode": "24321"},
        )
        row = re.search(r"<tr><td>Fischerei Hohwacht</td><td>([^<]*)</td>", desk)
        assert row is not None and row.group(1) == "Lütjenburg"
        assert '<option value="lutjenburg">Lütjenburg</option>' in desk  # the form to add one names it too
