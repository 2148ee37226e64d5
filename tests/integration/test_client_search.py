"""Intake's client search and lookup on SQLite and PostgreSQL: client numbers, German names, office scope,
pages, and the sealed audit of every search."""

from __future__ import annotations

from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from services.platform.auth.staff import Role
from services.platform.privacy.cipher import FieldCipher, field_context
from services.platform.privacy.keys import load_key_ring
from services.platform.privacy.searches import SEARCH_CRITERIA
from tests.support.running_service import running_service

LUTJENBURG, PLON = "24321", "24306"  # postcodes of the two offices


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def as_(tokens, role: Role = Role.CASE_MANAGER, office: str = "lutjenburg", staff_id: str = "lutjenburg-cm-01"):
    return tokens.headers(role, offices=(office,), staff_id=staff_id)


async def register(intake, tokens, given: str, family: str, born: str = "1980-05-17", postcode: str = LUTJENBURG):
    office = "plon" if postcode == PLON else "lutjenburg"
    body = {
        "person": {"given_name": given, "family_name": family, "birth_date": born},
        "residence_postcode": postcode,
        "target_groups": ["health_limitations"],
        "consent": True,
    }
    reply = await intake.http.post("/clients", json=body, headers=as_(tokens, Role.INTAKE_CLERK, office, "clerk-1"))
    assert reply.status_code == 201, reply.text
    return reply.json()


async def search(intake, tokens, headers=None, **params):
    reply = await intake.http.get("/clients/search", params=params, headers=headers or as_(tokens))
    assert reply.status_code == 200, reply.text
    return reply.json()


def names(page: dict) -> list[str]:
    return [f"{i['given_name']} {i['family_name']}" for i in page["items"]]


async def test_every_client_gets_a_client_number_at_registration_shown_in_the_file(intake, tokens):
    first, second = await register(intake, tokens, "Anna", "Müller"), await register(intake, tokens, "Jens", "Petersen")
    assert (first["client_number"], second["client_number"]) == ("L-000001", "L-000002")
    shown = await intake.http.get(f"/clients/{second['client_id']}", headers=as_(tokens))
    assert shown.json()["client_number"] == "L-000002"
    found = await search(intake, tokens, client_number="l2")
    assert [i["client_id"] for i in found["items"]] == [second["client_id"]]


async def test_a_search_for_mueller_finds_müller_muller_and_möller_in_that_order(intake, tokens):
    for family in ("Möller", "Muller", "Müller", "Schmitt"):
        await register(intake, tokens, "Anna", family)
    page = await search(intake, tokens, name="Mueller anna")
    assert names(page) == ["Anna Müller", "Anna Muller", "Anna Möller"]
    assert page["items"][0]["score"] == 100 and page["items"][0]["match"] == "exact family name, exact given name"
    assert page["items"][0]["residence_postcode"] == LUTJENBURG and page["items"][0]["office_id"] == "lutjenburg"
    assert "target_groups" not in page["items"][0]  # never health data, not even the field


async def test_a_misspelt_name_with_the_birth_date_finds_the_client(intake, tokens):
    await register(intake, tokens, "Jens", "Petersen", born="1971-06-02")
    await register(intake, tokens, "Jens", "Petersen", born="1990-01-01")
    page = await search(intake, tokens, name="Petresen", birth_date="1971-06-02")
    assert [(i["birth_date"], i["match"]) for i in page["items"]] == [
        ("1971-06-02", "phonetic family name, exact birth date")
    ]


async def test_a_case_manager_finds_no_client_of_another_office_and_is_refused_that_office(intake, tokens):
    await register(intake, tokens, "Anna", "Müller")
    await register(intake, tokens, "Anna", "Müller", postcode=PLON)
    plon_manager = as_(tokens, office="plon", staff_id="plon-cm-01")
    assert [i["office_id"] for i in (await search(intake, tokens, plon_manager, name="Müller"))["items"]] == ["plon"]
    refused = await intake.http.get(
        "/clients/search", params={"name": "Müller", "office_id": "lutjenburg"}, headers=plon_manager
    )
    assert refused.status_code == 403
    everywhere = tokens.headers(Role.BENEFITS_CLERK, offices=("*",), staff_id="clerk-2")
    assert len((await search(intake, tokens, everywhere, name="Müller"))["items"]) == 2
    assert len((await search(intake, tokens, everywhere, name="Müller", office_id="plon"))["items"]) == 1


@pytest.mark.parametrize("role", [Role.OPERATOR, Role.JOURNEY_WORKER, Role.DATA_PROTECTION_OFFICER])
async def test_roles_that_work_with_no_client_may_not_search(intake, tokens, role):
    reply = await intake.http.get("/clients/search", params={"name": "Müller"}, headers=as_(tokens, role))
    assert reply.status_code == 403


async def test_pages_of_a_search_follow_each_other_without_overlap(intake, tokens):
    for number in range(5):
        await register(intake, tokens, f"Anna{'a' * number}", "Schmidt")
    seen, cursor = [], None
    while True:
        page = await search(intake, tokens, name="Schmitt", limit=2, **({"cursor": cursor} if cursor else {}))
        seen += [i["client_id"] for i in page["items"]]
        if (cursor := page["next_cursor"]) is None:
            break
    assert len(seen) == len(set(seen)) == 5


async def test_bad_search_parameters_are_refused_naming_the_parameter(intake, tokens):
    cases = [
        ({}, "query"),
        ({"name": "123"}, "query.name"),
        ({"client_number": "X-1"}, "query.client_number"),
        ({"postcode": "2432"}, "query.postcode"),
        ({"name": "Müller", "cursor": "not-a-cursor"}, "query.cursor"),
        ({"name": "Müller", "limit": 201}, "query.limit"),
        ({"birth_date": "1880-01-01"}, "query.birth_date"),
    ]
    for params, field in cases:
        reply = await intake.http.get("/clients/search", params=params, headers=as_(tokens))
        assert reply.status_code == 422, (params, reply.text)
        assert reply.json()["errors"][0]["field"] == field, params


async def test_every_search_is_audited_with_its_criteria_sealed(intake, tokens):
    anna = await register(intake, tokens, "Anna", "Müller")
    await search(intake, tokens, name="Mueller", postcode=LUTJENBURG)
    async with intake.runtime.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT * FROM search_audit"))).mappings().all()
    assert len(rows) == 1 and rows[0]["staff_id"] == "lutjenburg-cm-01" and rows[0]["offices"] == "lutjenburg"
    assert rows[0]["purpose"] == "GET /clients/search" and rows[0]["result_count"] == 1
    stored = " ".join(str(v) for v in rows[0].values()).lower()
    assert "mueller" not in stored and LUTJENBURG not in stored and anna["client_id"] not in stored

    key_file = Path(tokens.public_key).parent / "intake-data.key"
    opened = FieldCipher(load_key_ring(key_file)).open_json(
        rows[0]["sealed_criteria"], field_context(SEARCH_CRITERIA, UUID(str(rows[0]["audit_id"])))
    )
    assert opened["criteria"]["name"] == "Mueller" and opened["criteria"]["postcode"] == LUTJENBURG
    assert opened["shown"] == [anna["client_id"]]

    dpo = tokens.headers(Role.DATA_PROTECTION_OFFICER, offices=("*",), staff_id="dpo-1")
    trail = (await intake.http.get("/audit/searches", params={"staff_id": "lutjenburg-cm-01"}, headers=dpo)).json()
    assert [(e["criteria"]["name"], e["shown"]) for e in trail["items"]] == [("Mueller", [anna["client_id"]])]
    assert (await intake.http.get("/audit/searches", headers=as_(tokens))).status_code == 403

    async with intake.runtime.engine.connect() as connection:
        with pytest.raises(DBAPIError, match="append-only"):
            await connection.execute(text("DELETE FROM search_audit"))


async def test_a_lookup_by_ids_names_the_clients_the_caller_may_see_and_leaves_out_the_others(intake, tokens):
    here = await register(intake, tokens, "Anna", "Müller")
    there = await register(intake, tokens, "Jens", "Petersen", postcode=PLON)
    ids = [here["client_id"], str(uuid4()), there["client_id"]]
    reply = await intake.http.get("/clients", params={"client_id": ids}, headers=as_(tokens, Role.COACH))
    assert reply.status_code == 200, reply.text
    assert [(i["client_number"], i["family_name"]) for i in reply.json()["items"]] == [("L-000001", "Müller")]
    everywhere = tokens.headers(Role.OPERATOR, offices=("*",), staff_id="lead-1")
    both = (await intake.http.get("/clients", params={"client_id": ids[::-1]}, headers=everywhere)).json()["items"]
    assert [i["family_name"] for i in both] == ["Petersen", "Müller"]
    too_many = await intake.http.get(
        "/clients", params={"client_id": [str(uuid4()) for _ in range(201)]}, headers=everywhere
    )
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "query.client_id"
    async with intake.runtime.engine.connect() as connection:
        audited = (
            await connection.execute(text("SELECT count(*) FROM search_audit WHERE purpose = 'GET /clients'"))
        ).scalar_one()
    assert audited == 2
