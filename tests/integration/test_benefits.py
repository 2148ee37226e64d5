"""Benefits over HTTP and Kafka on SQLite and PostgreSQL: household inputs → decisions → announcements."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

import pytest
from aiokafka import AIOKafkaProducer
from sqlalchemy import select

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import ClientRegisteredV1, Event
from services.benefits.domain.snapshots import recompute
from services.benefits.tables import DECISION_COMPUTATION, DecisionRow, EntitlementMonthRow
from services.platform.auth.staff import Role
from services.platform.privacy.cipher import field_context
from tests.support.kafka_reading import envelopes, eventually, read_until
from tests.support.running_service import running_service

AUGUST = "2026-08-01"


def envelope(event: Event) -> Envelope:
    return Envelope(id=uuid4(), source="/tests", time=datetime.now(UTC), data=event)


async def announce(bootstrap: str, *sent: Envelope, partition: int | None = None) -> None:
    """Publish as the owning service's relay would (same envelope twice = a redelivery)."""
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    try:
        for item in sent:
            record = to_record(item)
            await producer.send_and_wait(
                item.data.topic.name, record.value, key=record.key, headers=record.headers, partition=partition
            )
    finally:
        await producer.stop()


def clerk(tokens, offices: tuple[str, ...] = ("*",)) -> dict[str, str]:
    return tokens.headers(Role.BENEFITS_CLERK, offices=offices)


async def registered_household(benefits, bootstrap: str, tokens, office_id: str = "plon") -> tuple[UUID, UUID]:
    """A household intake registered one client for; returns once benefits has heard of it."""
    client_id, household_id = uuid4(), uuid4()
    await announce(
        bootstrap,
        envelope(
            ClientRegisteredV1(
                client_id=client_id, household_id=household_id, office_id=office_id, registered_at=datetime.now(UTC)
            )
        ),
    )

    async def known() -> bool:
        return (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).status_code == 200

    await eventually(known)
    return household_id, client_id


def single_parent(client_id: UUID, month: str = AUGUST, **housing: Any) -> dict[str, Any]:
    """A single parent with a four-year-old; 1,428.68 EUR a month in August 2026 without income."""
    return {
        "month": month,
        "members": [
            {"client_id": str(client_id), "role": "adult", "birth_date": "1990-04-12"},
            {"role": "child", "birth_date": "2022-03-05"},
        ],
        "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00", **housing},
    }


async def entitlement_events(bootstrap: str, household_id: UUID, count: int) -> list[Envelope]:
    def ours(records) -> list[Envelope]:
        return [e for e in envelopes(records) if getattr(e.data, "household_id", None) == household_id]

    return ours(await read_until(bootstrap, topics.ENTITLEMENTS.name, lambda rs: len(ours(rs)) >= count))


async def stored(benefits, model, household_id: UUID) -> list[Any]:
    async with benefits.runtime.uow.transaction() as tx:
        return list((await tx.session.scalars(select(model).where(model.household_id == household_id))).all())


def opened(benefits, decision: DecisionRow) -> dict[str, Any]:
    """A decision's sealed computation, opened with the service's key ring."""
    cipher = benefits.app.state.special_categories.cipher
    return cipher.open_json(decision.sealed_computation, field_context(DECISION_COMPUTATION, decision.decision_id))


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def test_a_household_entered_by_a_clerk_is_granted_and_the_grant_is_announced(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    keyed = {**clerk(tokens), "Idempotency-Key": f"grant-{household_id}"}
    response = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=keyed)
    assert response.status_code == 200, response.text
    decision = response.json()["decision"]
    assert (decision["kind"], decision["monthly_amount"]) == ("grant", "1428.68")
    retried = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=keyed)
    assert retried.headers["idempotent-replayed"] == "true" and retried.json()["decision"] == decision
    assert decision["approval_period"] | {"paragraph": None} == {
        "start": AUGUST,
        "end": "2027-07-31",
        "months": 12,
        "paragraph": None,
        "reason": "regular approval period",
    }
    shown = (await benefits.http.get(f"/decisions/{decision['decision_id']}", headers=clerk(tokens))).json()
    assert {"§ 21 Abs. 3 SGB II", "§ 72 Abs. 1 S. 1 SGB II"} <= set(shown["result"]["paragraphs"])

    roll = await stored(benefits, EntitlementMonthRow, household_id)
    assert sorted(r.month.isoformat() for r in roll)[::11] == [AUGUST, "2027-07-01"] and len(roll) == 12
    assert {(r.amount, str(r.decision_id)) for r in roll} == {(Decimal("1428.68"), decision["decision_id"])}
    (granted,) = await entitlement_events(kafka_server.bootstrap_servers, household_id, 1)
    assert granted.type == "de.lotse.benefits.entitlement_granted.v1"
    assert (granted.data.client_ids, str(granted.data.decision_id)) == ([client_id], decision["decision_id"])

    again = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    assert again.status_code == 200 and again.json()["decision"] is None
    history = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
    assert [d["kind"] for d in history] == ["grant"]


async def test_a_grant_announces_its_split_into_subsistence_and_housing_for_k1(benefits, kafka_server, tokens):
    """§ 4 Kennzahlen-Verordnung sums Lebensunterhalt (§§ 20, 21, 23) apart from housing (§ 22): rent 450 + heating
    90 = 540.00 housing; 563 + 202.68 (§ 21 Abs. 3) + 357 − 259 Kindergeld = 863.68; the 25 € Sofortzuschlag (§ 72)
    is in neither, so 863.68 + 540.00 + 25.00 = 1,428.68 paid."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    response = await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens)
    )
    assert response.status_code == 200, response.text
    (granted,) = await entitlement_events(kafka_server.bootstrap_servers, household_id, 1)
    assert (granted.data.subsistence_amount, granted.data.housing_amount) == (Decimal("863.68"), Decimal("540.00"))
    assert granted.data.monthly_entitlement == Decimal("1428.68")
    # Per member by need shares (§ 9 Abs. 2 S. 3 SGB II), for K1 by sex (§ 3 S. 3 Kennzahlen-Verordnung): housing
    # by head 270 each; the parent's need 563 + 202.68 + 270 = 1,035.68, all of it paid: 765.68 Lebensunterhalt and
    # 270 housing. The child (357 + 270 − 259 Kindergeld = 368) was never registered: not listed.
    (share,) = granted.data.member_shares
    assert (share.client_id, share.subsistence_amount, share.housing_amount) == (
        client_id,
        Decimal("765.68"),
        Decimal("270.00"),
    )


async def test_a_stored_decision_recomputes_to_the_same_result(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    moved = single_parent(client_id, month="2026-10-01", rent="610.00", decentral_hot_water=True)
    decision_id = (await benefits.http.put(f"/households/{household_id}", json=moved, headers=clerk(tokens))).json()[
        "decision"
    ]["decision_id"]
    (first, second) = sorted(await stored(benefits, DecisionRow, household_id), key=lambda d: d.sequence)
    assert second.supersedes == first.decision_id and second.kind == "change"
    assert all(recompute(opened(benefits, d)["inputs"]) == opened(benefits, d)["result"] for d in (first, second))
    shown = (await benefits.http.get(f"/decisions/{decision_id}", headers=clerk(tokens))).json()
    assert shown["recomputed_identically"] is True
    assert shown["inputs"]["household"]["housing"]["in_grace_period"] is True  # Karenzzeit from the first grant
    assert shown["settlement"]["months"][0]["month"] == "2026-10-01"


async def test_decisions_give_their_moment_with_its_timezone(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    put = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    decision_id = put.json()["decision"]["decision_id"]
    shown = (await benefits.http.get(f"/decisions/{decision_id}", headers=clerk(tokens))).json()
    (listed,) = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
    for moment in (put.json()["decision"]["created_at"], shown["created_at"], listed["created_at"]):
        assert datetime.fromisoformat(moment).utcoffset() == timedelta(0), moment  # OpenAPI: date-time


async def test_a_what_if_computes_the_month_and_stores_nothing(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    pending = await benefits.runtime.relay.pending_count()
    response = await benefits.http.post(
        f"/households/{household_id}/what-if",
        headers=clerk(tokens),
        json={
            "month": "2026-09-01",
            "earned_incomes": [{"client_id": str(client_id), "gross": "1200.00", "net": "950.00"}],
        },
    )
    assert response.status_code == 200, response.text
    body = response.json()
    assert (body["computation"]["monthly_amount"], body["difference"]) == ("826.68", "-602.00")
    assert any(line["kind"] == "earned_income_allowance" for line in body["computation"]["explanation"])
    assert len(await stored(benefits, DecisionRow, household_id)) == 1
    assert await benefits.runtime.relay.pending_count() <= pending

    no_rules = await benefits.http.post(
        f"/households/{household_id}/what-if", json={"month": "2027-01-01"}, headers=clerk(tokens)
    )
    assert no_rules.status_code == 422
    assert no_rules.json()["errors"][0]["field"] == "month" and "2027-01-01" in no_rules.json()["detail"]


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_household_inputs_that_break_a_rule_get_422_naming_the_field(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    valid = single_parent(client_id)
    bad_bodies = {
        "housing.rent": valid | {"housing": {**valid["housing"], "rent": "-1"}},
        "members.1.birth_date": valid
        | {"members": [valid["members"][0], {"role": "child", "birth_date": "1999-01-01"}]},
        "members.0.client_id": valid | {"members": [{**valid["members"][0], "client_id": str(uuid4())}]},
        "members": valid | {"members": [{"role": "partner", "birth_date": "1990-01-01"}]},
        "month": valid | {"month": "2026-08-15"},
    }
    for field, body in bad_bodies.items():
        response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
        assert response.status_code == 422, (field, response.text)
        assert field in [e["field"] for e in response.json()["errors"]], (field, response.json())
    assert await stored(benefits, DecisionRow, household_id) == []
    await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id, "2026-10-01"), headers=clerk(tokens)
    )
    backwards = await benefits.http.put(f"/households/{household_id}", json=valid, headers=clerk(tokens))
    assert backwards.status_code == 422 and backwards.json()["errors"][0]["field"] == "month"
    other_office = await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens, ("celle",)))
    assert other_office.status_code == 403


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_control_characters_and_implausible_dates_a_clerk_enters_are_refused_with_422_naming_the_field(
    benefits, kafka_server, tokens
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    valid = single_parent(client_id)
    adult = valid["members"][0]
    bad_bodies = {
        "members.0.other_incomes.0.description": valid
        | {
            "members": [
                {**adult, "other_incomes": [{"amount": "100.00", "description": "maintenance\x00"}]},
                valid["members"][1],
            ]
        },
        "members.1.birth_date": valid | {"members": [adult, {"role": "child", "birth_date": "0001-01-01"}]},
        "month": valid | {"month": "9999-12-01"},
        "housing.grace_period_start": valid | {"housing": {**valid["housing"], "grace_period_start": "0001-01-01"}},
    }
    for field, body in bad_bodies.items():
        response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
        assert response.status_code == 422, (field, response.text)
        assert field in [e["field"] for e in response.json()["errors"]], (field, response.json())
    what_if = await benefits.http.post(
        f"/households/{household_id}/what-if", json={"month": "0001-01-01"}, headers=clerk(tokens)
    )
    assert what_if.status_code == 422 and what_if.json()["errors"][0]["field"] == "month"
    savings = await benefits.http.get("/savings", params={"to": "0001-01-01"}, headers=clerk(tokens))
    assert savings.status_code == 422, savings.text


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_an_unknown_household_is_404_until_intake_registered_it(benefits, tokens):
    response = await benefits.http.put(f"/households/{uuid4()}", json=single_parent(uuid4()), headers=clerk(tokens))
    assert response.status_code == 404
