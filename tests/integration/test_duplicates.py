"""A person registered twice, on SQLite and PostgreSQL with real Kafka: found at registration, listed for the
office, decided by staff (never automatically), a merge recorded and published."""

from __future__ import annotations

import json
from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from contracts import topics
from contracts.events import ClientMergedV1
from services.intake.domain.duplicates import THRESHOLD
from services.platform.auth.staff import Role
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service

LUTJENBURG, LUTJENBURG_TOO, PLON = "24321", "24238", "24306"  # two postcodes of Lütjenburg, one of Plön
OFFICE = {LUTJENBURG: "lutjenburg", LUTJENBURG_TOO: "lutjenburg", PLON: "plon"}


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def staff(tokens, role: Role = Role.INTAKE_CLERK, *offices: str):
    return tokens.headers(role, offices=offices or ("lutjenburg",), staff_id=f"{role.value}-1")


async def register(intake, tokens, given, family, born="1980-05-17", postcode=LUTJENBURG, sex="not_stated"):
    body = {
        "person": {"given_name": given, "family_name": family, "birth_date": born},
        "residence_postcode": postcode,
        "consent": True,
        "sex": sex,
    }
    reply = await intake.http.post("/clients", json=body, headers=staff(tokens, Role.INTAKE_CLERK, OFFICE[postcode]))
    assert reply.status_code == 201, reply.text
    return reply.json()


async def worklist(intake, tokens, *offices: str, **params) -> list[dict]:
    reply = await intake.http.get("/duplicates", params=params, headers=staff(tokens, Role.CASE_MANAGER, *offices))
    assert reply.status_code == 200, reply.text
    return reply.json()["items"]


async def decide(intake, tokens, pair_id: str, body: dict, headers=None):
    return await intake.http.post(f"/duplicates/{pair_id}/decision", json=body, headers=headers or staff(tokens))


async def test_a_second_registration_as_mueller_is_registered_and_answers_with_the_first_as_possible_duplicate(
    intake, tokens
):
    first = await register(intake, tokens, "Anna", "Müller", born="1980-05-17")
    assert first["possible_duplicates"] == []
    second = await register(intake, tokens, "Anna", "Mueller", born="1980-05-12", postcode=LUTJENBURG_TOO)
    assert second["client_number"] == "L-000002"
    (found,) = second["possible_duplicates"]
    assert found["client"]["client_id"] == first["client_id"] and found["client"]["family_name"] == "Müller"
    assert found["reasons"] == ["same family name", "same given name", "birth date one digit off", "different postcode"]
    assert THRESHOLD <= found["score"] < 100
    (pair,) = await worklist(intake, tokens, office_id="lutjenburg")
    assert pair["pair_id"] == found["pair_id"] and pair["status"] == "open"
    assert {c["client_id"] for c in pair["clients"]} == {first["client_id"], second["client_id"]}
    of_client = await intake.http.get(f"/clients/{first['client_id']}/duplicates", headers=staff(tokens))
    assert [p["pair_id"] for p in of_client.json()["items"]] == [found["pair_id"]]


async def test_twins_at_the_same_address_and_namesakes_born_another_day_are_not_proposed(intake, tokens):
    await register(intake, tokens, "Lukas", "Petersen", born="2001-03-04", sex="male")
    twin = await register(intake, tokens, "Jonas", "Petersen", born="2001-03-04", sex="male")
    namesake = await register(intake, tokens, "Lukas", "Petersen", born="2001-09-28", sex="male")
    assert twin["possible_duplicates"] == [] and namesake["possible_duplicates"] == []
    assert await worklist(intake, tokens) == []


async def test_a_duplicate_in_another_office_is_kept_but_shown_only_to_staff_acting_for_both(intake, tokens):
    plon = await register(intake, tokens, "Jens", "Hansen", born="1975-11-02", postcode=PLON)
    moved = await register(intake, tokens, "Hansen", "Jens", born="1975-02-11")  # names swapped, date transposed
    assert moved["possible_duplicates"] == []  # the Lütjenburg clerk acts not for Plön
    assert await worklist(intake, tokens, "lutjenburg") == [] and await worklist(intake, tokens, "plon") == []
    (pair,) = await worklist(intake, tokens, "lutjenburg", "plon", office_id="plon")
    assert {c["client_id"] for c in pair["clients"]} == {plon["client_id"], moved["client_id"]}
    assert pair["reasons"][:2] == ["given and family name swapped", "birth date with day and month transposed"]


async def test_not_the_same_person_takes_the_pair_off_the_worklist_for_good(intake, tokens):
    await register(intake, tokens, "Anna", "Schmidt", born="1990-01-01")
    other = await register(intake, tokens, "Anna", "Schmitt", born="1990-01-01")
    pair_id = other["possible_duplicates"][0]["pair_id"]
    decided = await decide(intake, tokens, pair_id, {"decision": "not_same_person"})
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "not_same_person" and decided.json()["decided_by"] == "intake_clerk-1"
    assert await worklist(intake, tokens) == []
    again = await decide(intake, tokens, pair_id, {"decision": "merge", "keep": other["client_id"]})
    assert again.status_code == 409
    shown = await intake.http.get(f"/clients/{other['client_id']}/duplicates", headers=staff(tokens))
    assert [p["status"] for p in shown.json()["items"]] == ["not_same_person"]


async def test_a_merge_keeps_one_client_takes_the_chosen_fields_and_the_other_answers_410(intake, kafka_server, tokens):
    kept = await register(intake, tokens, "Ana", "Kowalski", born="1985-07-21")
    gone = await register(intake, tokens, "Anna", "Kowalski", born="1985-07-21", postcode=LUTJENBURG_TOO, sex="female")
    pair_id = gone["possible_duplicates"][0]["pair_id"]
    body = {"decision": "merge", "keep": kept["client_id"], "take_from_merged": ["given_name", "sex"]}
    decided = await decide(intake, tokens, pair_id, body)
    assert decided.status_code == 200, decided.text
    assert decided.json()["status"] == "merged" and decided.json()["merged_into"] == kept["client_id"]

    survivor = (await intake.http.get(f"/clients/{kept['client_id']}", headers=staff(tokens))).json()
    assert (survivor["person"]["given_name"], survivor["sex"], survivor["residence_postcode"]) == (
        "Anna",
        "female",
        LUTJENBURG,
    )
    answer = await intake.http.get(f"/clients/{gone['client_id']}", headers=staff(tokens))
    assert answer.status_code == 410 and answer.json()["merged_into"] == kept["client_id"]
    assert answer.headers["location"] == f"/clients/{kept['client_id']}"
    found = await intake.http.get("/clients/search", params={"name": "Kowalski"}, headers=staff(tokens))
    assert [i["client_id"] for i in found.json()["items"]] == [kept["client_id"]]
    found_by_new_name = await intake.http.get("/clients/search", params={"name": "Anna"}, headers=staff(tokens))
    assert [i["client_id"] for i in found_by_new_name.json()["items"]] == [kept["client_id"]]

    def merged(records):  # the topic holds the events of every test of the session: only ours
        events = [e.data for e in envelopes(records) if isinstance(e.data, ClientMergedV1)]
        return [e for e in events if str(e.client_id) == gone["client_id"]]

    (event,) = merged(await read_until(kafka_server.bootstrap_servers, topics.CLIENTS.name, lambda r: merged(r)))
    assert (str(event.client_id), str(event.merged_into), event.office_id) == (
        gone["client_id"],
        kept["client_id"],
        "lutjenburg",
    )


async def test_what_a_merge_moved_where_is_recorded_append_only(intake, tokens):
    kept = await register(intake, tokens, "Olena", "Kovalenko", born="1979-04-09")
    gone = await register(intake, tokens, "Olena", "Kowalenko", born="1979-09-04")
    body = {"decision": "merge", "keep": kept["client_id"], "take_from_merged": ["family_name", "birth_date"]}
    assert (await decide(intake, tokens, gone["possible_duplicates"][0]["pair_id"], body)).status_code == 200
    async with intake.runtime.engine.connect() as connection:
        (row,) = (await connection.execute(text("SELECT * FROM client_merges"))).mappings().all()
        stored = (UUID(str(row["surviving_client_id"])), UUID(str(row["merged_client_id"])))
        assert stored == (UUID(kept["client_id"]), UUID(gone["client_id"]))
        fields_from = row["fields_from"] if isinstance(row["fields_from"], dict) else json.loads(row["fields_from"])
        assert fields_from == {
            "given_name": kept["client_id"],
            "family_name": gone["client_id"],
            "birth_date": gone["client_id"],
            "residence_postcode": kept["client_id"],
            "sex": kept["client_id"],
        }
        assert row["decided_by"] == "intake_clerk-1" and row["purpose"] == "POST /duplicates/{pair_id}/decision"
        with pytest.raises(DBAPIError, match="append-only"):
            await connection.execute(text("DELETE FROM client_merges"))


async def test_bad_decisions_are_refused_naming_the_field(intake, tokens):
    first = await register(intake, tokens, "Heinz", "Groß", born="1966-12-01")
    second = await register(intake, tokens, "Heinz", "Gross", born="1966-12-01", postcode=LUTJENBURG_TOO)
    pair_id = second["possible_duplicates"][0]["pair_id"]
    keep = first["client_id"]
    cases = [
        ({"decision": "merge", "keep": "00000000-0000-7000-8000-000000000000"}, "keep"),
        ({"decision": "merge", "keep": keep, "take_from_merged": ["target_groups"]}, "take_from_merged.0"),
        ({"decision": "maybe"}, "decision"),
        ({"decision": "not_same_person", "keep": keep}, "keep"),
    ]
    for body, field in cases:
        reply = await decide(intake, tokens, pair_id, body)
        assert reply.status_code == 422, (body, reply.text)
        assert reply.json()["errors"][0]["field"] == field, body
    unknown = await decide(intake, tokens, "00000000-0000-7000-8000-000000000000", {"decision": "not_same_person"})
    assert unknown.status_code == 404


async def test_a_postcode_of_another_office_is_not_taken_in_a_merge(intake, tokens):
    kept = await register(intake, tokens, "Fatma", "Yilmaz", born="1992-02-29")
    there = await register(intake, tokens, "Fatma", "Yilmaz", born="1992-02-29", postcode=PLON)
    both = staff(tokens, Role.CASE_MANAGER, "lutjenburg", "plon")
    (pair,) = await worklist(intake, tokens, "lutjenburg", "plon")
    body = {"decision": "merge", "keep": kept["client_id"], "take_from_merged": ["residence_postcode"]}
    reply = await decide(intake, tokens, pair["pair_id"], body, both)
    assert reply.status_code == 422 and reply.json()["errors"][0]["field"] == "take_from_merged"
    assert there["possible_duplicates"] == []


async def test_only_intake_clerks_and_case_managers_of_both_offices_decide(intake, tokens):
    await register(intake, tokens, "Jan", "Jensen", born="1970-10-10")
    second = await register(intake, tokens, "Jan", "Jenssen", born="1970-10-10")
    pair_id = second["possible_duplicates"][0]["pair_id"]
    coach = await decide(intake, tokens, pair_id, {"decision": "not_same_person"}, staff(tokens, Role.COACH))
    elsewhere = await decide(
        intake, tokens, pair_id, {"decision": "not_same_person"}, staff(tokens, Role.CASE_MANAGER, "plon")
    )
    assert (coach.status_code, elsewhere.status_code) == (403, 403)
    assert len(await worklist(intake, tokens)) == 1
    dpo = await intake.http.get("/duplicates", headers=staff(tokens, Role.DATA_PROTECTION_OFFICER))
    assert dpo.status_code == 403


async def test_showing_possible_duplicates_is_audited_like_a_search(intake, tokens):
    await register(intake, tokens, "Sabine", "Wagner", born="1983-03-03")
    assert await _audited(intake) == []  # nobody shown, nothing to account for
    await register(intake, tokens, "Sabine", "Waagner", born="1983-03-03")
    await worklist(intake, tokens)
    assert await _audited(intake) == [("POST /clients", 1), ("GET /duplicates", 2)]


async def _audited(intake) -> list[tuple[str, int]]:
    async with intake.runtime.engine.connect() as connection:
        rows = await connection.execute(text("SELECT purpose, result_count FROM search_audit ORDER BY audit_id"))
        return [(r[0], r[1]) for r in rows]
