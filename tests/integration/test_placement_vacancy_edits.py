"""Editing a vacancy: the rules of adding one, the caller's offices, open positions kept true to the hires."""

from __future__ import annotations

from typing import Any
from uuid import uuid4

import pytest

from services.platform.auth.staff import Role
from tests.integration.test_placement_http import VACANCY
from tests.support.running_service import RunningService, running_service


@pytest.fixture
async def placement(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service(
        "placement", url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:
        yield service


def preetz(tokens: Any) -> dict[str, str]:
    return tokens.headers(Role.PLACEMENT_OFFICER, offices=("preetz",))


async def vacancy_of(placement: RunningService, tokens: Any) -> dict[str, Any]:
    employer = await placement.http.post(
        "/employers",
        headers=preetz(tokens),
        json={"name": "Spedition Preetz", "office_id": "preetz", "postcode": "24211"},
    )
    assert employer.status_code == 201, employer.text
    created = await placement.http.post(
        "/vacancies", headers=preetz(tokens), json={**VACANCY, "employer_id": employer.json()["employer_id"]}
    )
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


def body_of(vacancy: dict[str, Any], **change: Any) -> dict[str, Any]:
    return {**{k: vacancy[k] for k in (*VACANCY, "employer_id")}, **change}


async def test_an_edited_vacancy_keeps_its_id_and_reads_back_with_the_new_start_and_positions(placement, tokens):
    vacancy = await vacancy_of(placement, tokens)
    path = f"/vacancies/{vacancy['vacancy_id']}"
    edited = await placement.http.put(
        path, headers=preetz(tokens), json=body_of(vacancy, daily_start="08:15", positions=3)
    )
    assert edited.status_code == 200, edited.text
    again = (await placement.http.get(path, headers=preetz(tokens))).json()
    assert again == edited.json()
    assert (again["vacancy_id"], again["daily_start"], again["positions"], again["open_positions"]) == (
        vacancy["vacancy_id"],
        "08:15",
        3,
        3,
    )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"daily_start": "25:00"}, "daily_start"),
        ({"weekly_hours": "50"}, "weekly_hours"),
        ({"subject_to_social_insurance": False}, "subject_to_social_insurance"),
        ({"employer_id": str(uuid4())}, "employer_id"),
    ],
)
async def test_an_invalid_edit_gets_422_naming_the_field_and_changes_nothing(placement, tokens, change, field):
    vacancy = await vacancy_of(placement, tokens)
    path = f"/vacancies/{vacancy['vacancy_id']}"
    before = (await placement.http.get(path, headers=preetz(tokens))).json()
    refused = await placement.http.put(path, headers=preetz(tokens), json=body_of(vacancy, **change))
    assert refused.status_code == 422, refused.text
    assert [e["field"] for e in refused.json()["errors"]] == [field]
    assert (await placement.http.get(path, headers=preetz(tokens))).json() == before


async def test_an_unknown_vacancy_is_404_and_another_offices_officer_gets_403(placement, tokens):
    vacancy = await vacancy_of(placement, tokens)
    unknown = await placement.http.put(f"/vacancies/{uuid4()}", headers=preetz(tokens), json=body_of(vacancy))
    assert unknown.status_code == 404, unknown.text
    plon = tokens.headers(Role.PLACEMENT_OFFICER, offices=("plon",))
    path = f"/vacancies/{vacancy['vacancy_id']}"
    assert (await placement.http.put(path, headers=plon, json=body_of(vacancy, title="Fremd"))).status_code == 403
    coach = tokens.headers(Role.COACH, offices=("preetz",))
    assert (await placement.http.put(path, headers=coach, json=body_of(vacancy))).status_code == 403
    assert (await placement.http.get(path, headers=preetz(tokens))).json()["title"] == vacancy["title"]
