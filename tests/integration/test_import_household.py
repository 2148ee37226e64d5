"""A migrated record's benefits household in intake (issue #13, step 4), on SQLite and PostgreSQL with real Kafka:
kept sealed under the person's key, in no event, opened (audited) only for the journey's worker and the operator
with each member's client id filled in from their legacy record, in the data-protection officer's export, nothing
left of it at erasure; the worker's `household` outcome lands in the report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import text

from services.platform.auth.staff import Role
from tests.integration.test_bulk_migration import intake, record, run  # noqa: F401 - the fixture
from tests.integration.test_person_erasure import erase, export

CHILD = "2019-07-23"


def household(*members: dict[str, Any]) -> dict[str, Any]:
    return {
        "month": "2026-12-01",
        "members": [*members, {"role": "child", "birth_date": CHILD}],
        "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
    }


async def test_a_records_household_is_sealed_opened_for_the_worker_exported_and_gone_at_erasure(intake, tokens):  # noqa: F811
    adult = {"legacy_id": "GT-31", "role": "adult", "birth_date": "1988-02-11"}
    partner = {"legacy_id": "GT-32", "role": "partner", "birth_date": "1987-09-30"}
    file = [
        record("GT-31", "Merle", "Petersen", "1988-02-11", household_key="BG-31", household=household(adult, partner)),
        record("GT-32", "Kai", "Petersen", "1987-09-30", household_key="BG-31"),
    ]
    response = await run(intake, tokens, file)
    assert response.status_code == 201, response.text
    merle, kai = (r["client_id"] for r in response.json()["records"])
    async with intake.runtime.engine.connect() as connection:
        stored = (await connection.execute(text("SELECT sealed_household FROM imported_records"))).scalars().all()
        outbox = " ".join(" ".join(map(str, r)) for r in (await connection.execute(text("SELECT * FROM outbox"))))
    assert len([s for s in stored if s]) == 1 and not any(CHILD in (s or "") or "450.00" in (s or "") for s in stored)
    assert merle in outbox and CHILD not in outbox and "450.00" not in outbox

    worker = tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")
    read = await intake.http.get(f"/imports/records/{merle}/household", headers=worker)
    assert read.status_code == 200, read.text
    members = read.json()["household"]["members"]
    assert [(m["client_id"], m["role"]) for m in members] == [(merle, "adult"), (kai, "partner"), (None, "child")]
    client = (await intake.http.get(f"/clients/{merle}", headers=tokens.headers(Role.INTAKE_CLERK))).json()
    assert read.json()["household_id"] == client["household_id"]
    assert (await intake.http.get(f"/imports/records/{kai}/household", headers=worker)).json()["household"] is None
    clerk = tokens.headers(Role.INTAKE_CLERK, Role.BENEFITS_CLERK)
    assert (await intake.http.get(f"/imports/records/{merle}/household", headers=clerk)).status_code == 403
    elsewhere = tokens.headers(Role.JOURNEY_WORKER, offices=("celle",))
    assert (await intake.http.get(f"/imports/records/{merle}/household", headers=elsewhere)).status_code == 403
    async with intake.runtime.engine.connect() as connection:
        reads = (
            await connection.execute(
                text("SELECT staff_id, field FROM special_category_audit WHERE action = 'read' AND client_id = :c"),
                {"c": merle if intake.runtime.engine.dialect.name == "postgresql" else merle.replace("-", "")},
            )
        ).all()
    assert [tuple(r) for r in reads] == [("journey-worker", "imported_records.sealed_household")]

    refusal = {"outcome": "refused", "reasons": ["members: a household has exactly one adult (the applicant)"]}
    put = await intake.http.put(f"/imports/records/{merle}/downstream/household", json=refusal, headers=worker)
    assert [(d["part"], d["outcome"]) for d in put.json()] == [("household", "refused")], put.text
    report = await intake.http.get(f"/imports/{response.json()['import_id']}", headers=tokens.headers(Role.OPERATOR))
    (downstream,) = [r["downstream"] for r in report.json()["records"] if r["client_id"] == merle]
    assert downstream[0]["reasons"] == refusal["reasons"]

    part = await export(intake, tokens, merle)
    (exported,) = [r for r in part["tables"]["imported_records"] if r["legacy_id"] == "GT-31"]
    assert exported["sealed_household"]["members"][2]["birth_date"] == CHILD
    await erase(intake, tokens, merle)
    async with intake.runtime.engine.connect() as connection:
        rows = (await connection.execute(text("SELECT legacy_id, sealed_household FROM imported_records"))).all()
    assert sorted(tuple(r) for r in rows) == [("GT-31", None), ("GT-32", None)]
    assert (await intake.http.get(f"/imports/records/{merle}/household", headers=worker)).json()["household"] is None
