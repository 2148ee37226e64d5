"""Programme, cohort and participation pages of the staff app against the real coaching and intake: a case
manager takes a single parent into a Gemeinsam cohort with childcare, records her outcome, enrols, transfers and
ends a participation with a reason; the team lead confirms from the proposal list, never with nothing chosen."""

from __future__ import annotations

from contextlib import aclosing as closing

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import Platform, csrf_token, registered_client, signed_in

COHORT = {
    "program_id": "gemeinsam",
    "office_id": "lutjenburg",
    "name": "Gemeinsam Frühjahr",
    "first_session_at": "2027-01-07T09:00:00+01:00",
    "duration_minutes": 120,
    "room_id": "lutjenburg-stadtteiltreff",
    "capacity": 12,
}


async def opened_cohort(platform: Platform, manager: str) -> str:
    headers = platform.tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",), staff_id=manager)
    body = COHORT | {"staff_ids": [manager]}
    opened = await platform.services["coaching"].http.post("/cohorts", json=body, headers=headers)
    assert opened.status_code == 201, opened.text
    return str(opened.json()["cohort"]["cohort_id"])


async def test_a_single_parent_joins_a_cohort_with_childcare_and_her_outcome_ends_the_participation(platform):
    client = await registered_client(
        platform, given_name="Wiebke", family_name="Carstensen", target_groups=("single_parent",)
    )
    manager, client_id = str(client["case_worker_id"]), str(client["client_id"])
    cohort_id = await opened_cohort(platform, manager)
    browser = await signed_in(platform.browser(), manager)
    async with closing(browser):
        programme = await browser.get("/programme/gemeinsam")
        assert programme.status_code == 200, programme.text
        row = next(r for r in programme.text.split("<tr>") if "Gemeinsam Frühjahr" in r)
        assert "07.01.2027 bis 07.09.2027" in row and "0 von 12" in row
        page = await browser.get(f"/kohorten/{cohort_id}")
        assert "Stadtteiltreff am Markt" in page.text and "Kita-Verbund (Beispiel)" in page.text
        form = {
            "csrf_token": csrf_token(page),
            "client_id": client_id,
            "provider": "Kita Regenbogen",
            "days": "thu",
            "from_time": "08:30",
            "to_time": "11:30",
        }
        joined = await browser.post(f"/kohorten/{cohort_id}/teilnehmende", data=form)
        assert joined.status_code == 303, joined.text
        page = await browser.get(joined.headers["location"])
        member = next(r for r in page.text.split("<tr>") if "Carstensen, Wiebke" in r)
        assert "In die Kohorte aufgenommen." in page.text and "Kita Regenbogen, Do 08:30–11:30 Uhr" in member
        assert "1 von 12 belegt, 11 frei" in page.text and "Do 07.01.2027 09:00" in page.text

        resent = form | {"idempotency_key": "join-again-0001"}  # a new form, not a resubmission of the first
        again = await browser.post(f"/kohorten/{cohort_id}/teilnehmende", data=resent)
        assert again.status_code == 409 and "nimmt an dieser Kohorte bereits teil" in again.text
        outcome = {"csrf_token": csrf_token(page), "outcome": "in_work", "on": "2027-05-03"}
        recorded = await browser.post(f"/kohorten/{cohort_id}/teilnehmende/{client_id}/ergebnis", data=outcome)
        assert recorded.status_code == 303, recorded.text
        page = await browser.get(recorded.headers["location"])
        assert "Ergebnis erfasst." in page.text and "in Arbeit (03.05.2027)" in page.text

        history = await browser.get(f"/teilnahme/{client_id}")
        assert "Programmteilnahme: Carstensen, Wiebke" in history.text and "Arbeit aufgenommen" in history.text
        enrol = {"csrf_token": csrf_token(history), "program_id": "joboffensive"}
        enrolled = await browser.post(f"/teilnahme/{client_id}/aufnahme", data=enrol)
        assert enrolled.status_code == 303, enrolled.text
        page = await browser.get(enrolled.headers["location"])
        assert "Ins Programm aufgenommen." in page.text and "In anderes Programm wechseln" in page.text
        moved = await browser.post(
            f"/teilnahme/{client_id}/wechsel", data={"csrf_token": csrf_token(page), "program_id": "joboffensive"}
        )
        assert moved.status_code == 422 and "Joboffensive" in moved.text  # the same programme: refused on the form
        ended = await browser.post(
            f"/teilnahme/{client_id}/ende", data={"csrf_token": csrf_token(page), "reason": "moved_away"}
        )
        assert ended.status_code == 303, ended.text
        page = await browser.get(ended.headers["location"])
        assert "Teilnahme beendet." in page.text and "verzogen" in page.text


async def test_the_team_lead_confirms_one_proposal_and_nothing_without_a_choice(platform):
    client = await registered_client(platform, given_name="Ole", family_name="Brodersen")
    browser = await signed_in(platform.browser(), "lutjenburg-lead-01")
    async with closing(browser):
        page = await browser.get("/programme/joboffensive")
        assert page.status_code == 200, page.text
        assert "Vorschlagsliste" in page.text and "Niemand wird ohne Bestätigung aufgenommen." in page.text
        empty = await browser.post("/programme/joboffensive/aufnahmen", data={"csrf_token": csrf_token(page)})
        assert empty.status_code == 422 and "Bitte mindestens eine Person auswählen." in empty.text
        one = {"csrf_token": csrf_token(page), "client_id": str(client["client_id"])}
        confirmed = await browser.post("/programme/joboffensive/aufnahmen", data=one)
        assert confirmed.status_code == 303, confirmed.text
        page = await browser.get(confirmed.headers["location"])
        assert "1 aufgenommen, 0 abgelehnt." in page.text
