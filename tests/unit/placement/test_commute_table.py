"""The commute table of the demo districts: office town → vacancy postcode, unknown pairs stay unknown."""

from __future__ import annotations

import pytest

from services.placement.app import load_commutes
from services.placement.domain.commute import CommuteTable

TABLE = load_commutes()


@pytest.mark.parametrize(
    ("office_id", "postcode", "minutes"),
    [
        pytest.param("celle", "29339", 35, id="Celle to Wathlingen (seed 001)"),
        pytest.param("celle", "29303", 40, id="Celle to Bergen"),
        pytest.param("celle", "29313", 25, id="Celle to Hambühren"),
        pytest.param("celle", "29223", 15, id="within Celle"),
        pytest.param("preetz", "24103", 25, id="Preetz to Kiel"),
        pytest.param("lutjenburg", "24306", 45, id="Lütjenburg to Plön, either direction"),
        pytest.param("plon", "24321", 45, id="Plön to Lütjenburg"),
        pytest.param("heikendorf", "24226", 15, id="within Heikendorf"),
    ],
)
def test_known_pairs_have_their_minutes(office_id: str, postcode: str, minutes: int) -> None:
    assert TABLE.minutes(office_id, postcode) == minutes


@pytest.mark.parametrize(
    ("office_id", "postcode"),
    [
        pytest.param("plon", "29221", id="across districts"),
        pytest.param("celle", "10115", id="a postcode outside the table"),
        pytest.param("guetersloh", "29221", id="an office outside the table"),
    ],
)
def test_unknown_pairs_are_unknown_not_guessed(office_id: str, postcode: str) -> None:
    assert TABLE.minutes(office_id, postcode) is None


def test_every_office_of_the_demo_districts_has_a_town() -> None:
    assert set(TABLE.office_towns) == {"plon", "preetz", "heikendorf", "lutjenburg", "celle"}


def test_data_naming_a_town_without_postcodes_is_refused_at_start_up() -> None:
    data = {
        "office_towns": {"plon": "plon"},
        "town_postcodes": {"plon": ["24306"]},
        "travel_minutes": [["plon", "kiel", 40]],
    }
    with pytest.raises(ValueError, match="kiel"):
        CommuteTable.from_data(data)
