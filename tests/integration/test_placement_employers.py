"""Employers and the hidden job market against real Kafka and the database: contact persons and the history of
contacts (office-checked, 422s naming the field), partner status, unpublished vacancies seen and matched only by
their office's placement staff, company visits and internships (§ 45 Abs. 2 Satz 2 SGB III) with their events."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import select

from contracts.events import InternshipArrangedV1, InternshipEndedV1
from services.placement.employer_tables import ContactPersonRow
from services.placement.tables import audit
from services.platform.auth.staff import Role
from tests.integration.test_placement import officer, outbox_types, post, published, ready_client
from tests.support.running_service import RunningService, running_service

CELLE, PREETZ = "29221", "24211"
TODAY = date.today()
JOB = {"kind": "job", "weekly_hours": "25", "daily_start": "09:00", "positions": 1, "gross_monthly_pay": "1600.00"}
JOB |= {"subject_to_social_insurance": True, "occupation": "Lagerhelfer/in", "title": "Lagerhelfer/in"}


def preetz(tokens: Any) -> dict[str, str]:
    return officer(tokens, ("preetz",))


async def employer(placement: RunningService, headers: dict[str, str], office: str = "celle") -> dict[str, Any]:
    body = {
        "name": f"Logistik {office.title()}",
        "office_id": office,
        "postcode": CELLE if office == "celle" else PREETZ,
    }
    created: dict[str, Any] = await post(placement, "/employers", body, headers)
    return created


async def contact(placement: RunningService, employer_id: str, headers: dict[str, str], **extra: Any) -> Any:
    body = {"contact_on": str(TODAY), "kind": "visit", "note": "Betriebsbesuch: zwei Stellen im Lager ab Januar"}
    return await placement.http.post(f"/employers/{employer_id}/contacts", json=body | extra, headers=headers)


async def hidden_vacancy(placement: RunningService, tokens: Any, office: str = "celle") -> dict[str, Any]:
    headers = officer(tokens, (office,))
    company = await employer(placement, headers, office)
    source = (await contact(placement, company["employer_id"], headers)).json()
    body = {**JOB, "employer_id": company["employer_id"], "location_postcode": company["postcode"]}
    body |= {"published": False, "source_contact_id": source["contact_id"]}
    created: dict[str, Any] = await post(placement, "/vacancies", body, headers)
    return created


async def sealed_and_audited(placement: RunningService, person_id: str) -> list[str]:
    """The person's details are not in clear text at rest; the actions the audit recorded for them."""
    async with placement.runtime.uow.transaction() as tx:
        row = await tx.session.get(ContactPersonRow, UUID(person_id))
        assert row is not None and "Sommer" not in row.sealed_details and "05141" not in row.sealed_details
        query = select(audit.c.action).where(audit.c.client_id == UUID(person_id)).order_by(audit.c.audit_id)
        return list(await tx.session.scalars(query))


async def test_an_unpublished_vacancy_is_listed_read_and_matched_only_by_its_offices_placement_staff(
    kafka_server, database_url, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        ours = await hidden_vacancy(placement, tokens)
        theirs = await hidden_vacancy(placement, tokens, "preetz")
        assert ours["published"] is False and ours["source_contact_id"] is not None

        listed = (await placement.http.get("/vacancies", params={"limit": 500}, headers=officer(tokens))).json()
        assert ours["vacancy_id"] in {v["vacancy_id"] for v in listed}
        assert theirs["vacancy_id"] not in {v["vacancy_id"] for v in listed}
        assert (
            await placement.http.get(f"/vacancies/{ours['vacancy_id']}", headers=officer(tokens))
        ).status_code == 200
        # To another office's staff it does not exist: 404, not 403 (which would tell that it does).
        assert (await placement.http.get(f"/vacancies/{ours['vacancy_id']}", headers=preetz(tokens))).status_code == 404
        assert (
            await placement.http.get(f"/vacancies/{theirs['vacancy_id']}", headers=officer(tokens))
        ).status_code == 404

        found = (await placement.http.get(f"/searches/{client_id}/matches", headers=officer(tokens))).json()
        matched = {m["vacancy_id"]: m for m in found["matches"]}
        assert matched[ours["vacancy_id"]]["published"] is False
        seen = set(matched) | {e["vacancy_id"] for e in found["excluded"]}
        assert theirs["vacancy_id"] not in seen  # neither matched nor listed among the exclusions
        proposal = {"client_id": str(client_id), "vacancy_id": theirs["vacancy_id"]}
        refused = await placement.http.post("/proposals", json=proposal, headers=officer(tokens))
        errors = [(e["field"], e["reason"]) for e in refused.json()["errors"]]
        assert refused.status_code == 422 and errors == [("vacancy_id", "no such vacancy")], refused.text


async def test_an_unpublished_vacancy_names_a_contact_with_its_own_employer(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service("placement", url, kafka_server.bootstrap_servers, tokens.public_key) as placement:
        company = await employer(placement, officer(tokens))
        other = await employer(placement, officer(tokens))
        foreign = (await contact(placement, other["employer_id"], officer(tokens))).json()
        body = {**JOB, "employer_id": company["employer_id"], "location_postcode": CELLE, "published": False}
        for extra in ({}, {"source_contact_id": foreign["contact_id"]}):
            refused = await placement.http.post("/vacancies", json=body | extra, headers=officer(tokens))
            assert refused.status_code == 422, refused.text
            assert [e["field"] for e in refused.json()["errors"]] == ["source_contact_id"]


async def test_contact_persons_and_the_history_of_contacts_are_read_only_by_the_offices_placement_staff(
    kafka_server, tmp_path, tokens
):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service("placement", url, kafka_server.bootstrap_servers, tokens.public_key) as placement:
        company = await employer(placement, officer(tokens))
        persons = f"/employers/{company['employer_id']}/contact-persons"
        person = {"name": "Petra Sommer", "role": "Personalleitung", "phone": "05141 12345"}
        retry = {**officer(tokens), "Idempotency-Key": "contact-person-1"}
        first = await placement.http.post(persons, json=person, headers=retry)
        again = await placement.http.post(persons, json=person, headers=retry)
        assert first.status_code == again.status_code == 201 and first.json() == again.json()
        assert [p["name"] for p in (await placement.http.get(persons, headers=officer(tokens))).json()] == [
            "Petra Sommer"
        ]
        assert await sealed_and_audited(placement, first.json()["contact_person_id"]) == ["write", "read"]
        coach = tokens.headers(Role.CASE_MANAGER, offices=("celle",))
        assert (await placement.http.get(persons, headers=preetz(tokens))).status_code == 403
        assert (await placement.http.get(persons, headers=coach)).status_code == 403

        for change, field in [
            ({"phone": None}, "phone"),
            ({"email": "petra.sommer"}, "email"),
            ({"name": " "}, "name"),
        ]:
            refused = await placement.http.post(persons, json=person | change, headers=officer(tokens))
            assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == [field], (
                refused.text
            )

        person_id = first.json()["contact_person_id"]
        follow_up = str(TODAY + timedelta(days=14))
        made = await contact(
            placement, company["employer_id"], officer(tokens), contact_person_id=person_id, follow_up_on=follow_up
        )
        assert made.status_code == 201, made.text
        assert made.json()["staff_id"] and made.json()["office_id"] == "celle"
        for change, field in [
            ({"follow_up_on": str(TODAY)}, "follow_up_on"),
            ({"contact_on": str(TODAY + timedelta(days=1))}, "contact_on"),
            ({"kind": "fax"}, "kind"),
            ({"contact_person_id": company["employer_id"]}, "contact_person_id"),
        ]:
            refused = await contact(placement, company["employer_id"], officer(tokens), **change)
            assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == [field], (
                refused.text
            )
        history = f"/employers/{company['employer_id']}/contacts"
        assert [c["contact_id"] for c in (await placement.http.get(history, headers=officer(tokens))).json()] == [
            made.json()["contact_id"]
        ]
        assert (await placement.http.get(history, headers=preetz(tokens))).status_code == 403
        due = {"office_id": "celle", "due_by": follow_up}
        worklist = (await placement.http.get("/employer-follow-ups", params=due, headers=officer(tokens))).json()
        assert [c["contact_id"] for c in worklist] == [made.json()["contact_id"]]
        early = {"office_id": "celle", "due_by": str(TODAY + timedelta(days=13))}
        assert (await placement.http.get("/employer-follow-ups", params=early, headers=officer(tokens))).json() == []


async def test_partner_status_in_a_programme_has_dates_and_marks_the_employer_a_partner(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service("placement", url, kafka_server.bootstrap_servers, tokens.public_key) as placement:
        company = await employer(placement, officer(tokens))
        path = f"/employers/{company['employer_id']}/partnerships/gemeinsam"
        refused = await placement.http.put(
            path, json={"since": "2026-06-01", "until": "2026-05-31"}, headers=officer(tokens)
        )
        assert refused.status_code == 422 and [e["field"] for e in refused.json()["errors"]] == ["until"]
        assert (await placement.http.put(path, json={"since": "2026-06-01"}, headers=preetz(tokens))).status_code == 403
        assert (
            await placement.http.put(path, json={"since": "2026-06-01"}, headers=officer(tokens))
        ).status_code == 200
        changed = await placement.http.put(
            path, json={"since": "2026-07-01", "until": "2027-06-30"}, headers=officer(tokens)
        )
        assert changed.json() == {"employer_id": company["employer_id"], "program_id": "gemeinsam"} | {
            "since": "2026-07-01",
            "until": "2027-06-30",
        }
        listed = (
            await placement.http.get(f"/employers/{company['employer_id']}/partnerships", headers=officer(tokens))
        ).json()
        assert listed == [changed.json()]
        assert (await placement.http.get(f"/employers/{company['employer_id']}", headers=officer(tokens))).json()[
            "partner_company"
        ] is True


async def test_a_company_visit_and_an_internship_are_records_with_events_and_the_six_week_limit(
    kafka_server, tmp_path, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service("placement", url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)
        company = await employer(placement, officer(tokens))
        visit_body = {"employer_id": company["employer_id"], "program_id": "gemeinsam", "visit_on": str(TODAY)}
        for clients in ([], [str(client_id), str(client_id)]):
            refused = await placement.http.post(
                "/company-visits", json=visit_body | {"client_ids": clients}, headers=officer(tokens)
            )
            assert refused.status_code == 422 and refused.json()["errors"][0]["field"] == "client_ids", refused.text
        visit = await post(placement, "/company-visits", visit_body | {"client_ids": [str(client_id)]}, officer(tokens))
        assert visit["guests"] == [{"client_id": str(client_id), "attendance": "invited"}]
        attendance = f"/company-visits/{visit['visit_id']}/attendance"
        for _ in range(2):  # the same answer again sends nothing
            came = await placement.http.post(
                attendance, json={"client_id": str(client_id), "attendance": "attended"}, headers=officer(tokens)
            )
            assert came.status_code == 200 and came.json()["guests"][0]["attendance"] == "attended", came.text
        assert await outbox_types(placement, visit["visit_id"]) == ["de.lotse.placement.company_visit_scheduled.v1"]
        assert (
            await placement.http.get(f"/company-visits/{visit['visit_id']}", headers=preetz(tokens))
        ).status_code == 403

        start = TODAY - timedelta(days=10)
        trial = {"client_id": str(client_id), "employer_id": company["employer_id"], "program_id": "gemeinsam"}
        trial |= {"kind": "work_trial", "starts_on": str(start)}
        # § 45 Abs. 2 Satz 2 SGB III: at most six weeks at an employer.
        too_long = await placement.http.post(
            "/internships", json=trial | {"ends_on": str(start + timedelta(weeks=6))}, headers=officer(tokens)
        )
        assert too_long.status_code == 422 and too_long.json()["errors"][0]["field"] == "ends_on", too_long.text
        assert "§ 45 Abs. 2 Satz 2 SGB III" in too_long.json()["errors"][0]["reason"]
        internship = await post(
            placement, "/internships", trial | {"ends_on": str(start + timedelta(days=41))}, officer(tokens)
        )
        outcome = f"/internships/{internship['internship_id']}/outcome"
        for _ in range(2):  # a retry of the same outcome
            hired = await placement.http.post(
                outcome, json={"outcome": "hired", "outcome_on": str(TODAY)}, headers=officer(tokens)
            )
            assert hired.status_code == 200 and hired.json()["outcome"] == "hired", hired.text
        other = await placement.http.post(
            outcome, json={"outcome": "aborted", "outcome_on": str(TODAY)}, headers=officer(tokens)
        )
        assert other.status_code == 409
        assert [e.data.internship_id for e in await published(bootstrap, client_id, InternshipEndedV1)] == [
            UUID(internship["internship_id"])
        ]
        assert await outbox_types(placement, client_id) == [
            "de.lotse.placement.job_search_opened.v1",
            "de.lotse.placement.company_visit_attendance_recorded.v1",
            InternshipArrangedV1.type,
            InternshipEndedV1.type,
        ]
        by_employer = {"employer_id": company["employer_id"]}
        assert [
            i["internship_id"]
            for i in (await placement.http.get("/internships", params=by_employer, headers=officer(tokens))).json()
        ] == [internship["internship_id"]]
        assert (await placement.http.get("/internships", params=by_employer, headers=preetz(tokens))).status_code == 403
        await another_office_reads_nothing_of_it(placement, tokens, company, visit, internship)


async def another_office_reads_nothing_of_it(
    placement: RunningService, tokens: Any, company: dict[str, Any], visit: dict[str, Any], internship: dict[str, Any]
) -> None:
    """Every read of an employer and its relations is the employer's office's: another office's placement officer
    gets 403 (the employer exists; its details and relations are not theirs), and its lists leave it out."""
    employer_id = company["employer_id"]
    for path in [
        f"/employers/{employer_id}",
        f"/employers/{employer_id}/contact-persons",
        f"/employers/{employer_id}/contacts",
        f"/employers/{employer_id}/partnerships",
        f"/employers/{employer_id}/company-visits",
        f"/company-visits/{visit['visit_id']}",
        f"/internships/{internship['internship_id']}",
    ]:
        assert (await placement.http.get(path, headers=preetz(tokens))).status_code == 403, path
        assert (await placement.http.get(path, headers=officer(tokens))).status_code == 200, path
    theirs = (await placement.http.get("/employers", params={"limit": 500}, headers=preetz(tokens))).json()
    assert employer_id not in {e["employer_id"] for e in theirs}
    ours = (await placement.http.get("/employers", params={"limit": 500}, headers=officer(tokens))).json()
    assert employer_id in {e["employer_id"] for e in ours}
    for path, params in [("/employers", {"office_id": "celle"}), ("/employer-follow-ups", {"office_id": "celle"})]:
        assert (await placement.http.get(path, params=params, headers=preetz(tokens))).status_code == 403, path
