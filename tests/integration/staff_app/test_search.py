"""The search box and the search page against the real intake search (find-and-list, #9 §1)."""

from __future__ import annotations

import re

from tests.integration.staff_app.conftest import registered_client, signed_in


async def test_a_case_manager_finds_a_client_by_a_misspelled_name_and_opens_the_file(platform):
    client = await registered_client(platform, given_name="Jürgen", family_name="Müller-Lüdenscheidt")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        results = await browser.get("/suche", params={"q": "juergen muller-ludenscheit"})
        assert results.status_code == 200, results.text
        link = re.search(rf'<a href="(/akte/{client["client_id"]})">Müller-Lüdenscheidt, Jürgen</a>', results.text)
        assert link, results.text
        page = await browser.get(link.group(1))
        assert page.status_code == 200 and "Akte: Müller-Lüdenscheidt, Jürgen" in page.text


async def test_the_search_box_finds_a_client_by_client_number_and_by_german_birth_date(platform):
    client = await registered_client(platform, given_name="Frieda", family_name="Thomsen")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        by_number = await browser.get("/suche", params={"q": str(client["client_number"])})
        assert "Thomsen, Frieda" in by_number.text
        by_birth_date = await browser.get("/suche", params={"q": "02.04.1991", "name": "Thomsen"})
        assert "Thomsen, Frieda" in by_birth_date.text


async def test_a_plon_case_manager_finds_no_lutjenburg_client(platform):
    await registered_client(platform, given_name="Greta", family_name="Ohlsen")
    async with platform.browser() as browser:
        await signed_in(browser, "plon-cm-01")
        results = await browser.get("/suche", params={"name": "Greta Ohlsen"})
    assert results.status_code == 200
    assert "Ohlsen" not in results.text.split("Treffer")[1] and "Keine Treffer in Ihren Dienststellen." in results.text


async def test_a_search_criterion_the_service_refuses_is_shown_next_to_its_field(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-cm-01")
        results = await browser.get("/suche", params={"birth_date": "1800-01-01"})
    assert results.status_code == 422
    assert re.search(r'<p class="error" id="search-birth-date-error">[^<]+</p>', results.text)
    assert 'aria-invalid="true"' in results.text
