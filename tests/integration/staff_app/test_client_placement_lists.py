"""The client file lists the client's proposals with their outcomes and the employment, not only the one
just made."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import csrf_token, ready_for_placement, registered_client, signed_in
from tests.support.kafka_reading import eventually


async def vacancies_in_lutjenburg(platform: Any) -> dict[str, str]:
    placement = platform.services["placement"].http
    headers = platform.tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    employer = await placement.post(
        "/employers",
        headers=headers,
        json={"name": "Fischräucherei Hohwacht", "office_id": "lutjenburg", "postcode": "24321"},
    )
    assert employer.status_code == 201, employer.text
    common = {
        "employer_id": employer.json()["employer_id"],
        "occupation": "Lebensmittelherstellung",
        "kind": "job",
        "weekly_hours": "25",
        "daily_start": "09:00",
        "location_postcode": "24321",
        "positions": 1,
        "gross_monthly_pay": "1500.00",
        "subject_to_social_insurance": True,
    }
    ids = {}
    for title in ("Räucherei Vormittag", "Verkauf Hofladen"):
        made = await placement.post("/vacancies", headers=headers, json={**common, "title": title})
        assert made.status_code == 201, made.text
        ids[title] = made.json()["vacancy_id"]
    return ids


async def test_the_client_file_lists_every_proposal_with_its_outcome_without_one_named_in_the_address(platform):
    client = await registered_client(platform, given_name="Wiebke", family_name="Thomsen", earliest_start="08:00")
    await ready_for_placement(platform, client)
    vacancies = await vacancies_in_lutjenburg(platform)
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        path = f"/akte/{client['client_id']}"

        async def matched() -> bool:  # placement hears of the registration over Kafka
            return "Passende Stellen" in (await browser.get(path)).text

        await eventually(matched)
        assert "Noch keine Vorschläge." in (await browser.get(path)).text
        made = []
        for vacancy_id in vacancies.values():
            answer = await browser.post(
                f"{path}/vorschlaege",
                data={"csrf_token": csrf_token(await browser.get(path)), "vacancy_id": vacancy_id},
            )
            assert answer.status_code == 303, answer.text
            made.append(re.search(r"vorschlag=([0-9a-f-]{36})", answer.headers["location"]).group(1))
        outcome = await browser.post(
            f"{path}/vorschlaege/{made[0]}/ergebnis",
            data={"csrf_token": csrf_token(await browser.get(path)), "outcome": "rejected"},
        )
        assert outcome.status_code == 303, outcome.text

        page = (await browser.get(path)).text
    table = page[page.index('<table id="proposals">') :].split("</table>")[0]
    assert "<caption>Vorschläge und ihre Ergebnisse (2)</caption>" in table
    rows = {row.split("</td>")[1]: row for row in table.split("<tr>")[2:]}
    rejected = next(r for title, r in rows.items() if "Räucherei Vormittag" in title)
    pending = next(r for title, r in rows.items() if "Verkauf Hofladen" in title)
    assert "<td>abgelehnt</td>" in rejected and "Ergebnis erfassen" not in rejected
    assert "<td>vorgeschlagen</td>" in pending and f"vorschlag={made[1]}" in pending
    assert "Fischräucherei Hohwacht" in pending


async def test_a_placement_officer_edits_a_vacancy_and_sees_a_refused_edit_next_to_its_field(platform):
    vacancies = await vacancies_in_lutjenburg(platform)
    vacancy_id = vacancies["Verkauf Hofladen"]
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        desk = (await browser.get("/vermittlung")).text
        assert f'href="/vermittlung/stellen/{vacancy_id}"' in desk
        page = await browser.get(f"/vermittlung/stellen/{vacancy_id}")
        assert page.status_code == 200 and 'value="Verkauf Hofladen"' in page.text
        assert '<label for="edit-hours">Wochenstunden</label>' in page.text
        form = {
            "csrf_token": csrf_token(page),
            "employer_id": page.text.split('<option value="')[1].split('"')[0],
            "title": "Verkauf Hofladen (Sommer)",
            "occupation": "Verkauf",
            "kind": "job",
            "weekly_hours": "50",
            "daily_start": "10:00",
            "location_postcode": "24321",
            "positions": "2",
            "gross_monthly_pay": "1.650,00",
            "subject_to_social_insurance": "true",
        }
        without_token = await browser.post(f"/vermittlung/stellen/{vacancy_id}", data={**form, "csrf_token": ""})
        assert without_token.status_code == 403
        refused = await browser.post(f"/vermittlung/stellen/{vacancy_id}", data=form)
        assert refused.status_code == 422
        assert 'id="edit-hours-error"' in refused.text and 'value="Verkauf Hofladen (Sommer)"' in refused.text
        saved = await browser.post(
            f"/vermittlung/stellen/{vacancy_id}", data={**form, "weekly_hours": "20", "csrf_token": csrf_token(refused)}
        )
        assert saved.status_code == 303, saved.text
        desk = (await browser.get(saved.headers["location"])).text
    assert "Stelle geändert." in desk
    row = desk[desk.index("Verkauf Hofladen (Sommer)") :].split("</tr>")[0]
    assert "10:00 Uhr" in row and "2 von 2" in row and "1.650,00 €" in row
    stored = await platform.services["placement"].http.get(
        f"/vacancies/{vacancy_id}", headers=platform.tokens.headers(Role.PLACEMENT_OFFICER, offices=("lutjenburg",))
    )
    assert Decimal(stored.json()["weekly_hours"]) == Decimal(20)
