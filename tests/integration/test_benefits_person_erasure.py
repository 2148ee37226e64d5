"""Erasure of one person in benefits' household records (Art. 17 GDPR, issue #13), SQLite and PostgreSQL: the
member's client id, birth date, incomes and assets leave the entered household and every decision's computation;
the household, the other member and the amounts decided (the books, § 51b Abs. 3 Nr. 2 SGB II) stay; the letters'
recipient goes with the applicant; a second erasure changes nothing."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import UUID, uuid4

import pytest
import sqlalchemy as sa

from contracts.events import ClientRegisteredV1
from services.benefits.tables import DecisionRow, HouseholdMemberRow, LetterRecipientRow
from services.platform.auth.staff import Role
from services.platform.privacy.audit import AUDIT_TABLE
from services.platform.privacy.person_keys import ERASED_PERSONS_TABLE
from tests.integration.test_benefits import AUGUST, announce, clerk, envelope, stored
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def couple(adult: UUID, partner: UUID) -> dict[str, Any]:
    """An applicant with savings and a maintenance payment, a partner with a car; both registered clients."""
    return {
        "month": AUGUST,
        "members": [
            {
                "client_id": str(adult),
                "role": "adult",
                "birth_date": "1979-11-23",
                "pregnant": True,
                "other_incomes": [{"amount": "150.00", "description": "Unterhalt"}],
                "assets": [{"kind": "cash", "value": "2345.67", "description": "Sparbuch"}],
            },
            {
                "client_id": str(partner),
                "role": "partner",
                "birth_date": "1981-06-30",
                "assets": [{"kind": "car", "value": "6000.00"}],
            },
        ],
        "housing": {"rent": "520.00", "heating": "95.00", "appropriate_rent": "540.00"},
    }


async def a_couple(benefits, bootstrap: str, tokens) -> tuple[UUID, UUID, UUID]:
    household_id, adult, partner = uuid4(), uuid4(), uuid4()
    now = datetime.now(UTC)
    await announce(
        bootstrap,
        *(
            envelope(ClientRegisteredV1(client_id=c, household_id=household_id, office_id="plon", registered_at=now))
            for c in (adult, partner)
        ),
    )

    async def both_known() -> bool:
        return len(await stored(benefits, HouseholdMemberRow, household_id)) == 2

    await eventually(both_known)
    headers = {**clerk(tokens), "Idempotency-Key": f"grant-{household_id}"}
    put = await benefits.http.put(f"/households/{household_id}", json=couple(adult, partner), headers=headers)
    assert put.status_code == 200, put.text
    recipient = {"name": "Erika Mustermann", "street": "Lange Straße 3", "postcode": "24306", "town": "Plön"}
    entered = await benefits.http.put(f"/households/{household_id}/recipient", json=recipient, headers=headers)
    assert entered.status_code == 200, entered.text
    return household_id, adult, partner


async def erase(benefits, tokens, client_id: UUID, key: str) -> dict[str, Any]:
    headers = {
        **tokens.headers(Role.JOURNEY_WORKER, offices=("*",), staff_id="erasure"),
        "Idempotency-Key": f"erase-{key}-{client_id}",
    }
    response = await benefits.http.post(f"/persons/{client_id}/erasure", headers=headers)
    assert response.status_code == 200, response.text
    rows: dict[str, Any] = response.json()["rows"]
    return rows


async def opened(benefits, tokens, household_id: UUID) -> tuple[dict[str, Any], dict[str, Any]]:
    """The household's inputs and its decision, as the office's clerk reads them (opened)."""
    household = await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))
    assert household.status_code == 200, household.text
    (decision_row,) = await stored(benefits, DecisionRow, household_id)
    decision = await benefits.http.get(f"/decisions/{decision_row.decision_id}", headers=clerk(tokens))
    assert decision.status_code == 200, decision.text
    return household.json()["inputs"], decision.json()


def paths(value: Any, text: str, at: str = "") -> list[str]:
    """Where in a JSON document `text` occurs."""
    if isinstance(value, dict):
        return [p for k, v in value.items() for p in paths(v, text, f"{at}.{k}")]
    if isinstance(value, list):
        return [p for i, v in enumerate(value) for p in paths(v, text, f"{at}.{i}")]
    return [at] if text in str(value) else []


async def in_clear_anywhere(benefits, text: str, keeping: frozenset[str] = frozenset({"outbox"})) -> list[str]:
    """The tables whose rows contain `text`; the audit trail (accountability), the tombstone and the erasure's own
    stored reply (ids only) keep the id, and so does the outbox: it stages the events as the topics carry them,
    with ids by design (never data about the person), and its sent rows go after `outbox_retention_hours`."""
    async with benefits.runtime.engine.connect() as connection:
        names = await connection.run_sync(lambda sync: sa.inspect(sync).get_table_names())
        found = []
        for name in sorted(set(names) - {AUDIT_TABLE, ERASED_PERSONS_TABLE, "alembic_version"} - keeping):
            # Each value in full: a Row's own str() shortens long values and would hide what they contain.
            rows = [" ".join(map(str, row)) for row in (await connection.execute(sa.text(f"SELECT * FROM {name}")))]
            if any(text in row and f"erase-first-{text}" not in row for row in rows):
                found.append(name)
    return found


async def test_erasure_takes_each_person_out_of_the_household_records_and_keeps_the_books(
    benefits, kafka_server, tokens
):
    household_id, adult, partner = await a_couple(benefits, kafka_server.bootstrap_servers, tokens)
    _, before = await opened(benefits, tokens, household_id)
    assert str(adult) in str(before["result"]) and "2345.67" in str(before["inputs"])

    # The partner first: the applicant and the letters' recipient stay.
    rows = await erase(benefits, tokens, partner, "first")
    assert (rows["households"], rows["decisions"], rows["letter_recipients"]) == (1, 1, 0)
    inputs, decision = await opened(benefits, tokens, household_id)
    assert [m["client_id"] for m in inputs["members"]] == [str(adult), None]
    assert inputs["members"][0]["assets"][0]["value"] == "2345.67" and inputs["members"][1]["assets"] == []
    assert [m["person_id"] for m in decision["inputs"]["household"]["members"]] == [str(adult), "erased-2"]
    async with benefits.runtime.uow.transaction() as tx:
        assert await tx.session.get(LetterRecipientRow, household_id) is not None

    # Then the applicant: their letters' recipient goes too.
    rows = await erase(benefits, tokens, adult, "first")
    assert rows["households"] == 1 and rows["decisions"] == 1 and rows["letter_recipients"] == 1
    assert rows["household_members"] == 1
    inputs, decision = await opened(benefits, tokens, household_id)
    erased, other = inputs["members"]
    assert erased["client_id"] is None and erased["role"] == "adult" and erased["birth_date"] == "1979-01-01"
    assert (erased["other_incomes"], erased["assets"], erased["pregnant"]) == ([], [], False)
    assert (other["client_id"], other["birth_date"], other["role"]) == (None, "1981-01-01", "partner")
    computed = decision["inputs"]["household"]["members"]
    assert [m["person_id"] for m in computed] == ["erased-1", "erased-2"]
    assert computed[0]["birth_date"] == "1979-01-01" and computed[0]["assets"] == []
    assert computed[0]["other_income"] == [] and computed[0]["pregnant_after_week_12"] is False
    assert paths(decision, str(adult)) == [] and paths(decision["inputs"], "2345.67") == []
    # The books: the amount decided and every line of its computation stay as decided.
    assert decision["monthly_amount"] == before["monthly_amount"]
    assert [line["amount"] for line in decision["result"]["explanation"]] == [
        line["amount"] for line in before["result"]["explanation"]
    ]
    async with benefits.runtime.uow.transaction() as tx:
        assert await tx.session.get(LetterRecipientRow, household_id) is None
    assert await in_clear_anywhere(benefits, str(adult)) == []
    assert await in_clear_anywhere(benefits, str(partner)) == []
    # What the events said about the household: ids and amounts, never the assets or the birth dates.
    for data in ("2345.67", "1979-01-01", "1981-01-01"):
        assert "outbox" not in await in_clear_anywhere(benefits, data, keeping=frozenset())

    assert await erase(benefits, tokens, adult, "again") == {}
    assert await opened(benefits, tokens, household_id) == (inputs, decision)
