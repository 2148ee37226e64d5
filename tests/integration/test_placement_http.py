"""Placement's staff API: 422 naming the field, roles and offices (one backend suffices: no database rule here)."""

from __future__ import annotations

from uuid import uuid4

import pytest

from services.platform.auth.staff import Role
from tests.support.openapi_formats import conforms, declared
from tests.support.running_service import running_service

VACANCY = {
    "title": "Auszubildende/r Fachkraft für Lagerlogistik",
    "occupation": "Lagerlogistik",
    "kind": "apprenticeship",
    "weekly_hours": "39",
    "daily_start": "07:30",
    "location_postcode": "24211",
    "positions": 2,
    "gross_monthly_pay": "1050.00",
    "subject_to_social_insurance": True,
}


@pytest.fixture
async def placement(kafka_server, tmp_path, tokens):
    url = f"sqlite+aiosqlite:///{tmp_path / 'placement.db'}"
    async with running_service(
        "placement", url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:
        yield service


@pytest.fixture
async def employer_id(placement, tokens):
    response = await placement.http.post(
        "/employers",
        headers=tokens.headers(Role.PLACEMENT_OFFICER),
        json={"name": "Spedition Preetz", "office_id": "preetz", "postcode": "24211", "partner_company": True},
    )
    assert response.status_code == 201, response.text
    return response.json()["employer_id"]


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"daily_start": "25:00"}, "daily_start"),
        ({"kind": "internship"}, "kind"),
        ({"weekly_hours": "50"}, "weekly_hours"),
        ({"positions": 0}, "positions"),
        ({"location_postcode": "2421"}, "location_postcode"),
        ({"subject_to_social_insurance": False}, "subject_to_social_insurance"),
        ({"employer_id": str(uuid4())}, "employer_id"),
    ],
)
async def test_an_invalid_vacancy_gets_422_naming_the_field(placement, tokens, employer_id, change, field):
    response = await placement.http.post(
        "/vacancies",
        headers=tokens.headers(Role.PLACEMENT_OFFICER),
        json={**VACANCY, "employer_id": employer_id, **change},
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]


async def test_an_apprenticeship_vacancy_is_listed_with_its_open_positions(placement, tokens, employer_id):
    headers = tokens.headers(Role.PLACEMENT_OFFICER, offices=("preetz",))
    created = await placement.http.post("/vacancies", headers=headers, json={**VACANCY, "employer_id": employer_id})
    assert created.status_code == 201, created.text
    listed = await placement.http.get("/vacancies?kind=apprenticeship&open_only=true", headers=headers)
    assert [v["vacancy_id"] for v in listed.json()] == [created.json()["vacancy_id"]]
    assert listed.json()[0]["open_positions"] == 2 and listed.json()[0]["daily_start"] == "07:30"


async def test_roles_and_offices_are_enforced(placement, tokens, employer_id):
    body = {**VACANCY, "employer_id": employer_id}
    assert (await placement.http.post("/vacancies", json=body, headers=tokens.headers(Role.COACH))).status_code == 403
    worker = tokens.headers(Role.JOURNEY_WORKER)
    assert (await placement.http.post("/vacancies", json=body, headers=worker)).status_code == 403
    other_office = tokens.headers(Role.PLACEMENT_OFFICER, offices=("celle",))
    assert (await placement.http.post("/vacancies", json=body, headers=other_office)).status_code == 403
    unknown = f"/employments/{uuid4()}/continuation-checks"
    assert (await placement.http.post(unknown, json={"month": "2026-04-01"}, headers=worker)).status_code == 404
    not_first = await placement.http.post(unknown, json={"month": "2026-04-15"}, headers=worker)
    assert not_first.status_code == 422 and not_first.json()["errors"][0]["field"] == "month"


async def test_a_vacancys_daily_start_and_created_at_in_post_and_get_replies_meet_the_openapi_schema(
    placement, tokens, employer_id
):
    headers = tokens.headers(Role.PLACEMENT_OFFICER, offices=("preetz",))
    created = await placement.http.post("/vacancies", headers=headers, json={**VACANCY, "employer_id": employer_id})
    assert created.status_code == 201, created.text
    read = await placement.http.get(f"/vacancies/{created.json()['vacancy_id']}", headers=headers)
    listed = await placement.http.get("/vacancies", headers=headers)
    replies = [created.json(), read.json(), *listed.json()]
    for field in ("daily_start", "created_at"):
        schema = declared(placement.app, "VacancyOut", field)
        assert [conforms(schema, r[field]) for r in replies] == [True] * 3, (field, schema, replies)


async def test_an_employer_of_an_office_the_district_does_not_have_is_refused_with_422_naming_office_id(
    placement, tokens
):
    response = await placement.http.post(
        "/employers",
        headers=tokens.headers(Role.PLACEMENT_OFFICER),
        json={"name": "Nirgendwo GmbH", "office_id": "nowhere", "postcode": "24211"},
    )
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == ["office_id"]
    listed = await placement.http.get("/employers", headers=tokens.headers(Role.PLACEMENT_OFFICER))
    assert listed.json() == []


@pytest.mark.parametrize(
    ("path", "body", "field"),
    [
        ("/employers", {"name": "Spedition\x00 Preetz", "office_id": "preetz", "postcode": "24211"}, "name"),
        (
            "/employments",
            {
                "client_id": str(uuid4()),
                "employer_id": str(uuid4()),
                "start_date": "0001-01-01",
                "weekly_hours": "39",
                "gross_monthly_pay": "2000",
                "net_monthly_pay": "1500",
                "first_pay_date": "2026-05-01",
                "subject_to_social_insurance": True,
            },
            "start_date",
        ),
    ],
)
async def test_control_characters_and_implausible_dates_are_refused_with_422_naming_the_field(
    placement, tokens, path, body, field
):
    response = await placement.http.post(path, headers=tokens.headers(Role.PLACEMENT_OFFICER), json=body)
    assert response.status_code == 422, response.text
    assert [e["field"] for e in response.json()["errors"]] == [field]
