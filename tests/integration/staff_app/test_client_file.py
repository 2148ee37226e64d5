"""The client file in the staff app against the real services: contacts, appointments, tasks, readiness, 403."""

from __future__ import annotations

import re

from tests.integration.staff_app.conftest import csrf_token, registered_client, signed_in

MONDAY_1PM = "2026-12-07T13:00"  # Lütjenburg is open 08:00–12:30 on Mondays (seed 000)
MONDAY_9AM = "2026-12-07T09:00"


def error_of(page: str, field_id: str) -> str:
    found = re.search(rf'<p class="error" id="{field_id}-error">([^<]+)</p>', page)
    assert found, f"no error next to {field_id}"
    return found.group(1)


def key_of(page: str, action: str) -> str:
    form = page[page.index(f'action="{action}"') :]
    found = re.search(r'name="idempotency_key" value="([^"]+)"', form)
    assert found
    return found.group(1)


async def test_a_contact_at_13_00_on_a_monday_is_refused_with_the_opening_hours_and_one_at_09_00_is_recorded(
    platform,
):
    client = await registered_client(platform)
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        path = f"/akte/{client['client_id']}"
        page = await browser.get(path)
        assert page.status_code == 200, page.text
        assert "Akte: Kraska, Marie" in page.text
        form = {
            "csrf_token": csrf_token(page),
            "idempotency_key": key_of(page.text, f"{path}/kontakte"),
            "channel": "in_person",
            "occurred_at": MONDAY_1PM,
        }
        refused = await browser.post(f"{path}/kontakte", data=form)
        assert refused.status_code == 422
        reason = error_of(refused.text, "contact-occurred-at")
        assert "außerhalb der Öffnungszeiten von Lütjenburg" in reason and "Mo 08:00–12:30" in reason
        assert 'value="2026-12-07T13:00"' in refused.text  # what was typed stays in the form

        again = {**form, "occurred_at": MONDAY_9AM, "idempotency_key": key_of(refused.text, f"{path}/kontakte")}
        recorded = await browser.post(f"{path}/kontakte", data=again)
        assert recorded.status_code == 303, recorded.text
        shown = await browser.get(recorded.headers["location"])
        assert "Der Kontakt ist erfasst." in shown.text
        assert "1 (zuletzt Mo 07.12.2026 09:00)" in shown.text


async def test_an_appointment_outside_the_opening_hours_is_refused_and_one_inside_is_booked(platform):
    client = await registered_client(platform, given_name="Jonas", family_name="Weber")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        path = f"/akte/{client['client_id']}"
        page = await browser.get(path)
        form = {"csrf_token": csrf_token(page), "channel": "in_person", "duration_minutes": "30"}
        refused = await browser.post(f"{path}/termine", data={**form, "starts_at": "2026-12-07T12:15"})
        assert refused.status_code == 422
        assert "außerhalb der Öffnungszeiten" in error_of(refused.text, "appointment-starts-at")
        booked = await browser.post(f"{path}/termine", data={**form, "starts_at": MONDAY_9AM})
        assert booked.status_code == 303
        shown = await browser.get(booked.headers["location"])
        assert "Der Termin ist gebucht." in shown.text and "Mo 07.12.2026 09:00" in shown.text


async def test_a_form_posted_without_the_csrf_token_is_refused_and_records_nothing(platform):
    client = await registered_client(platform, given_name="Lea", family_name="Sommer")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        path = f"/akte/{client['client_id']}"
        answer = await browser.post(f"{path}/kontakte", data={"channel": "phone", "occurred_at": MONDAY_9AM})
        assert answer.status_code == 403
        page = await browser.get(path)
        assert "<dt>Kontakte</dt><dd>0 " in page.text


async def test_declaring_readiness_from_the_file_changes_the_case_status(platform):
    client = await registered_client(platform, given_name="Tim", family_name="Brandt")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        path = f"/akte/{client['client_id']}"
        page = await browser.get(path)
        assert '<dd id="case-status">Im Coaching</dd>' in page.text
        answer = await browser.post(f"{path}/bereitschaft", data={"csrf_token": csrf_token(page)})
        assert answer.status_code == 303
        shown = await browser.get(answer.headers["location"])
        assert '<dd id="case-status">Bereit für Vermittlung</dd>' in shown.text


async def test_a_plon_case_manager_gets_a_german_403_page_for_a_lutjenburg_file(platform):
    client = await registered_client(platform, given_name="Anna", family_name="Petersen")
    async with platform.browser() as browser:
        await signed_in(browser, "plon-cm-01")
        answer = await browser.get(f"/akte/{client['client_id']}")
    assert answer.status_code == 403
    assert "Kein Zugriff" in answer.text and "Petersen" not in answer.text


async def test_the_journey_part_says_so_when_the_journeys_api_cannot_be_reached(platform):
    client = await registered_client(platform, given_name="Ole", family_name="Hansen")
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        page = await browser.get(f"/akte/{client['client_id']}")
    assert page.status_code == 200
    assert "Der Dienst „journeys“ ist gerade nicht erreichbar." in page.text


async def test_a_task_is_completed_from_the_file_and_leaves_the_list(platform):
    from services.platform.auth.staff import Role

    client = await registered_client(platform, given_name="Paul", family_name="Kruse")
    worker = platform.tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")
    raised = await platform.services["coaching"].http.post(
        f"/cases/{client['client_id']}/tasks",
        json={"kind": "contact_overdue", "due_at": "2026-12-01T09:00:00+01:00"},
        headers=worker,
    )
    assert raised.status_code == 201, raised.text
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        path = f"/akte/{client['client_id']}"
        page = await browser.get(path)
        assert "Kontakt überfällig" in page.text
        task_id = raised.json()["task_id"]
        done = await browser.post(
            f"/aufgaben/{task_id}/erledigt", data={"csrf_token": csrf_token(page), "client_id": client["client_id"]}
        )
        assert done.status_code == 303
        shown = await browser.get(done.headers["location"])
        assert "Die Aufgabe ist erledigt." in shown.text and "Keine offenen Aufgaben." in shown.text


async def test_health_data_shows_for_the_case_manager_and_not_for_the_placement_officer(platform):
    client = await registered_client(
        platform, given_name="Uwe", family_name="Rahn", target_groups=("health_limitations", "older")
    )
    async with platform.browser() as case_manager:
        await signed_in(case_manager, str(client["case_worker_id"]))
        page = (await case_manager.get(f"/akte/{client['client_id']}")).text
    assert "Gesundheitliche Einschränkungen" in page and "Ältere" in page
    async with platform.browser() as officer:
        await signed_in(officer, "lutjenburg-placement-01")
        page = (await officer.get(f"/akte/{client['client_id']}")).text
    assert "Ältere" in page and "Gesundheitliche Einschränkungen" not in page and "health" not in page


async def test_a_file_address_without_a_valid_id_is_a_german_404_page(platform):
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-cm-01")
        answer = await browser.get("/akte/keine-nummer")
        assert answer.status_code == 404 and "Nicht gefunden" in answer.text
        unknown = await browser.get("/akte/01a231a2-e2ad-732c-9a62-a7716d19b292")
        assert unknown.status_code == 404 and "Nicht gefunden" in unknown.text
