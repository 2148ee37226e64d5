"""Intake's health-related target group (GDPR Art. 9) on SQLite and PostgreSQL: sealed at rest, shown only to
case managers of the client's office, every write and read in the append-only audit trail."""

from __future__ import annotations

from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from services.platform.auth.staff import Role
from services.platform.privacy.cipher import SealedDataError
from tests.support.running_service import running_service

HEALTH = "health_limitations"
CLIENT = {
    "person": {"given_name": "Jens", "family_name": "Petersen", "birth_date": "1971-06-02"},
    "residence_postcode": "24321",  # Lütjenburg
    "target_groups": ["long_term_unemployed", HEALTH],
    "consent": True,
}


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def as_(tokens, role: Role, office: str = "lutjenburg", staff_id: str = "staff-1") -> dict[str, str]:
    return tokens.headers(role, offices=(office,), staff_id=staff_id)


async def register(intake, tokens, body=CLIENT, key: str | None = None) -> dict:
    headers = {**as_(tokens, Role.INTAKE_CLERK, staff_id="clerk-1"), **({"Idempotency-Key": key} if key else {})}
    response = await intake.http.post("/clients", json=body, headers=headers)
    assert response.status_code == 201, response.text
    return response.json()


async def raw_text(service, table: str) -> str:
    """Everything a table holds, as someone reading the database files would see it."""
    async with service.runtime.engine.connect() as connection:
        rows = (await connection.execute(text(f"SELECT * FROM {table}"))).all()
    return " ".join(v.decode("latin-1") if isinstance(v, bytes) else str(v) for row in rows for v in row)


async def audit_trail(intake, tokens, client_id: str, office: str = "*") -> list[dict]:
    response = await intake.http.get(
        f"/audit/special-category?client_id={client_id}",
        headers=as_(tokens, Role.DATA_PROTECTION_OFFICER, office, "dpo-1"),
    )
    assert response.status_code == 200, response.text
    return [{k: e[k] for k in ("staff_id", "roles", "action", "field", "purpose")} for e in response.json()["items"]]


async def test_no_table_of_intake_holds_the_health_target_group_in_clear(intake, tokens):
    client = await register(intake, tokens, key="register-0001")
    assert client["target_groups"] == ["long_term_unemployed"]  # the reply is kept for retries: left out
    for table in ("clients", "outbox", "idempotency_keys", "special_category_audit"):
        assert "health" not in (await raw_text(intake, table)).lower(), table
    assert "long_term_unemployed" in await raw_text(intake, "clients")
    async with intake.runtime.engine.connect() as connection:
        sealed = (await connection.execute(text("SELECT special_categories FROM clients"))).scalar_one()
    assert sealed.startswith("person:")  # the client's own key (person_keys.py), wrapped by the ring


SEES_HEALTH = {
    Role.CASE_MANAGER: True,
    Role.INTAKE_CLERK: False,
    Role.COACH: False,
    Role.PLACEMENT_OFFICER: False,
    Role.BENEFITS_CLERK: False,
    Role.OPERATOR: False,
    Role.JOURNEY_WORKER: False,
}


async def test_only_the_case_manager_sees_the_health_target_group_the_others_get_it_left_out(intake, tokens):
    client_id = (await register(intake, tokens))["client_id"]
    for role, sees_health in SEES_HEALTH.items():
        response = await intake.http.get(f"/clients/{client_id}", headers=as_(tokens, role, staff_id=role.value))
        assert response.status_code == 200, (role, response.text)
        expected = [HEALTH, "long_term_unemployed"] if sees_health else ["long_term_unemployed"]
        assert response.json()["target_groups"] == expected, role
    reads = [e["staff_id"] for e in await audit_trail(intake, tokens, client_id) if e["action"] == "read"]
    assert reads == ["case_manager"]  # left out means not decrypted, so nothing to audit


async def test_a_case_manager_of_another_office_and_the_data_protection_officer_get_no_record(intake, tokens):
    client_id = (await register(intake, tokens))["client_id"]
    other_office = await intake.http.get(f"/clients/{client_id}", headers=as_(tokens, Role.CASE_MANAGER, "plon"))
    officer = await intake.http.get(f"/clients/{client_id}", headers=as_(tokens, Role.DATA_PROTECTION_OFFICER))
    assert (other_office.status_code, officer.status_code) == (403, 403)
    assert [e["action"] for e in await audit_trail(intake, tokens, client_id)] == ["write"]


async def test_every_write_and_read_is_audited_and_only_the_data_protection_officer_reads_the_trail(intake, tokens):
    client_id = (await register(intake, tokens))["client_id"]
    without = await register(intake, tokens, {**CLIENT, "target_groups": ["single_parent"]})
    for _ in range(2):
        await intake.http.get(f"/clients/{client_id}", headers=as_(tokens, Role.CASE_MANAGER, staff_id="cm-7"))

    assert await audit_trail(intake, tokens, client_id) == [
        {
            "staff_id": "clerk-1",
            "roles": ["intake_clerk"],
            "action": "write",
            "field": "clients.special_categories",
            "purpose": "POST /clients",
        },
        *[
            {
                "staff_id": "cm-7",
                "roles": ["case_manager"],
                "action": "read",
                "field": "clients.special_categories",
                "purpose": "GET /clients/{client_id}",
            }
        ]
        * 2,
    ]
    # A client without such data is audited alike: the trail does not tell who has health limitations.
    assert [e["action"] for e in await audit_trail(intake, tokens, without["client_id"])] == ["write"]
    assert await audit_trail(intake, tokens, client_id, office="plon") == []
    for role in (Role.OPERATOR, Role.CASE_MANAGER):
        refused = await intake.http.get(f"/audit/special-category?client_id={client_id}", headers=as_(tokens, role))
        assert refused.status_code == 403


async def test_the_audit_trail_is_append_only_in_the_database(intake, tokens):
    await register(intake, tokens)
    for statement in (
        "UPDATE special_category_audit SET staff_id = 'someone-else'",
        "DELETE FROM special_category_audit",
    ):
        with pytest.raises(DBAPIError, match="append-only"):
            async with intake.runtime.engine.begin() as connection:
                await connection.execute(text(statement))
    assert "clerk-1" in await raw_text(intake, "special_category_audit")


async def test_a_sealed_value_copied_into_another_clients_row_does_not_open(intake, tokens, caplog):
    first = UUID((await register(intake, tokens))["client_id"])
    second = UUID((await register(intake, tokens, {**CLIENT, "target_groups": []}))["client_id"])
    async with intake.runtime.engine.begin() as connection:
        clients = (await connection.execute(text("SELECT client_id, special_categories FROM clients"))).all()
        sealed_of_first = next(sealed for client_id, sealed in clients if UUID(str(client_id)) == first)
        await connection.execute(
            text(
                "UPDATE clients SET special_categories = :sealed WHERE client_id <> "
                "(SELECT client_id FROM clients WHERE special_categories = :sealed)"
            ),
            {"sealed": sealed_of_first},
        )
    reply = await intake.http.get(f"/clients/{second}", headers=as_(tokens, Role.CASE_MANAGER))
    # A moved ciphertext is an integrity fault of the database, not the caller's: a logged 500 that shows nothing.
    assert reply.status_code == 500 and "health" not in reply.text
    assert any(record.exc_info and record.exc_info[0] is SealedDataError for record in caplog.records)
