"""A pension with proven Grundrente years (§ 11b Abs. 2a SGB II, § 82a SGB XII) and an inheritance (§ 11a Abs. 1
Nr. 7) entered over HTTP, decided and explained; flags on the wrong kind refused naming the field."""

from __future__ import annotations

import pytest

from services.benefits.tables import DecisionRow
from tests.integration.test_benefits import clerk, registered_household, stored
from tests.integration.test_benefits_means import benefits, family  # noqa: F401 (the fixture)

PENSION = {"kind": "pension", "amount": "600.00", "inflow_from": "2026-08-01", "proof": "proven"}
INHERITANCE = {
    "kind": "inheritance",
    "amount": "20000.00",
    "inflow_from": "2026-08-01",
    "inflow_until": "2026-08-01",
    "proof": "proven",
}


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_a_partners_grundrente_pension_and_an_inheritance_are_decided_and_explained(
    benefits,  # noqa: F811
    kafka_server,
    tokens,
):
    """600 − 250 (100 + 30 % of 500) − 30 counted; the 20,000 inheritance not at all."""
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    body = family(client_id, "2026-08-01", partner=[PENSION | {"grundrente_years_proven": True}, INHERITANCE])
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200, response.text
    shown = (
        await benefits.http.get(f"/decisions/{response.json()['decision']['decision_id']}", headers=clerk(tokens))
    ).json()
    partner = [line for line in shown["result"]["explanation"] if line["person_id"] == "member-2"]
    (grundrente,) = [line for line in partner if line["paragraph"].startswith("§ 11b Abs. 2a")]
    assert grundrente["amount"] == "-250.00" and "Grundrentenzeiten" in grundrente["note"]
    (inheritance,) = [line for line in partner if line["paragraph"] == "§ 11a Abs. 1 Nr. 7 SGB II"]
    assert inheritance["amount"] == "-20000.00" and "als Vermögen nach § 12 SGB II zu prüfen" in inheritance["note"]
    assert [line["amount"] for line in partner if line["kind"] == "counted_income"] == ["320.00"]
    entered = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert entered["inputs"]["members"][1]["incomes"][0]["grundrente_years_proven"] is True


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_grundrente_years_on_another_kind_and_a_recurring_inheritance_get_422_naming_the_field(
    benefits,  # noqa: F811
    kafka_server,
    tokens,
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens)
    maintenance = PENSION | {"kind": "maintenance", "grundrente_years_proven": True}
    bad = {
        "members.1.incomes.0.grundrente_years_proven": maintenance,
        "members.1.incomes.0.inflow_until": INHERITANCE | {"inflow_until": None},
    }
    for field, income in bad.items():
        body = family(client_id, "2026-08-01", partner=[income])
        response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
        assert response.status_code == 422, (field, response.text)
        assert any(e["field"] == field for e in response.json()["errors"]), (field, response.json())
    assert await stored(benefits, DecisionRow, household_id) == []
