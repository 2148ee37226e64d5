"""Importing vacancies published in the BA Jobsuche (the fields of its public API) from a file: each record
validated with a report, a re-import by `refnr` updating instead of duplicating — real Kafka and database."""

from __future__ import annotations

import copy
from typing import Any

from tests.integration.test_placement import officer, ready_client
from tests.support.running_service import RunningService, running_service

COOK = {
    "refnr": "10000-1198765432-S",
    "beruf": "Koch/Köchin",
    "titel": "Koch (m/w/d) für unsere Landküche",
    "arbeitgeber": "Gasthaus Zur Aller",
    "arbeitsort": {
        "plz": "29221",
        "ort": "Celle",
        "region": "Niedersachsen",
        "land": "Deutschland",
        "koordinaten": {"lat": 52.6226, "lon": 10.0805},
    },
    "arbeitszeit": "vz",
    "eintrittsdatum": "2027-01-01",
    "aktuelleVeroeffentlichungsdatum": "2026-11-20",
    "modifikationsTimestamp": "2026-11-20T10:15:00.000",
}
APPRENTICESHIP = {
    **COOK,
    "refnr": "10000-1198765433-S",
    "titel": "Ausbildung zum Koch / zur Köchin 2027",
    "angebotsart": 4,
    "anzahlOffeneStellen": 2,
}
MINIJOB = {
    **COOK,
    "refnr": "10000-1198765434-S",
    "beruf": "Küchenhelfer/in",
    "titel": "Küchenhilfe",
    "arbeitszeit": "mj",
}
UNKNOWN_JOB_TITLE = {**COOK, "refnr": "10000-1198765435-S", "beruf": "Zauberlehrling"}
NO_POSTCODE = {**COOK, "refnr": "10000-1198765436-S", "arbeitsort": {"ort": "Celle"}}
BAD_REFNR = {**COOK, "refnr": "", "titel": ""}


async def import_file(placement: RunningService, tokens: Any, records: list[Any], office: str = "celle") -> Any:
    response = await placement.http.post(
        f"/vacancy-imports?office_id={office}",
        json={"stellenangebote": records},
        headers=officer(tokens, offices=("celle", "plon")),
    )
    assert response.status_code == 200, response.text
    return response.json()


async def by_refnr(placement: RunningService, tokens: Any) -> dict[str, Any]:
    listed = await placement.http.get("/vacancies?limit=500", headers=officer(tokens))
    return {v["refnr"]: v for v in listed.json() if v["refnr"]}


async def test_valid_records_are_added_invalid_ones_reported_and_a_reimport_updates(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        first = await import_file(
            placement, tokens, [COOK, UNKNOWN_JOB_TITLE, APPRENTICESHIP, NO_POSTCODE, MINIJOB, BAD_REFNR, "x"]
        )
        assert first["received"] == 7
        assert first["created"] == [COOK["refnr"], APPRENTICESHIP["refnr"], MINIJOB["refnr"]]
        assert first["updated"] == []
        rejected = {r["index"]: (r["refnr"], [e["field"] for e in r["errors"]]) for r in first["rejected"]}
        assert rejected == {
            1: (UNKNOWN_JOB_TITLE["refnr"], ["beruf"]),
            3: (NO_POSTCODE["refnr"], ["arbeitsort.plz"]),
            5: ("", ["refnr", "titel"]),
            6: (None, [""]),
        }
        vacancies = await by_refnr(placement, tokens)
        cook, apprenticeship, minijob = (vacancies[r["refnr"]] for r in (COOK, APPRENTICESHIP, MINIJOB))
        assert (cook["kldb_code"], cook["kind"], cook["location_postcode"]) == ("29302", "job", "29221")
        assert cook["weekly_hours"] is None and cook["daily_start"] is None and cook["gross_monthly_pay"] is None
        assert cook["entry_date"] == "2027-01-01" and cook["subject_to_social_insurance"] is True
        assert (apprenticeship["kind"], apprenticeship["positions"]) == ("apprenticeship", 2)
        assert (minijob["kldb_code"], minijob["subject_to_social_insurance"]) == ("29301", False)
        employers = (await placement.http.get("/employers?office_id=celle", headers=officer(tokens))).json()
        assert [e["name"] for e in employers] == ["Gasthaus Zur Aller"]  # one employer for all three

        changed = copy.deepcopy(COOK) | {"titel": "Koch/Köchin (m/w/d), ab sofort", "anzahlOffeneStellen": 3}
        again = await import_file(placement, tokens, [changed, UNKNOWN_JOB_TITLE])
        assert (again["created"], again["updated"]) == ([], [COOK["refnr"]])
        after = await by_refnr(placement, tokens)
        assert len(after) == 3 and after[COOK["refnr"]]["vacancy_id"] == cook["vacancy_id"]
        assert (after[COOK["refnr"]]["title"], after[COOK["refnr"]]["open_positions"]) == (changed["titel"], 3)

        elsewhere = await import_file(placement, tokens, [COOK], office="plon")
        assert elsewhere["rejected"][0]["errors"][0]["field"] == "refnr"


async def test_an_imported_job_without_hours_is_never_guessed_into_a_match(kafka_server, database_url, tokens):
    bootstrap = kafka_server.bootstrap_servers
    async with running_service("placement", database_url, bootstrap, tokens.public_key) as placement:
        client_id = await ready_client(placement, bootstrap, tokens)  # 08:00 at the earliest, at most 30 hours
        await import_file(placement, tokens, [MINIJOB])
        minijob = (await by_refnr(placement, tokens))[MINIJOB["refnr"]]
        found = (await placement.http.get(f"/searches/{client_id}/matches", headers=officer(tokens))).json()
        reasons = {e["vacancy_id"]: e["reasons"] for e in found["excluded"]}
        assert reasons[minijob["vacancy_id"]][:2] == [
            "daily start unknown, and the client can start at 08:00 at the earliest",
            "weekly hours unknown, and the client can work at most 30",
        ]
