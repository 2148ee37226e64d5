"""The bench's bulk load registers the simulator's people as the simulator's intake clerk would."""

from __future__ import annotations

from datetime import date

from bench.office_load import SEED, registration
from simulator.population import generate


def test_every_person_of_the_office_is_registered_with_consent_and_the_availability_they_have():
    people = generate(SEED, {"lutjenburg": 850}, date(2026, 12, 1)).clients
    bodies = [registration(p, None) for p in people]
    assert len(bodies) == 850 and all(b["consent"] for b in bodies)
    late = next(p for p in people if p.earliest_daily_start is not None)
    assert late.earliest_daily_start is not None
    assert registration(late, None)["availability"]["earliest_daily_start"] == late.earliest_daily_start.strftime(
        "%H:%M"
    )


def test_a_partner_joins_the_household_of_the_member_registered_first_and_no_one_else_names_one():
    people = generate(SEED, {"lutjenburg": 850}, date(2026, 12, 1)).clients
    partner = next(p for p in people if p.joins is not None)
    assert registration(partner, "household-of-the-first")["household_id"] == "household-of-the-first"
    assert all("household_id" not in registration(p, None) for p in people if p.joins is None)
