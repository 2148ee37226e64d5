"""The simulated population follows the seeds' figures and is the same for the same seed."""

from __future__ import annotations

from collections import Counter
from datetime import date, time

from simulator import district
from simulator.population import generate

REFERENCE = date(2025, 7, 1)


def test_lutjenburg_at_its_seed_size_has_850_clients_of_whom_100_are_youths():
    population = generate(7, district.clients_per_office(850, ("lutjenburg",)), REFERENCE)
    assert len(population.clients) == 850
    assert population.youths() == 100
    assert all(15 <= c.age_on(REFERENCE) <= 24 for c in population.clients if c.youth)
    assert all(c.age_on(REFERENCE) >= 25 for c in population.clients if not c.youth)


def test_the_district_is_split_by_the_offices_caseloads():
    per_office = district.clients_per_office(100, district.DEMO_DISTRICT)
    assert sum(per_office.values()) == 100
    assert per_office["preetz"] > per_office["plon"] == per_office["heikendorf"] > per_office["lutjenburg"]
    assert district.clients_per_office(None, ("plon", "preetz")) == {"plon": 1200, "preetz": 1700}


def test_apportioning_always_adds_up_to_the_total():
    for total in range(0, 40):
        assert sum(district.apportion(total, {"a": 850, "b": 1200, "c": 1700}).values()) == total


def test_the_same_seed_gives_the_same_people():
    per_office = {"celle": 40, "plon": 40}
    assert generate(3, per_office, REFERENCE) == generate(3, per_office, REFERENCE)
    assert generate(3, per_office, REFERENCE) != generate(4, per_office, REFERENCE)


def test_single_parents_can_start_work_only_from_eight_because_of_childcare():
    clients = generate(11, {"celle": 400}, REFERENCE).clients
    single_parents = [c for c in clients if "single_parent" in c.target_groups]
    assert len(single_parents) > 20
    assert all(c.earliest_daily_start == time(8, 0) for c in single_parents)
    assert all(c.household.children_birth_dates and c.household.single_parent for c in single_parents)
    assert all("childcare" in c.obstacles for c in single_parents)


def test_registered_partners_join_the_household_of_the_client_before_them():
    clients = generate(5, {"preetz": 500}, REFERENCE).clients
    by_key = {c.key: c for c in clients}
    partners = [c for c in clients if c.joins is not None]
    assert partners
    for partner in partners:
        head = by_key[partner.joins]
        assert partner.household == head.household and partner.household.partner_birth_date == partner.birth_date
        assert partner.office_id == head.office_id and partner.postcode == head.postcode


def test_every_client_lives_where_their_office_serves():
    clients = generate(2, district.clients_per_office(200, district.DEMO_DISTRICT), REFERENCE).clients
    assert all(c.postcode in district.office(c.office_id).postcodes for c in clients)
    groups = Counter(g for c in clients for g in c.target_groups)
    assert {"long_term_unemployed", "single_parent", "youth_under_25", "unskilled", "older"} <= set(groups)
    assert all(1 <= c.coaching_months <= 6 and 0 < c.monthly_end_risk <= 0.1 for c in clients)


def test_the_simulated_district_uses_the_postcodes_intake_maps_to_each_office():
    import json
    from pathlib import Path

    table = json.loads((Path(__file__).parents[3] / "services/intake/data/offices.json").read_text())
    intake = {row["office_id"]: row["postcodes"] for row in table["offices"]}
    assert {o.office_id: list(o.postcodes) for o in district.OFFICES} == intake
