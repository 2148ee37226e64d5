"""What staff type, as the services take it: Berlin wall-clock moments, euros written the German way."""

from __future__ import annotations

import pytest

from staff_app.forms import Invalid, berlin_moment, euros
from staff_app.pages.benefits import household_body
from staff_app.pages.search import criteria_of


def test_a_local_time_in_winter_is_handed_on_with_the_berlin_offset():
    assert berlin_moment({"at": "2026-12-07T13:00"}, "at") == "2026-12-07T13:00:00+01:00"


def test_a_local_time_in_summer_carries_daylight_saving_time():
    assert berlin_moment({"at": "2026-07-06T09:00"}, "at") == "2026-07-06T09:00:00+02:00"


def test_a_missing_moment_names_its_field():
    with pytest.raises(Invalid) as invalid:
        berlin_moment({}, "occurred_at")
    assert invalid.value.errors().fields == {"occurred_at": "Bitte Datum und Uhrzeit angeben."}


@pytest.mark.parametrize(("typed", "amount"), [("1.400,00", "1400.00"), ("1400.5", "1400.5"), ("520 €", "520")])
def test_euros_are_read_as_german_or_plain_decimals(typed, amount):
    assert euros({"gross": typed}, "gross") == amount


def test_something_that_is_no_amount_names_its_field():
    with pytest.raises(Invalid) as invalid:
        euros({"gross": "viel"}, "gross")
    assert invalid.value.field == "gross"


@pytest.mark.parametrize(
    ("typed", "criteria"),
    [
        ("Müller Anna", {"name": "Müller Anna"}),
        ("  mueller   anna ", {"name": "mueller anna"}),
        ("L-000123", {"client_number": "L-000123"}),
        ("l-000123", {"client_number": "L-000123"}),
        ("02.04.1991", {"birth_date": "1991-04-02"}),
        ("1991-04-02", {"birth_date": "1991-04-02"}),
        ("24321", {"postcode": "24321"}),
        ("", {}),
    ],
)
def test_the_one_search_box_understands_what_was_typed(typed, criteria):
    assert criteria_of(typed) == criteria


def test_the_household_form_becomes_applicant_partner_and_children_with_the_registered_clients():
    form = {
        "month": "2026-12-01",
        "adult_birth_date": "1991-04-02",
        "partner_birth_date": "1989-01-01",
        "children": "12.03.2019, 2021-06-30",
        "rent": "520,00",
        "heating": "90",
        "appropriate_rent": "560",
    }
    body = household_body(form, ["client-a"])
    assert [(m["role"], m["birth_date"], m.get("client_id")) for m in body["members"]] == [
        ("adult", "1991-04-02", "client-a"),
        ("partner", "1989-01-01", None),
        ("child", "2019-03-12", None),
        ("child", "2021-06-30", None),
    ]
    assert body["housing"] == {"rent": "520.00", "heating": "90", "appropriate_rent": "560"}


def test_a_childs_birth_date_that_is_no_date_names_the_children_field():
    with pytest.raises(Invalid) as invalid:
        household_body({"children": "im März", "rent": "1", "heating": "1", "appropriate_rent": "1"}, [])
    assert invalid.value.field == "children"
