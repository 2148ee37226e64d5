"""The household inputs the benefits clerk enters for a simulated client."""

from __future__ import annotations

from datetime import date

from simulator.household import household_inputs
from simulator.population import generate

CLIENTS = generate(11, {"celle": 400}, date(2025, 7, 1)).clients


def test_a_single_parent_household_lists_the_adult_and_each_child():
    parent = next(c for c in CLIENTS if c.household.single_parent and c.household.parent_birth_date is None)
    body = household_inputs(parent, {parent.key: "c-1"}, date(2025, 8, 1))
    assert body["month"] == "2025-08-01"
    assert [m["role"] for m in body["members"]] == ["adult"] + ["child"] * len(parent.household.children_birth_dates)
    assert body["members"][0] == {"client_id": "c-1", "role": "adult", "birth_date": parent.birth_date.isoformat()}
    assert body["housing"] == {
        "rent": str(parent.household.rent),
        "heating": str(parent.household.heating),
        "appropriate_rent": str(parent.household.appropriate_rent),
    }


def test_a_registered_partner_appears_with_their_client_id():
    partner = next(c for c in CLIENTS if c.joins is not None)
    head = next(c for c in CLIENTS if c.key == partner.joins)
    body = household_inputs(head, {head.key: "c-1", partner.key: "c-2"}, date(2025, 8, 1))
    assert [(m["role"], m.get("client_id")) for m in body["members"][:2]] == [("adult", "c-1"), ("partner", "c-2")]


def test_a_minor_client_is_the_child_of_a_parent_household():
    minor = next(c for c in CLIENTS if c.youth and c.age_on(date(2025, 7, 1)) < 18)
    body = household_inputs(minor, {minor.key: "c-9"}, date(2025, 8, 1))
    assert [(m["role"], m.get("client_id")) for m in body["members"]] == [("adult", None), ("child", "c-9")]
