"""A clerk's entry for a month the rule tables have no figures for: kept (422 saying so), recorded as pending and
decided by the service itself, exactly once, at the first start whose tables have the figures. An invalid entry
stores nothing. SQLite and PostgreSQL, real Kafka."""

from __future__ import annotations

import json
from datetime import date
from typing import Any
from uuid import UUID, uuid4

import pytest

from services.benefits.tables import DecisionRow, HouseholdRow, PendingDecisionRow
from tests.integration import test_benefits_rule_tables as rule_tables
from tests.integration.test_benefits import (
    clerk,
    entitlement_events,
    opened,
    registered_household,
    single_parent,
    stored,
)
from tests.integration.test_benefits_means import wage
from tests.support.running_service import running_service

JANUARY_2027 = "2027-01-01"
tables = rule_tables.tables  # a copy of the shipped rule tables to add figures to


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def enter(benefits, tokens, household_id: UUID, body: dict[str, Any], key: str | None = None):
    headers = clerk(tokens) | ({"Idempotency-Key": key} if key else {})
    return await benefits.http.put(f"/households/{household_id}", json=body, headers=headers)


def assert_kept(response, month: str = "2027-01") -> None:
    assert response.status_code == 422, response.text
    problem = response.json()
    assert problem["kept"] is True and problem["errors"][0]["field"] == "month"
    assert f"from {month} is kept" in problem["detail"] and "once the figures for that month" in problem["detail"]
    assert "standard_need" in problem["pending_decision"]["missing_rule"]


async def test_a_clerks_entry_for_a_month_without_figures_is_kept_and_decided_once_the_figures_are_added(
    kafka_server, database_url, tokens, tables
):
    bootstrap = kafka_server.bootstrap_servers

    def benefits_service():
        return running_service("benefits", database_url, bootstrap, tokens.public_key, rule_tables_dir=tables)

    async with benefits_service() as benefits:
        household_id, client_id = await registered_household(benefits, bootstrap, tokens)
        assert_kept(await enter(benefits, tokens, household_id, single_parent(client_id, JANUARY_2027)))
        newest = single_parent(client_id, JANUARY_2027, rent="470.00")  # a correction: the newest inputs win
        assert_kept(await enter(benefits, tokens, household_id, newest))
        (waiting,) = await stored(benefits, PendingDecisionRow, household_id)
        assert (waiting.cause, waiting.month, waiting.missing_on) == (
            "household_change",
            date(2027, 1, 1),
            date(2027, 1, 1),
        )
        shown = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
        assert shown["inputs"]["housing"]["rent"] == "470.00" and shown["inputs_month"] == JANUARY_2027
        assert [(p["month"], p["cause"]) for p in shown["pending_decisions"]] == [(JANUARY_2027, "household_change")]
        assert any(note.startswith("Not decided yet from 2027-01 (the household's inputs") for note in shown["notes"])
        assert await stored(benefits, DecisionRow, household_id) == []

    rule_tables.add_2027_figures(tables)
    for restart in range(2):
        async with benefits_service() as benefits:
            (decision,) = await stored(benefits, DecisionRow, household_id)
            assert (decision.kind, decision.cause, decision.effective_month) == (
                "grant",
                "household_change",
                date(2027, 1, 1),
            )
            assert await stored(benefits, PendingDecisionRow, household_id) == []
            shown = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
            assert shown["pending_decisions"] == [] and not any(n.startswith("Not decided yet") for n in shown["notes"])
            assert shown["current_entitlement"]["monthly_amount"] == str(decision.new_amount)
            (granted,) = await entitlement_events(bootstrap, household_id, 1)  # sent by the outbox relay
            assert granted.type == "de.lotse.benefits.entitlement_granted.v1"
            assert (granted.data.decision_id, granted.data.period_start) == (decision.decision_id, date(2027, 1, 1))
            if restart == 0:  # the same inputs entered now, with the figures there, are decided alike
                other_id, other_client = await registered_household(benefits, bootstrap, tokens)
                now = await enter(benefits, tokens, other_id, single_parent(other_client, JANUARY_2027, rent="470.00"))
                assert now.status_code == 200, now.text
                assert now.json()["decision"]["monthly_amount"] == str(decision.new_amount)
                assert now.json()["decision"]["approval_period"]["end"] == f"{decision.period_end}"


def with_a_february_job(client_id: UUID) -> dict[str, Any]:
    """Kept for 01/2027; a wage paid in February only changes the amount from 02/2027 and back from 03/2027."""
    body = single_parent(client_id, JANUARY_2027)
    body["members"][0]["incomes"] = [wage("800.00", "650.00", "2027-02-01", inflow_until="2027-02-01")]
    return body


def with_a_january_job(client_id: UUID) -> dict[str, Any]:
    """Entered for 12/2026, which has figures; a wage paid in January 2027 only changes 01 and 02/2027."""
    body = single_parent(client_id, "2026-12-01")
    body["members"][0]["incomes"] = [wage("800.00", "650.00", "2027-01-01", inflow_until="2027-01-01")]
    return body


async def decisions_of(benefits, household_id: UUID) -> list[DecisionRow]:
    return sorted(await stored(benefits, DecisionRow, household_id), key=lambda d: d.sequence)


def decided(decisions: list[DecisionRow]) -> list[tuple[Any, ...]]:
    return [(d.kind, d.effective_month, d.decided_on, d.previous_amount, d.new_amount) for d in decisions]


def explained(benefits, decision: DecisionRow, client_id: UUID) -> str:
    """The sealed computation, with the member's id named alike for any household."""
    return json.dumps(opened(benefits, decision), sort_keys=True).replace(str(client_id), "the-client")


async def test_a_kept_entry_that_also_changes_later_months_has_every_month_decided_once_the_figures_are_added(
    kafka_server, database_url, tokens, tables
):
    bootstrap = kafka_server.bootstrap_servers

    def benefits_service():
        return running_service("benefits", database_url, bootstrap, tokens.public_key, rule_tables_dir=tables)

    async with benefits_service() as benefits:
        household_id, client_id = await registered_household(benefits, bootstrap, tokens)
        assert_kept(await enter(benefits, tokens, household_id, with_a_february_job(client_id)))
        (waiting,) = await stored(benefits, PendingDecisionRow, household_id)
        assert waiting.month == date(2027, 1, 1)
        assert await stored(benefits, DecisionRow, household_id) == []

    rule_tables.add_2027_figures(tables)
    months = [date(2027, 1, 1), date(2027, 2, 1), date(2027, 3, 1)]
    for restart in range(2):
        async with benefits_service() as benefits:
            decisions = await decisions_of(benefits, household_id)
            assert [(d.kind, d.cause, d.effective_month) for d in decisions] == [
                ("grant", "household_change", months[0]),
                ("change", "household_change", months[1]),
                ("change", "household_change", months[2]),
            ]
            grant, february, march = decisions
            assert february.new_amount < grant.new_amount and march.new_amount == grant.new_amount
            assert {d.period_start for d in decisions} == {months[0]}
            assert await stored(benefits, PendingDecisionRow, household_id) == []
            events = await entitlement_events(bootstrap, household_id, 3)
            assert [(e.type.split(".")[-2], e.data.decision_id) for e in events] == [
                ("entitlement_granted", grant.decision_id),
                ("entitlement_changed", february.decision_id),
                ("entitlement_changed", march.decision_id),
            ]
            assert [e.data.effective_month for e in events[1:]] == months[1:]
            if restart == 0:  # the same entry made now, with the figures there, is decided and explained alike
                other_id, other_client = await registered_household(benefits, bootstrap, tokens)
                now = await enter(benefits, tokens, other_id, with_a_february_job(other_client))
                assert now.status_code == 200, now.text
                theirs = await decisions_of(benefits, other_id)
                assert decided(theirs) == decided(decisions)
                assert [explained(benefits, d, other_client) for d in theirs] == [
                    explained(benefits, d, client_id) for d in decisions
                ]


async def test_an_entry_decided_at_once_whose_later_month_waits_has_the_months_after_it_decided_with_it(
    kafka_server, database_url, tokens, tables
):
    """Decided for 12/2026; a January-only wage waits for the 2027 figures, and its end in 02/2027 waits with it."""
    bootstrap = kafka_server.bootstrap_servers

    def benefits_service():
        return running_service("benefits", database_url, bootstrap, tokens.public_key, rule_tables_dir=tables)

    async with benefits_service() as benefits:
        household_id, client_id = await registered_household(benefits, bootstrap, tokens)
        entered = await enter(benefits, tokens, household_id, with_a_january_job(client_id))
        assert entered.status_code == 200, entered.text
        assert [d.effective_month for d in await decisions_of(benefits, household_id)] == [date(2026, 12, 1)]
        (waiting,) = await stored(benefits, PendingDecisionRow, household_id)
        assert (waiting.month, waiting.decided_on) == (date(2027, 1, 1), date(2026, 12, 1))

    rule_tables.add_2027_figures(tables)
    for _ in range(2):
        async with benefits_service() as benefits:
            decisions = await decisions_of(benefits, household_id)
            assert [(d.kind, d.effective_month, d.decided_on) for d in decisions] == [
                ("grant", date(2026, 12, 1), date(2026, 12, 1)),
                ("change", date(2027, 1, 1), date(2026, 12, 1)),
                ("change", date(2027, 2, 1), date(2026, 12, 1)),
            ]
            assert decisions[1].new_amount < decisions[2].new_amount
            assert await stored(benefits, PendingDecisionRow, household_id) == []
            events = await entitlement_events(bootstrap, household_id, 3)
            assert [e.data.decision_id for e in events] == [d.decision_id for d in decisions]


async def test_a_retried_entry_for_a_month_without_figures_is_answered_alike_and_kept_once(
    benefits, kafka_server, tokens
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    body, key = single_parent(client_id, JANUARY_2027), f"kept-{household_id}"
    first = await enter(benefits, tokens, household_id, body, key)
    retried = await enter(benefits, tokens, household_id, body, key)
    assert_kept(first)
    assert_kept(retried)
    assert retried.headers["Idempotent-Replayed"] == "true" and retried.json() == first.json()
    assert len(await stored(benefits, PendingDecisionRow, household_id)) == 1
    assert len(await stored(benefits, HouseholdRow, household_id)) == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"housing": {"rent": "-5.00", "heating": "90.00", "appropriate_rent": "475.00"}}, "housing.rent"),
        ({"month": "2027-01-15"}, "month"),
        ({"members": [{"client_id": str(uuid4()), "role": "adult", "birth_date": "1990-04-12"}]}, "members.0"),
    ],
)
async def test_an_invalid_entry_for_a_month_without_figures_stores_nothing(
    benefits, kafka_server, tokens, change: dict[str, Any], field: str
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    refused = await enter(benefits, tokens, household_id, single_parent(client_id, JANUARY_2027) | change)
    assert refused.status_code == 422 and "kept" not in refused.json()
    assert refused.json()["errors"][0]["field"].startswith(field)
    assert await stored(benefits, HouseholdRow, household_id) == []
    assert await stored(benefits, PendingDecisionRow, household_id) == []
    # After a kept entry, an invalid one leaves it as it was.
    assert_kept(await enter(benefits, tokens, household_id, single_parent(client_id, JANUARY_2027)))
    (kept,) = await stored(benefits, PendingDecisionRow, household_id)
    assert (
        await enter(benefits, tokens, household_id, single_parent(client_id, "2027-02-01") | change)
    ).status_code == 422
    assert [row.pending_id for row in await stored(benefits, PendingDecisionRow, household_id)] == [kept.pending_id]
    (inputs,) = await stored(benefits, HouseholdRow, household_id)
    assert inputs.inputs_month == date(2027, 1, 1)
