"""A member's disability (§ 21 Abs. 4 SGB II, health data under GDPR Art. 9) is sealed at rest, shown only to
the benefits clerks of the household's office, and every read and write lands in the audit trail — also when
placement's facts recompute the household without a clerk. SQLite and PostgreSQL."""

from __future__ import annotations

from typing import Any

import pytest
import sqlalchemy as sa

from services.platform.auth.staff import Role
from tests.integration.test_benefits import (
    announce,
    clerk,
    entitlement_events,
    envelope,
    registered_household,
    single_parent,
)
from tests.integration.test_benefits_consumers import hire
from tests.support.running_service import running_service

DISABILITY = "§ 21 Abs. 4 SGB II"


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def disabled_single_parent(client_id) -> dict[str, Any]:
    body = single_parent(client_id)
    body["members"][0]["disabled_with_participation"] = True
    return body


async def stored_in_clear(benefits) -> str:
    """Every row benefits keeps about households, decisions and replies, as text."""
    async with benefits.runtime.engine.connect() as connection:
        rows = [
            row
            for table in ("households", "decisions", "idempotency_keys", "outbox")
            for row in (await connection.execute(sa.text(f"SELECT * FROM {table}"))).all()
        ]
    # Each value in full: a Row's own str() shortens long values and would hide what they contain.
    return " ".join(" ".join(map(str, row)) for row in rows)


def in_clear(stored: str) -> list[str]:
    return [word for word in ("disabled_with_participation", "disability", "21 Abs. 4") if word in stored]


async def audit_trail(benefits, tokens, client_id) -> list[tuple[str, str, str, str]]:
    response = await benefits.http.get(
        "/audit/special-category",
        params={"client_id": str(client_id)},
        headers=tokens.headers(Role.DATA_PROTECTION_OFFICER, staff_id="dpo-1"),
    )
    assert response.status_code == 200, response.text
    return [(i["staff_id"], i["action"], i["field"], i["purpose"]) for i in response.json()["items"]]


async def test_a_members_disability_is_sealed_shown_to_the_offices_clerks_and_every_use_is_audited(
    benefits, kafka_server, tokens
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    plon = clerk(tokens, ("plon",))
    put = await benefits.http.put(
        f"/households/{household_id}",
        json=disabled_single_parent(client_id),
        headers={**plon, "Idempotency-Key": f"grant-{household_id}"},
    )
    assert put.status_code == 200, put.text
    reply = put.json()  # kept in clear for retries: none of the sealed documents
    assert (reply["decision"]["inputs"], reply["decision"]["result"], reply["computation"]) == (None, None, None)
    assert reply["household"]["inputs"] is None and reply["decision"]["kind"] == "grant"
    clear = await stored_in_clear(benefits)
    assert not in_clear(clear)

    household = (await benefits.http.get(f"/households/{household_id}", headers=plon)).json()
    assert household["inputs"]["members"][0]["disabled_with_participation"] is True
    assert DISABILITY in household["current_entitlement"]["paragraphs"]
    decision = (await benefits.http.get(f"/decisions/{reply['decision']['decision_id']}", headers=plon)).json()
    assert decision["inputs"]["household"]["members"][0]["disability_participation"] is True
    assert DISABILITY in decision["result"]["paragraphs"] and decision["recomputed_identically"] is True
    celle = clerk(tokens, ("celle",))
    assert (await benefits.http.get(f"/households/{household_id}", headers=celle)).status_code == 403
    assert (
        await benefits.http.get("/audit/special-category", params={"client_id": str(client_id)}, headers=plon)
    ).status_code == 403

    assert await audit_trail(benefits, tokens, client_id) == [
        ("staff-1", "write", "households.sealed_inputs", "PUT /households/{household_id}"),
        ("staff-1", "write", "decisions.sealed_computation", "PUT /households/{household_id}"),
        ("staff-1", "read", "households.sealed_inputs", "GET /households/{household_id}"),
        ("staff-1", "read", "decisions.sealed_computation", "GET /households/{household_id}"),
        ("staff-1", "read", "decisions.sealed_computation", "GET /decisions/{decision_id}"),
    ]


async def test_placements_facts_recompute_with_the_sealed_disability_and_the_automatic_use_is_audited(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    await benefits.http.put(
        f"/households/{household_id}", json=disabled_single_parent(client_id), headers=clerk(tokens)
    )
    await announce(bootstrap, envelope(hire(client_id, "1200.00", "950.00")))
    (_, changed) = await entitlement_events(bootstrap, household_id, 2)
    decision = (await benefits.http.get(f"/decisions/{changed.data.decision_id}", headers=clerk(tokens))).json()
    assert decision["cause"] == "employment_started" and DISABILITY in decision["result"]["paragraphs"]
    assert not in_clear(await stored_in_clear(benefits))
    started = "event de.lotse.placement.employment_started.v1"
    assert [entry for entry in await audit_trail(benefits, tokens, client_id) if entry[0] != "staff-1"] == [
        ("benefits (automatic)", "read", "households.sealed_inputs", started),
        ("benefits (automatic)", "write", "decisions.sealed_computation", started),
    ]


async def test_an_automatic_decision_is_audited_with_no_roles_and_a_clerks_use_with_the_clerks_roles(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    await benefits.http.put(
        f"/households/{household_id}", json=disabled_single_parent(client_id), headers=clerk(tokens)
    )
    await announce(bootstrap, envelope(hire(client_id, "1200.00", "950.00")))
    await entitlement_events(bootstrap, household_id, 2)
    response = await benefits.http.get(
        "/audit/special-category",
        params={"client_id": str(client_id)},
        headers=tokens.headers(Role.DATA_PROTECTION_OFFICER, staff_id="dpo-1"),
    )
    assert sorted({(i["staff_id"], tuple(i["roles"])) for i in response.json()["items"]}) == [
        ("benefits (automatic)", ()),
        ("staff-1", ("benefits_clerk",)),
    ]
