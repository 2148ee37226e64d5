"""A client's life in the staff app against the real services (#13): Umzug melden (intake, then coaching's
handover over Kafka), Schließzeiten (coaching moves the office's appointments to the substitute) and the
data-protection officer's Auskunft (Art. 15 DSGVO, every service's export as JSON and PDF); each page only for
the roles its API admits, refusals in German next to their field."""

from __future__ import annotations

import json
import re
from contextlib import aclosing
from datetime import datetime, timedelta

from staff_app.formatting import BERLIN
from tests.integration.staff_app.conftest import csrf_token, registered_client, signed_in
from tests.integration.staff_app.test_appointments_pages import at, book, open_day
from tests.integration.staff_app.test_no_english import english_in
from tests.support.kafka_reading import eventually

PLON = "24306"


def idempotency_key(page: str) -> str:
    found = re.search(r'name="idempotency_key" value="([^"]+)"', page)
    assert found
    return found.group(1)


async def test_a_move_is_recorded_and_the_page_shows_the_new_office_and_the_handover(platform):
    client = await registered_client(platform, given_name="Hauke", family_name="Petersen")
    path = f"/akte/{client['client_id']}/umzug"
    async with aclosing(platform.browser()) as browser:
        await signed_in(browser, "lutjenburg-intake-01")
        form = await browser.get(path)
        assert form.status_code == 200 and "Umzug melden" in form.text
        today = datetime.now(BERLIN).date().isoformat()
        fields = {"csrf_token": csrf_token(form), "idempotency_key": idempotency_key(form.text)}
        same = await browser.post(path, data=fields | {"residence_postcode": "24321", "moved_on": today})
        assert same.status_code == 422
        assert re.search(r'id="move-postcode-error">Das ist die bisherige Postleitzahl\.<', same.text), same.text
        ahead = (datetime.now(BERLIN).date() + timedelta(days=3)).isoformat()
        future = await browser.post(path, data=fields | {"residence_postcode": PLON, "moved_on": ahead})
        assert future.status_code == 422 and 'id="move-day-error">Liegt in der Zukunft' in future.text
        assert english_in(future.text) == []

        fields["idempotency_key"] = idempotency_key(future.text)
        moved = await browser.post(path, data=fields | {"residence_postcode": PLON, "moved_on": today})
        assert moved.status_code == 303, moved.text
        result = moved.headers["location"]
        assert "von=lutjenburg" in result and "nach=plon" in result

        # Lütjenburg's clerk no longer reads the client of Plön: the page says where the file went.
        theirs = await browser.get(result)
        assert theirs.status_code == 200, theirs.text
        assert 'id="move-office">Plön<' in theirs.text and "bisher Lütjenburg" in theirs.text
        assert "Der Fall liegt nun bei Plön." in theirs.text and "Die Akte liegt nun bei Plön" in theirs.text
        assert english_in(theirs.text) == []
    async with aclosing(platform.browser()) as lead:
        await signed_in(lead, "plon-lead-01")  # Plön's team lead (a case manager there) sees the handover

        def handover(page: str) -> str:
            return page.split('id="move-handover"')[1].split("</dd>")[0]

        async def handed_over() -> bool:
            return "noch nicht verarbeitet" not in handover((await lead.get(result)).text)

        await eventually(handed_over)
        page = await lead.get(result)
        assert "übergeben an" in handover(page.text) or "wartet auf" in handover(page.text), handover(page.text)
        assert "Die Leistungen sieht die Leistungssachbearbeitung." in page.text
        assert "Umzug: Petersen, Hauke" in page.text and english_in(page.text) == []


async def test_the_move_page_is_refused_to_a_placement_officer(platform):
    client = await registered_client(platform, given_name="Wiebke", family_name="Lorenzen")
    async with aclosing(platform.browser()) as browser:
        await signed_in(browser, "lutjenburg-placement-01")
        page = await browser.get(f"/akte/{client['client_id']}/umzug")
        assert page.status_code == 403 and "Kein Zugriff" in page.text


async def test_a_team_lead_closes_the_office_and_sees_the_moved_appointment_at_the_substitute(platform):
    client = await registered_client(platform, given_name="Jannik", family_name="Thomsen")
    async with aclosing(platform.browser()) as manager:
        await signed_in(manager, str(client["case_worker_id"]))
        booked = await book(
            manager, kind="individual", starts_at=at(10), participants=str(client["client_id"]), notice_given="true"
        )
        assert booked.status_code == 303, booked.text
    day = open_day().isoformat()
    async with aclosing(platform.browser()) as lead:
        await signed_in(lead, "lutjenburg-lead-01")
        page = await lead.get("/schliesszeiten")
        assert page.status_code == 200 and "Lütjenburg schließen" in page.text
        base = {"csrf_token": csrf_token(page), "office_id": "lutjenburg", "reason": "Schulung des Personals"}
        base |= {"substitute_office_id": "plon", "idempotency_key": idempotency_key(page.text)}
        bad_hours = await lead.post(
            "/schliesszeiten", data=base | {"starts_on": day, "ends_on": day, "hours.3": "8 bis 12"}
        )
        assert bad_hours.status_code == 422
        assert 'id="closure-hours-3-error">Bitte als „08:00–12:30“' in bad_hours.text, bad_hours.text
        backwards = await lead.post(
            "/schliesszeiten", data=base | {"starts_on": day, "ends_on": datetime.now(BERLIN).date().isoformat()}
        )
        if day != datetime.now(BERLIN).date().isoformat():
            assert backwards.status_code == 422
            assert 'id="closure-end-error">Liegt vor dem ersten Schließtag.<' in backwards.text, backwards.text
        reopening = {f"hours.{d}": "08:00–12:30" for d in range(5)} | {"hours.3": "08:00–12:30, 14:00–18:00"}
        closed = await lead.post("/schliesszeiten", data=base | {"starts_on": day, "ends_on": day} | reopening)
        assert closed.status_code == 303, closed.text
        listed = await lead.get(closed.headers["location"])
        assert "Die Schließzeit ist eingetragen" in listed.text and "Schulung des Personals" in listed.text
        assert "Do 08:00–12:30, Do 14:00–18:00" in listed.text
        table = listed.text.split("<caption>Verlegte Termine")[1].split("</table>")[0]
        assert "Plön" in table and "Einzeltermin" in table, table
        assert english_in(listed.text) == []
        again = await lead.post("/schliesszeiten", data=base | {"starts_on": day, "ends_on": day})
        assert again.status_code in (303, 422)  # the same key replays the closure; a new one is refused (409)
    async with aclosing(platform.browser()) as clerk:
        await signed_in(clerk, "lutjenburg-intake-01")
        assert (await clerk.get("/schliesszeiten")).status_code == 403


async def test_the_data_protection_officer_compiles_an_auskunft_and_downloads_it_as_json_and_pdf(platform):
    client = await registered_client(platform, given_name="Frauke", family_name="Jessen")
    async with aclosing(platform.browser()) as officer:
        await signed_in(officer, "lutjenburg-privacy-01")
        form = await officer.get("/auskunft")
        assert form.status_code == 200 and "Auskunft (Art. 15)" in form.text
        wrong = await officer.post("/auskunft", data={"csrf_token": csrf_token(form), "client_id": "Frauke"})
        assert wrong.status_code == 303
        assert 'id="access-client-error">Bitte die Kennung' in (await officer.get(wrong.headers["location"])).text
        asked = await officer.post("/auskunft", data={"csrf_token": csrf_token(form), "client_id": client["client_id"]})
        report = await officer.get(asked.headers["location"])
        assert report.status_code == 200, report.text
        intake_row = report.text.split("Registrierung (intake)")[1].split("</tr>")[0]
        assert "Daten gespeichert" in intake_row, intake_row
        assert "nicht erreichbar" in report.text.split("Statistik (reporting)")[1].split("</tr>")[0]
        assert english_in(report.text) == []
        exported = await officer.get(f"/auskunft/{client['client_id']}/auskunft.json")
        data = json.loads(exported.text)
        assert data["kind"] == "lotse.access_request.v1" and data["services"]["intake"]["status"] == "held"
        clients = data["services"]["intake"]["tables"]["clients"]
        assert clients[0]["family_name"] == "Jessen"
        pdf = await officer.get(f"/auskunft/{client['client_id']}/auskunft.pdf")
        assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
        html = await officer.get(f"/auskunft/{client['client_id']}/auskunft.html")
        assert "Jessen" in html.text and 'lang="de"' in html.text
    async with aclosing(platform.browser()) as manager:
        await signed_in(manager, str(client["case_worker_id"]))
        assert (await manager.get("/auskunft")).status_code == 403
        assert (await manager.get(f"/auskunft/{client['client_id']}/auskunft.json")).status_code == 403
