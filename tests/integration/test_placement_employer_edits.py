"""Editing an employer: the rules of adding one, the caller's offices, and no event, as adding one sends none."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest
from sqlalchemy import func, select

from services.placement.tables import plumbing
from services.platform.auth.staff import Role
from tests.support.running_service import RunningService, running_service

EMPLOYER = {"name": "Spedition Preetz", "office_id": "preetz", "postcode": "24211", "partner_company": False}


@pytest.fixture
async def placement(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service(
        "placement", url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:
        yield service


def officer(tokens: Any, *offices: str) -> dict[str, str]:
    return tokens.headers(Role.PLACEMENT_OFFICER, offices=offices or ("preetz",))


async def employer_of(placement: RunningService, tokens: Any) -> dict[str, Any]:
    created = await placement.http.post("/employers", headers=officer(tokens), json=EMPLOYER)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def staged_events(placement: RunningService) -> int:
    async with placement.runtime.uow.transaction() as tx:
        return int(await tx.session.scalar(select(func.count()).select_from(plumbing.outbox)) or 0)


async def test_an_edited_employer_keeps_its_id_and_reads_back_with_the_new_name_and_postcode(placement, tokens):
    employer = await employer_of(placement, tokens)
    path = f"/employers/{employer['employer_id']}"
    change = {**EMPLOYER, "name": "Spedition Preetz & Söhne", "postcode": "24214", "partner_company": True}
    edited = await placement.http.put(path, headers=officer(tokens), json=change)
    assert edited.status_code == 200, edited.text
    again = (await placement.http.get(path, headers=officer(tokens))).json()
    assert again == edited.json() == {**change, "employer_id": employer["employer_id"]}


async def test_an_employer_edit_stages_no_event_as_adding_one_stages_none(placement, tokens):
    employer = await employer_of(placement, tokens)
    assert await staged_events(placement) == 0
    path = f"/employers/{employer['employer_id']}"
    edited = await placement.http.put(path, headers=officer(tokens), json={**EMPLOYER, "name": "Neuer Name"})
    assert edited.status_code == 200, edited.text
    assert await staged_events(placement) == 0


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "  "}, "name"),
        ({"postcode": "2421"}, "postcode"),
        ({"office_id": "atlantis"}, "office_id"),
        ({"partner_company": "vielleicht"}, "partner_company"),
    ],
)
async def test_an_invalid_employer_edit_gets_422_naming_the_field_and_changes_nothing(placement, tokens, change, field):
    employer = await employer_of(placement, tokens)
    path = f"/employers/{employer['employer_id']}"
    refused = await placement.http.put(path, headers=officer(tokens), json={**EMPLOYER, **change})
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert (await placement.http.get(path, headers=officer(tokens))).json() == employer


async def test_an_unknown_employer_is_404_and_another_offices_officer_or_a_coach_gets_403(placement, tokens):
    employer = await employer_of(placement, tokens)
    unknown = await placement.http.put(f"/employers/{uuid4()}", headers=officer(tokens), json=EMPLOYER)
    assert unknown.status_code == 404, unknown.text
    path = f"/employers/{employer['employer_id']}"
    plon = {**EMPLOYER, "office_id": "plon", "name": "Fremd"}
    assert (await placement.http.put(path, headers=officer(tokens, "plon"), json=plon)).status_code == 403
    coach = tokens.headers(Role.COACH, offices=("preetz",))
    assert (await placement.http.put(path, headers=coach, json=EMPLOYER)).status_code == 403
    assert (await placement.http.get(path, headers=officer(tokens))).json() == employer


async def test_an_employer_moves_to_another_office_only_for_an_officer_of_both(placement, tokens):
    employer = await employer_of(placement, tokens)
    path = f"/employers/{employer['employer_id']}"
    to_plon = {**EMPLOYER, "office_id": "plon"}
    assert (await placement.http.put(path, headers=officer(tokens), json=to_plon)).status_code == 403
    moved = await placement.http.put(path, headers=officer(tokens, "preetz", "plon"), json=to_plon)
    assert moved.status_code == 200, moved.text
    listed = await placement.http.get("/employers", headers=officer(tokens, "plon"), params={"office_id": "plon"})
    assert [e["employer_id"] for e in listed.json()] == [employer["employer_id"]]


async def test_a_blank_name_is_refused_with_422_when_adding_too_not_passed_on_as_empty(placement, tokens):
    refused = await placement.http.post("/employers", headers=officer(tokens), json={**EMPLOYER, "name": "   "})
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == ["name"]
