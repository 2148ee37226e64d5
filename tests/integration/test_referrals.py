"""§ 16a SGB II referrals through coaching's API on SQLite and PostgreSQL with real Kafka: a referral addresses the
plan's obstacle, whose status follows it; its follow-up is a task; Kafka hears each step without the kind; the
kind, provider and note are sealed, shown only to case managers and coaches of the office, every read audited."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from services.platform.auth.staff import Role
from tests.integration.test_coaching import case_events
from tests.integration.test_person_erasure import erase, export
from tests.integration.test_special_category_coaching import CASE_MANAGER, as_, assigned_case, audit_trail, raw_text
from tests.support.running_service import running_service

MADE, CHANGED = "de.lotse.coaching.referral_made.v1", "de.lotse.coaching.referral_status_changed.v1"
PLAN = {
    "obstacles": [{"kind": "debts", "status": "identified"}, {"kind": "addiction", "status": "identified"}],
    "goals": ["stabil bleiben"],
    "agreed_at": "2026-01-15T10:00:00Z",
}
NOTE = "Termin bei der Suchtberatung, Alkohol seit 2019"


@pytest.fixture
async def coaching(kafka_server, database_url, tokens):
    async with running_service("coaching", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def days_ago(n: int) -> str:
    return (datetime.now(UTC).date() - timedelta(days=n)).isoformat()


async def planned_case(coaching, tokens) -> UUID:
    """Arrange: a Lütjenburg case with its case manager and a plan recording debts and addiction."""
    client_id = await assigned_case(coaching)
    agreed = await coaching.http.put(
        f"/cases/{client_id}/cooperation-plan", json=PLAN, headers=as_(tokens, Role.CASE_MANAGER)
    )
    assert agreed.status_code == 200, agreed.text
    return client_id


async def refer(coaching, tokens, client_id: UUID, body: dict, key: str | None = None):
    headers = {**as_(tokens, Role.CASE_MANAGER), **({"Idempotency-Key": key} if key else {})}
    return await coaching.http.post(f"/cases/{client_id}/referrals", json=body, headers=headers)


async def move(coaching, tokens, referral_id: str, status: str, on: str, **more):
    body = {"status": status, "on": on, **more}
    return await coaching.http.post(
        f"/referrals/{referral_id}/status", json=body, headers=as_(tokens, Role.CASE_MANAGER)
    )


async def obstacles(coaching, tokens, client_id: UUID) -> dict[str, str]:
    case = await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, Role.CASE_MANAGER))
    return {o["kind"]: o["status"] for o in case.json()["plan"]["obstacles"]}


async def test_a_debt_counselling_referral_moves_the_obstacle_raises_its_follow_up_and_kafka_hears_each_step(
    coaching, tokens, kafka_server
):
    client_id = await planned_case(coaching, tokens)
    follow_up = (datetime.now(UTC).date() + timedelta(days=14)).isoformat()
    body = {
        "kind": "debt_counselling",
        "provider_id": "lutjenburg-schuldner",
        "on": days_ago(10),
        "follow_up_on": follow_up,
        "consent_given_on": days_ago(10),
    }
    made = await refer(coaching, tokens, client_id, body, key="referral-0001")
    again = await refer(coaching, tokens, client_id, body, key="referral-0001")
    assert made.status_code == again.status_code == 201, made.text
    assert again.json() == made.json() and made.json()["details"] is None  # kept in clear for retries
    referral_id = made.json()["referral_id"]
    assert (made.json()["status"], made.json()["consent_given_on"]) == ("referred", days_ago(10))
    assert await obstacles(coaching, tokens, client_id) == {"debts": "referred", "addiction": "identified"}
    case = (await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, Role.CASE_MANAGER))).json()
    assert [(t["kind"], t["due_at"][:10]) for t in case["open_tasks"]] == [("referral_follow_up", follow_up)]

    for status, on in (("first_appointment_held", 8), ("in_progress", 5)):
        assert (await move(coaching, tokens, referral_id, status, days_ago(on))).status_code == 200
    assert await obstacles(coaching, tokens, client_id) == {"debts": "in_progress", "addiction": "identified"}
    out_of_order = await move(coaching, tokens, referral_id, "declined", days_ago(1))
    assert out_of_order.status_code == 409, out_of_order.text
    before = await move(coaching, tokens, referral_id, "completed", days_ago(6))
    assert before.status_code == 422 and "on" in before.text
    done = await move(coaching, tokens, referral_id, "completed", days_ago(1))
    assert done.status_code == 200, done.text
    assert [s["status"] for s in done.json()["history"]] == [
        "referred",
        "first_appointment_held",
        "in_progress",
        "completed",
    ]
    assert await obstacles(coaching, tokens, client_id) == {"debts": "resolved", "addiction": "identified"}
    case = (await coaching.http.get(f"/cases/{client_id}", headers=as_(tokens, Role.CASE_MANAGER))).json()
    assert case["open_tasks"] == []  # nothing left to follow up

    events = await case_events(kafka_server.bootstrap_servers, client_id, CHANGED, count=3)
    facts = [e.data for e in events if e.data.type in (MADE, CHANGED)]
    assert [(f.type, f.status) for f in facts] == [
        (MADE, "referred"),
        (CHANGED, "first_appointment_held"),
        (CHANGED, "in_progress"),
        (CHANGED, "completed"),
    ]
    assert {str(f.referral_id) for f in facts} == {referral_id}
    assert all("kind" not in f.model_dump() for f in facts)  # the kind never travels (GDPR Art. 9)


async def test_an_addiction_referral_is_sealed_refused_to_a_placement_officer_audited_exported_and_erased(
    coaching, tokens
):
    client_id = await planned_case(coaching, tokens)
    body = {"kind": "addiction_counselling", "provider_id": "lutjenburg-sucht", "on": days_ago(2), "note": NOTE}
    made = await refer(coaching, tokens, client_id, body, key="referral-0002")
    assert made.status_code == 201, made.text
    referral_id = made.json()["referral_id"]
    for table in ("referrals", "cooperation_plans", "outbox", "idempotency_keys", "tasks", "special_category_audit"):
        stored = (await raw_text(coaching, table)).lower()
        assert "addiction" not in stored and "sucht" not in stored and "alkohol" not in stored, table

    officer = as_(tokens, Role.PLACEMENT_OFFICER, staff_id="placement-1")
    listed = await coaching.http.get(f"/cases/{client_id}/referrals", headers=officer)
    assert [(r["status"], r["details"]) for r in listed.json()] == [("referred", None)]
    assert (await coaching.http.get(f"/referrals/{referral_id}", headers=officer)).status_code == 403
    other_office = as_(tokens, Role.COACH, "plon", "plon-coach")
    assert (await coaching.http.get(f"/referrals/{referral_id}", headers=other_office)).status_code == 403
    coach = await coaching.http.get(f"/referrals/{referral_id}", headers=as_(tokens, Role.COACH, staff_id="coach"))
    assert coach.status_code == 200, coach.text
    assert coach.json()["details"] == {
        "kind": "addiction_counselling",
        "paragraph": "§ 16a Nr. 4 SGB II",
        "provider_id": "lutjenburg-sucht",
        "provider_name": "Suchtberatung Lütjenburg (Beispiel)",
        "note": NOTE,
    }
    trail = await audit_trail(coaching, tokens, client_id)
    assert (CASE_MANAGER, "write", "POST /cases/{client_id}/referrals") in trail
    assert [a for a in trail if a[0] != CASE_MANAGER] == [("coach", "read", "GET /referrals/{referral_id}")]

    exported = await export(coaching, tokens, client_id)  # Art. 15 GDPR: the officer's export opens it
    assert exported["tables"]["referrals"][0]["sealed_details"]["note"] == NOTE
    assert (await erase(coaching, tokens, client_id))["rows"]["referrals"] == 1  # Art. 17: erased with the case


REFUSED = [
    ({"kind": "care", "provider_name": "Kita Sonnenschein", "on": days_ago(1)}, "kind"),  # no childcare obstacle
    ({"kind": "debt_counselling", "provider_id": "plon-schuldner", "on": days_ago(1)}, "provider_id"),  # other office
    ({"kind": "debt_counselling", "on": days_ago(1)}, "provider_name"),  # no provider at all
    ({"kind": "debt_counselling", "provider_name": "x", "on": days_ago(-1)}, "on"),  # in advance
    ({"kind": "medical", "provider_name": "x", "on": days_ago(1)}, "kind"),  # not a § 16a service
]


async def test_a_referral_that_breaks_a_rule_is_refused_naming_the_field_and_only_readers_of_the_office_refer(
    coaching, tokens
):
    client_id = await planned_case(coaching, tokens)
    for body, field in REFUSED:
        refused = await refer(coaching, tokens, client_id, body)
        assert refused.status_code == 422, (body, refused.text)
        assert [e["field"] for e in refused.json()["errors"]] == [field], refused.text
    body = {"kind": "debt_counselling", "provider_name": "Schuldnerberatung", "on": days_ago(0)}
    for headers in (as_(tokens, Role.PLACEMENT_OFFICER), as_(tokens, Role.CASE_MANAGER, "plon")):
        response = await coaching.http.post(f"/cases/{client_id}/referrals", json=body, headers=headers)
        assert response.status_code == 403, response.text
    assert (await coaching.http.get(f"/cases/{client_id}/referrals", headers=as_(tokens, Role.COACH))).json() == []
