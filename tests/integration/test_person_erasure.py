"""Right of access (Art. 15 GDPR) and erasure (Art. 17) in intake and coaching, on SQLite and PostgreSQL:
the data-protection officer's export opens the sealed values; erasure shreds the person's key, deletes or
anonymises the rows, is idempotent, and leaves other persons as they were."""

from __future__ import annotations

import asyncio
import json
import os
import shutil
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import inspect, select, text

from services.coaching.tables import CooperationPlanRow
from services.platform.auth.staff import Role
from tests.integration.test_special_category_coaching import PLAN, agree, assigned_case
from tests.integration.test_special_category_intake import CLIENT, as_, raw_text, register
from tests.support.running_service import running_service
from workflows import access_request


@pytest.fixture
async def intake(kafka_server, database_url, tokens):
    async with running_service("intake", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def dpo(tokens, office: str = "lutjenburg") -> dict[str, str]:
    return tokens.headers(Role.DATA_PROTECTION_OFFICER, offices=(office,), staff_id="dpo-1")


async def export(service, tokens, client_id, office: str = "lutjenburg") -> dict:
    response = await service.http.get(f"/persons/{client_id}/export", headers=dpo(tokens, office))
    assert response.status_code == 200, response.text
    return response.json()


async def erase(service, tokens, client_id, key: str = "first") -> dict:
    headers = {
        **tokens.headers(Role.JOURNEY_WORKER, offices=("*",), staff_id="erasure"),
        "Idempotency-Key": f"erase-{key}-{client_id}",
    }
    response = await service.http.post(f"/persons/{client_id}/erasure", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


def clerk(tokens, key: str) -> dict[str, str]:
    return {**as_(tokens, Role.INTAKE_CLERK, staff_id="clerk-1"), "Idempotency-Key": key}


async def everything(service) -> str:
    """Every table's every value, as someone reading the database files would see them."""
    async with service.runtime.engine.connect() as connection:
        names = await connection.run_sync(lambda sync: inspect(sync).get_table_names())
        rows = [
            v.decode("latin-1") if isinstance(v, bytes) else str(v)
            for name in names
            for row in (await connection.execute(text(f'SELECT * FROM "{name}"'))).all()
            for v in row
        ]
    return " ".join(rows)


async def sealed_plan(service, client_id: UUID) -> str:
    plans = CooperationPlanRow.__table__
    async with service.runtime.engine.connect() as connection:
        query = select(plans.c.sealed_content).where(plans.c.client_id == client_id)
        return (await connection.execute(query)).scalar_one()


async def rows_naming(service, client_id: UUID) -> dict[str, int]:
    """Rows of each table of the service's person map, and its person key, that still name the client."""
    parts = service.app.state.person_parts
    async with service.runtime.uow.transaction() as tx:
        counts = {p.table.name: len(await parts.data.rows(tx.session, p, client_id)) for p in parts.data.tables}
        keys = parts.keys.keys
        counts["person_keys"] = len((await tx.session.execute(select(keys).where(keys.c.client_id == client_id))).all())
    return {table: count for table, count in counts.items() if count}


async def test_the_export_opens_the_plan_for_the_data_protection_officer_and_erasure_shreds_it(coaching, tokens):
    erased, kept = await assigned_case(coaching), await assigned_case(coaching)
    await agree(coaching, tokens, erased)
    await agree(coaching, tokens, kept, plan={**PLAN, "goals": ["work in the bakery"]})

    part = await export(coaching, tokens, erased)
    assert part["status"] == "held" and {"cases", "cooperation_plans"} <= part["tables"].keys()
    assert part["tables"]["cooperation_plans"][0]["sealed_content"]["goals"] == PLAN["goals"]
    vault = coaching.app.state.special_categories
    sealed = await sealed_plan(coaching, erased)
    assert sealed.startswith("person:")  # the person's own key, not the service's ring

    first = await erase(coaching, tokens, erased)
    assert first["rows"]["cooperation_plans"] == 1 and first["rows"]["cases"] == 1
    assert await erase(coaching, tokens, erased) == first  # a retry: the first reply
    again = await erase(coaching, tokens, erased, key="second")  # the workflow run again: nothing left to do
    assert (again["erased_at"], again["rows"]) == (first["erased_at"], {})

    assert (await export(coaching, tokens, erased))["status"] == "erased"
    assert await rows_naming(coaching, erased) == {}
    assert await rows_naming(coaching, kept) == {"cases": 1, "cooperation_plans": 1, "person_keys": 1}
    async with coaching.runtime.uow.transaction() as tx:  # a copy of the ciphertext (a backup) opens to nothing
        assert await vault.opening_cipher(tx.session, erased, sealed) is None
    other = await export(coaching, tokens, kept)
    assert other["tables"]["cooperation_plans"][0]["sealed_content"]["goals"] == ["work in the bakery"]


async def test_intake_anonymises_the_client_and_the_health_group_can_no_longer_be_opened(intake, tokens):
    erased = UUID((await register(intake, tokens, key="register-erased"))["client_id"])
    other = {**CLIENT, "person": {**CLIENT["person"], "given_name": "Kerstin", "family_name": "Hansen"}}
    kept = UUID((await register(intake, tokens, body=other))["client_id"])

    part = await export(intake, tokens, erased)
    client = part["tables"]["clients"][0]
    assert (client["family_name"], client["special_categories"]) == (
        "Petersen",
        {"target_groups": ["health_limitations"]},
    )
    wrong_office = await intake.http.get(f"/persons/{erased}/export", headers=dpo(tokens, "plon"))
    assert wrong_office.status_code == 403

    sealed = (await export(intake, tokens, kept))["tables"]["clients"][0]
    replies = await raw_text(intake, "idempotency_keys")
    assert str(erased) not in replies and "Petersen" not in replies  # the stored reply is sealed
    again = await intake.http.post("/clients", json=CLIENT, headers=clerk(tokens, "register-erased"))
    assert again.headers["Idempotent-Replayed"] == "true" and again.json()["client_id"] == str(erased)
    result = await erase(intake, tokens, erased)
    assert result["rows"]["clients"] == 1 and result["rows"]["idempotency_keys"] == 1  # the registration's reply
    assert result["rows"]["client_name_tokens"] > 0 and sealed["family_name"] == "Hansen"

    stored = await everything(intake)
    assert "Petersen" not in stored and "Jens" not in stored and "Hansen" in stored
    part = await export(intake, tokens, erased)
    assert part["status"] == "erased" and part["tables"] == {}
    kept_part = await export(intake, tokens, kept)
    assert kept_part["tables"]["clients"][0]["special_categories"] == {"target_groups": ["health_limitations"]}
    response = await intake.http.get(
        f"/persons/{erased}/export", headers=tokens.headers(Role.CASE_MANAGER, offices=("*",))
    )
    assert response.status_code == 403  # the export is the data-protection officer's


async def test_the_access_request_assembles_every_part_into_json_html_and_pdf(intake, kafka_server, tokens, tmp_path):
    async with running_service(
        "coaching", f"sqlite+aiosqlite:///{tmp_path / 'coaching.db'}", kafka_server.bootstrap_servers, tokens.public_key
    ) as coaching:
        await _access_request(intake, coaching, tokens, tmp_path)


async def _access_request(intake, coaching, tokens, tmp_path) -> None:
    client_id = UUID((await register(intake, tokens, key="register-access"))["client_id"])
    token = tokens.headers(Role.DATA_PROTECTION_OFFICER, offices=("*",), staff_id="dpo-1")["Authorization"][7:]
    report = await access_request.collect(client_id, {"intake": intake.http, "coaching": coaching.http}, token)
    assert report["services"]["intake"]["tables"]["clients"][0]["given_name"] == "Jens"
    # Coaching's part is there whether or not it has consumed the registration yet (it then opens the case).
    assert report["services"]["coaching"]["status"] in {"held", "none"}
    json_file, html_file, pdf_file = access_request.write(report, tmp_path)
    assert json.loads(json_file.read_text())["client_id"] == str(client_id)
    assert "Petersen" in html_file.read_text() and "health_limitations" in html_file.read_text()
    pages = tmp_path / "page"
    process = await asyncio.create_subprocess_exec("pdftoppm", "-png", "-r", "60", str(pdf_file), str(pages))
    assert await process.wait() == 0
    assert sorted(tmp_path.glob("page*.png")), "the PDF has pages"
    if os.environ.get("LOTSE_KEEP_SCREENSHOTS"):
        shutil.copytree(tmp_path, Path(os.environ["LOTSE_KEEP_SCREENSHOTS"]) / "access-request", dirs_exist_ok=True)
    audit = await intake.http.get(f"/audit/special-category?client_id={client_id}", headers=dpo(tokens, "*"))
    assert "person.export" in {entry["field"] for entry in audit.json()["items"]}
