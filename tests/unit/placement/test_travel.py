"""Commute estimates from where the client lives: real GeoNames coordinates, a documented estimate."""

from __future__ import annotations

import json

import pytest

from services.placement.app import COMMUTE_FILE, load_commuting, load_postcodes
from services.placement.domain.travel import CommuteMode, estimate_minutes, great_circle_km

POSTCODES = load_postcodes()
COMMUTING = load_commuting()
PLON, KIEL, LUTJENBURG, CELLE, BERGEN, GUTERSLOH = "24306", "24105", "24321", "29221", "29303", "33330"


def test_postcodes_lead_to_the_geonames_towns_with_their_coordinates():
    plon, bergen = POSTCODES[PLON], POSTCODES[BERGEN]
    assert (plon.name, plon.admin_code) == ("Plön", "10")  # Schleswig-Holstein
    assert (bergen.name, bergen.admin_code) == ("Bergen", "06")  # Bergen bei Celle, Niedersachsen
    assert 54.1 < plon.lat < 54.2 and 10.4 < plon.lon < 10.5
    assert 25 < great_circle_km(plon, POSTCODES[KIEL]) < 27


@pytest.mark.parametrize(
    ("mode", "minutes"),
    [
        # 25.8 km × 1.3 = 33.6 road km; Plön has fewer than 20,000 inhabitants: 20 minutes waiting.
        (CommuteMode.PUBLIC_TRANSPORT, 65),
        (CommuteMode.CAR, 50),  # 5 + 33.6 km at 50 km/h = 45.3 minutes, rounded up to whole 5 minutes
        (CommuteMode.BICYCLE, 135),  # 33.6 km at 15 km/h = 134.4
    ],
)
def test_each_mode_has_its_speed(mode, minutes):
    assert estimate_minutes(POSTCODES[PLON], POSTCODES[KIEL], mode) == minutes


def test_rural_public_transport_waits_longer_than_between_towns():
    gutersloh = POSTCODES[GUTERSLOH]
    assert estimate_minutes(gutersloh, gutersloh, CommuteMode.PUBLIC_TRANSPORT) == 15  # 10 + 3 km at 45 km/h
    lutjenburg = POSTCODES[LUTJENBURG]
    assert estimate_minutes(lutjenburg, lutjenburg, CommuteMode.PUBLIC_TRANSPORT) == 25  # 20 + 4 minutes


def test_the_estimate_stays_within_25_minutes_of_the_demo_timetable():
    table = json.loads(COMMUTE_FILE.read_text(encoding="utf-8"))
    towns = {town: POSTCODES[codes[0]] for town, codes in table["town_postcodes"].items()}
    for a, b, minutes in table["travel_minutes"]:
        if a != b:
            estimate = estimate_minutes(towns[a], towns[b], CommuteMode.PUBLIC_TRANSPORT)
            assert abs(estimate - minutes) <= 25, (a, b, estimate, minutes)


def test_an_unknown_postcode_gives_no_estimate():
    assert COMMUTING.from_residence("10115", PLON, CommuteMode.CAR) is None
    assert COMMUTING.from_residence(PLON, "10115", CommuteMode.CAR) is None
    assert not COMMUTING.knows("10115") and COMMUTING.knows(PLON)
