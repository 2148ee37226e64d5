"""Income by kind and assets a clerk enters, with placement's jobs over Kafka, on SQLite and PostgreSQL."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from services.benefits.tables import DecisionRow
from tests.integration.test_benefits import (
    announce,
    clerk,
    entitlement_events,
    envelope,
    registered_household,
    stored,
)
from tests.integration.test_benefits_consumers import hire, income_recorded
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

HOUSING = {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"}


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def wage(gross: str, net: str, start: str, **fields: Any) -> dict[str, Any]:
    return {"kind": "employment", "amount": gross, "net": net, "inflow_from": start, "proof": "proven", **fields}


def family(client_id: UUID, month: str, *, adult: dict[str, Any] | None = None, partner: list | None = None) -> dict:
    """Parents of 36 and 38 with a four-year-old: 1,675.00 EUR a month in 2026 without income."""
    return {
        "month": month,
        "members": [
            {"client_id": str(client_id), "role": "adult", "birth_date": "1990-04-12", **(adult or {})},
            {"role": "partner", "birth_date": "1988-06-01", "incomes": partner or []},
            {"role": "child", "birth_date": "2022-03-05"},
        ],
        "housing": HOUSING,
    }


def saver(client_id: UUID, month: str, savings: str, birth_date: str = "1990-04-12") -> dict[str, Any]:
    """A single parent with a four-year-old and a savings account."""
    return {
        "month": month,
        "members": [
            {
                "client_id": str(client_id),
                "role": "adult",
                "birth_date": birth_date,
                "assets": [
                    {"kind": "cash", "value": savings, "description": "Sparbuch"},
                    {"kind": "car", "value": "6000.00"},
                ],
            },
            {"role": "child", "birth_date": "2022-03-05"},
        ],
        "housing": HOUSING,
    }


async def decisions_of(benefits, household_id: UUID) -> list[DecisionRow]:
    return sorted(await stored(benefits, DecisionRow, household_id), key=lambda d: d.sequence)


async def test_a_partners_wage_entered_by_the_clerk_and_the_clients_new_job_from_placement_both_count(
    benefits, kafka_server, tokens
):
    """§ 11b Abs. 2–3 per earner, § 9 Abs. 2 S. 1: the partner's 800/650 (382 counted) from September, entered in
    August, is decided for September; the client's 1,200/950 job (602 counted) then lowers the same month again."""
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    body = family(client_id, "2026-08-01", partner=[wage("800.00", "650.00", "2026-09-01", description="Pflegedienst")])
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    assert (response.json()["decision"]["kind"], response.json()["decision"]["monthly_amount"]) == ("grant", "1675.00")
    assert [(d.kind, d.effective_month, d.new_amount) for d in await decisions_of(benefits, household_id)] == [
        ("grant", date(2026, 8, 1), Decimal("1675.00")),
        ("change", date(2026, 9, 1), Decimal("1293.00")),  # 1,650 − 382 + 25 Sofortzuschlag
    ]

    await announce(bootstrap, envelope(hire(client_id, "1200.00", "950.00", start=date(2026, 9, 1))))
    *_, changed = await entitlement_events(bootstrap, household_id, 3)
    assert (changed.data.effective_month, changed.data.monthly_entitlement) == (date(2026, 9, 1), Decimal("690.99"))
    latest = (await decisions_of(benefits, household_id))[-1]
    shown = (await benefits.http.get(f"/decisions/{latest.decision_id}", headers=clerk(tokens))).json()
    nets = [
        (line["person_id"], line["amount"])
        for line in shown["result"]["explanation"]
        if line["kind"] == "earned_income.net"
    ]
    assert nets == [(str(client_id), "950.00"), ("member-2", "650.00")]
    assert shown["recomputed_identically"] is True


async def test_a_job_the_clerk_entered_and_placement_then_announces_counts_once(benefits, kafka_server, tokens):
    """The same job is the client's employment from placement's first pay on: the clerk's entry gives way."""
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    own_job = wage("1200.00", "950.00", "2026-08-01", description="Bäckerei Kühl")
    body = family(client_id, "2026-08-01", adult={"incomes": [own_job]})
    granted = (await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))).json()
    assert granted["decision"]["monthly_amount"] == "1072.99"  # 1,048 by need shares (each rounded) + 25

    started = hire(client_id, "1200.00", "950.00", start=date(2026, 9, 1))
    await announce(bootstrap, envelope(started))
    await eventually(lambda: income_recorded(benefits, started.employment_id))
    assert [d.kind for d in await decisions_of(benefits, household_id)] == ["grant"]  # same pay, no change
    what_if = await benefits.http.post(
        f"/households/{household_id}/what-if", json={"month": "2026-09-01"}, headers=clerk(tokens)
    )
    lines = what_if.json()["computation"]["explanation"]
    assert [line["amount"] for line in lines if line["kind"] == "earned_income.net"] == ["950.00"]
    view = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert any("counts only before 2026-09" in note for note in view["notes"])


async def test_savings_above_the_allowance_bar_a_grant_and_a_later_inheritance_ends_it(benefits, kafka_server, tokens):
    """§ 12 Abs. 2 SGB II n.F.: 10,000 at 36 plus the child's 5,000 (transferred), the car exempt (Abs. 1 S. 2
    Nr. 2); 20,000 of savings bar the grant, 14,000 do not, 30,000 in September end it (§ 9 Abs. 1)."""
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    barred = await benefits.http.put(
        f"/households/{household_id}", json=saver(client_id, "2026-08-01", "20000.00"), headers=clerk(tokens)
    )
    assert barred.status_code == 200 and barred.json()["decision"] is None
    what_if = (
        await benefits.http.post(
            f"/households/{household_id}/what-if", json={"month": "2026-08-01"}, headers=clerk(tokens)
        )
    ).json()
    excess = next(line for line in what_if["computation"]["explanation"] if line["kind"] == "assets.excess")
    assert (excess["amount"], excess["paragraph"]) == ("5000.00", "§ 9 Abs. 1, § 12 SGB II")
    assert "§ 12 Abs. 1 S. 2 Nr. 2 SGB II" in what_if["computation"]["paragraphs"]

    granted = await benefits.http.put(
        f"/households/{household_id}", json=saver(client_id, "2026-08-01", "14000.00"), headers=clerk(tokens)
    )
    assert granted.json()["decision"]["kind"] == "grant"
    ended = await benefits.http.put(
        f"/households/{household_id}", json=saver(client_id, "2026-09-01", "30000.00"), headers=clerk(tokens)
    )
    assert (ended.json()["decision"]["kind"], ended.json()["decision"]["income_covers_need"]) == ("end", False)
    _, end = await entitlement_events(bootstrap, household_id, 2)
    assert end.type == "de.lotse.benefits.entitlement_ended.v1" and end.data.income_covers_need is False
    assert end.data.reason.startswith("assets exceed the allowances")


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_an_approval_period_begun_in_june_2026_keeps_the_old_asset_rules_in_august(
    benefits, kafka_server, tokens
):
    """§ 65a Abs. 1 SGB II: a 25-year-old's 30,000 are no considerable assets in the Karenzzeit (§ 12 Abs. 3, 4 a.F.)
    for the whole period begun in June 2026; in a period begun in August they would be above 5,000 + 5,000."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    june = await benefits.http.put(
        f"/households/{household_id}",
        json=saver(client_id, "2026-06-01", "30000.00", "2001-03-01"),
        headers=clerk(tokens),
    )
    assert june.json()["decision"]["kind"] == "grant"
    august = saver(client_id, "2026-08-01", "30000.00", "2001-03-01") | {"housing": HOUSING | {"rent": "470.00"}}
    changed = (await benefits.http.put(f"/households/{household_id}", json=august, headers=clerk(tokens))).json()
    assert changed["decision"]["kind"] == "change"
    shown = (await benefits.http.get(f"/decisions/{changed['decision']['decision_id']}", headers=clerk(tokens))).json()
    basis = next(line for line in shown["result"]["explanation"] if line["kind"] == "assets")
    assert basis["paragraph"] == "§ 65a Abs. 1 SGB II"
    assert "bei Beginn des Bewilligungszeitraums (06/2026)" in basis["note"] and "(08/2026)" in basis["note"]


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_means_that_cannot_be_right_get_422_naming_the_field(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    pension = {"kind": "pension", "amount": "500.00", "inflow_from": "2026-08-01", "proof": "proven"}
    bad = {
        "members.0.incomes.0.net": family(client_id, "2026-08-01", adult={"incomes": [pension | {"net": "1.00"}]}),
        "members.1.incomes.0.inflow_until": family(
            client_id, "2026-08-01", partner=[pension | {"inflow_until": "2026-07-01"}]
        ),
        "members.0.assets.0": saver(client_id, "2026-08-01", "1.00")
        | {
            "members": [
                {
                    "client_id": str(client_id),
                    "role": "adult",
                    "birth_date": "1990-04-12",
                    "assets": [{"kind": "home", "value": "1.00"}],
                }
            ]
        },
    }
    for field, body in bad.items():
        response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
        assert response.status_code == 422, (field, response.text)
        assert any(e["field"].startswith(field) for e in response.json()["errors"]), (field, response.json())
    assert await stored(benefits, DecisionRow, household_id) == []


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_higher_proven_costs_of_a_partners_job_replace_the_basic_amount_section_11b_2_2(
    benefits, kafka_server, tokens
):
    """§ 11b Abs. 2 S. 2 SGB II: 800/650 with 180 EUR proven costs: 180 + 84 + 84 off, 302 counted (382 without)."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    job = wage("800.00", "650.00", "2026-08-01", proven_costs="180.00")
    body = family(client_id, "2026-08-01", partner=[job])
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    shown = (
        await benefits.http.get(f"/decisions/{response.json()['decision']['decision_id']}", headers=clerk(tokens))
    ).json()
    partner = [line for line in shown["result"]["explanation"] if line["person_id"] == "member-2"]
    (basic,) = [line for line in partner if line["paragraph"].startswith("§ 11b Abs. 2")]
    assert (basic["paragraph"], basic["amount"]) == ("§ 11b Abs. 2 S. 2 SGB II", "-180.00")
    assert [line["amount"] for line in partner if line["kind"] == "counted_income"] == ["302.00"]
    entered = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert entered["inputs"]["members"][1]["incomes"][0]["proven_costs"] == "180.00"


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_proven_costs_that_cannot_be_right_get_422_naming_the_field(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    pension = {"kind": "pension", "amount": "500.00", "inflow_from": "2026-08-01", "proof": "proven"}
    field = "members.1.incomes.0.proven_costs"
    for bad in (
        wage("800.00", "650.00", "2026-08-01", proven_costs="-1.00"),
        wage("800.00", "650.00", "2026-08-01", proven_costs="10.005"),
        wage("800.00", "650.00", "2026-08-01", proven_costs="viel"),
        pension | {"proven_costs": "50.00"},  # only pay and profit have them; other kinds give deductions
    ):
        body = family(client_id, "2026-08-01", partner=[bad])
        response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
        assert response.status_code == 422, (bad, response.text)
        assert any(e["field"] == field for e in response.json()["errors"]), (bad, response.json())
    assert await stored(benefits, DecisionRow, household_id) == []


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_a_back_payment_that_would_end_the_entitlement_counts_a_sixth_from_its_inflow_month_section_11_3(
    benefits, kafka_server, tokens
):
    """§ 11 Abs. 3 SGB II: 3,000 EUR of back pension in full (2,970 after the flat allowance) would cover the
    family's need; so 500 EUR count in August and in each of the five months after, and that is stored."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    back = {"kind": "pension", "amount": "3000.00", "inflow_from": "2026-08-01", "proof": "proven"}
    body = family(client_id, "2026-08-01", partner=[back | {"back_payment": True}])
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    shown = (
        await benefits.http.get(f"/decisions/{response.json()['decision']['decision_id']}", headers=clerk(tokens))
    ).json()
    explanation = shown["result"]["explanation"]
    (line,) = [line for line in explanation if line["kind"] == "income"]
    assert (line["paragraph"], line["amount"]) == ("§ 11 Abs. 3 SGB II", "500.00")
    assert "Teilbetrag 1 von 6" in line["note"]
    counted = [
        line["amount"] for line in explanation if line["kind"] == "counted_income" and line["person_id"] == "member-2"
    ]
    assert counted == ["470.00"]  # the sixth less the flat insurance allowance; the family keeps an entitlement
    entered = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert entered["inputs"]["members"][1]["incomes"][0]["spread"] is True
    # Re-entered with a rent so high that 3,000 EUR in full would leave an entitlement: the stored decision stands.
    dear = body | {"housing": {"rent": "2500.00", "heating": "90.00", "appropriate_rent": "2500.00"}}
    response = await benefits.http.put(f"/households/{household_id}", json=dear, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    entered = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert entered["inputs"]["members"][1]["incomes"][0]["spread"] is True


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_a_back_payment_that_cannot_be_right_gets_422_naming_the_field(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    back = {"kind": "pension", "amount": "3000.00", "proof": "proven", "back_payment": True}
    bad = {
        "members.1.incomes.0.inflow_from": back,  # no inflow month
        "members.1.incomes.0.inflow_until": back | {"inflow_from": "2026-08-01", "inflow_until": "2026-09-01"},
        "members.1.incomes.0.net": wage("800.00", "650.00", "2026-08-01", back_payment=True) | {"net": None},
        "members.1.incomes.0.spread": back | {"inflow_from": "2026-08-01", "back_payment": False, "spread": True},
    }
    for field, income in bad.items():
        response = await benefits.http.put(
            f"/households/{household_id}", json=family(client_id, "2026-08-01", partner=[income]), headers=clerk(tokens)
        )
        assert response.status_code == 422, (field, response.text)
        assert any(e["field"] == field for e in response.json()["errors"]), (field, response.json())
    assert await stored(benefits, DecisionRow, household_id) == []


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_back_pay_that_would_end_the_entitlement_is_spread_net_of_its_deductions_section_11b_1_s_2(
    benefits, kafka_server, tokens
):
    """§ 11 Abs. 3, § 11b Abs. 1 S. 2 SGB II: the partner's 3,000 EUR of back pay (2,200 net) in full would cover
    the family's 1,675 EUR; its allowance (100 + 84 + 144 + 50 with a minor child = 378) comes off first, and
    1,822 EUR are spread: 303.70 in August, 303.66 in each month after."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    body = family(client_id, "2026-08-01", partner=[wage("3000.00", "2200.00", "2026-08-01", back_payment=True)])
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    entered = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    income = entered["inputs"]["members"][1]["incomes"][0]
    assert (income["spread"], income["spread_counted"]) == (True, "1822.00")
    assert response.json()["decision"]["monthly_amount"] == "1371.29"  # 1,675 - 303.70 by need shares, each rounded
    # The what-if decides a back payment as its entry does: spread, September counts the second sixth.
    asked = {"month": "2026-09-01", "household": {k: v for k, v in body.items() if k != "month"}}
    response = await benefits.http.post(f"/households/{household_id}/what-if", json=asked, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    lines = response.json()["computation"]["explanation"]
    (line,) = [line for line in lines if line["kind"] == "income"]
    assert (line["paragraph"], line["amount"]) == ("§ 11 Abs. 3 SGB II", "303.66")
    assert "Teilbetrag 2 von 6" in line["note"]
