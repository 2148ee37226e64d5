"""Intake records the client's sex for the statutory statistics (§ 51b SGB II, § 3 S. 3 Kennzahlen-Verordnung) on
SQLite and PostgreSQL: in the registration, its reply and the client_registered event; `not_stated` if not given."""

from __future__ import annotations

from uuid import UUID

import pytest

from contracts import topics
from services.platform.auth.staff import Role
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service

CLIENT = {
    "person": {"given_name": "Anke", "family_name": "Hansen", "birth_date": "1988-02-11"},
    "residence_postcode": "24321",  # Lütjenburg
    "target_groups": ["single_parent"],
    "consent": True,
}


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def register(intake, tokens, body: dict) -> dict:
    headers = tokens.headers(Role.INTAKE_CLERK, offices=("lutjenburg",))
    response = await intake.http.post("/clients", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def registered_event(bootstrap: str, client_id: str):
    def ours(records):
        return [e for e in envelopes(records) if str(getattr(e.data, "client_id", "")) == client_id]

    (event,) = ours(await read_until(bootstrap, topics.CLIENTS.name, lambda rs: len(ours(rs)) >= 1))
    return event.data


async def test_a_client_registered_as_female_is_female_in_the_reply_the_file_and_the_event(
    intake, kafka_server, tokens
):
    client = await register(intake, tokens, {**CLIENT, "sex": "female"})
    assert client["sex"] == "female"
    shown = await intake.http.get(
        f"/clients/{client['client_id']}", headers=tokens.headers(Role.CASE_MANAGER, offices=("lutjenburg",))
    )
    assert shown.json()["sex"] == "female"
    event = await registered_event(kafka_server.bootstrap_servers, client["client_id"])
    assert (event.sex, event.client_id, event.target_groups) == ("female", UUID(client["client_id"]), ["single_parent"])


async def test_a_registration_without_sex_is_not_stated(intake, kafka_server, tokens):
    client = await register(intake, tokens, CLIENT)
    assert client["sex"] == "not_stated"
    event = await registered_event(kafka_server.bootstrap_servers, client["client_id"])
    assert event.sex == "not_stated"


async def test_an_unknown_sex_is_refused_with_422_naming_the_field(intake, tokens):
    headers = tokens.headers(Role.INTAKE_CLERK, offices=("lutjenburg",))
    response = await intake.http.post("/clients", json={**CLIENT, "sex": "w"}, headers=headers)
    assert response.status_code == 422
    assert "sex" in response.text
