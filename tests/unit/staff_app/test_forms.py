"""What staff type, as the services take it: Berlin wall-clock moments, euros written the German way."""

from __future__ import annotations

import pytest

from staff_app.forms import Invalid, berlin_moment, euros
from staff_app.pages.household_form import household_form
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
    body = household_form(form, ["client-a"]).body
    assert [(m["role"], m["birth_date"], m.get("client_id")) for m in body["members"]] == [
        ("adult", "1991-04-02", "client-a"),
        ("partner", "1989-01-01", None),
        ("child", "2019-03-12", None),
        ("child", "2021-06-30", None),
    ]
    assert body["housing"] == {"rent": "520.00", "heating": "90", "appropriate_rent": "560"}


def test_a_childs_birth_date_that_is_no_date_names_the_children_field():
    with pytest.raises(Invalid) as invalid:
        household_form({"children": "im März", "rent": "1", "heating": "1", "appropriate_rent": "1"}, [])
    assert invalid.value.field == "children"


def test_income_and_asset_rows_go_to_the_person_they_name_and_refusals_come_back_to_the_row():
    """A partner's wage, the applicant's pension with the Grundrente years, a back payment, an inheritance and
    savings: each row becomes an entry of its member, and benefits' field names map back to the row's fields."""
    form = {
        "month": "2026-12-01",
        "adult_birth_date": "1960-04-02",
        "partner_birth_date": "1970-01-01",
        "children": "12.03.2019",
        "rent": "520,00",
        "heating": "90",
        "appropriate_rent": "560",
        "income_0_member": "partner",
        "income_0_kind": "employment",
        "income_0_amount": "1.800,00",
        "income_0_net": "1.350,00",
        "income_0_proof": "proven",
        "income_1_member": "adult",
        "income_1_kind": "pension",
        "income_1_amount": "900",
        "income_1_grundrente_years_proven": "on",
        "income_2_member": "adult",
        "income_2_kind": "pension",
        "income_2_amount": "2400",
        "income_2_inflow_from": "2026-11",
        "income_2_back_payment": "on",
        "income_3_member": "child-1",
        "income_3_kind": "inheritance",
        "income_3_amount": "5000",
        "income_4_amount": "",
        "asset_0_member": "adult",
        "asset_0_kind": "cash",
        "asset_0_value": "8.000,00",
        "asset_0_appropriate": "on",
        "asset_1_kind": "car",
        "asset_1_value": "",
    }
    sent = household_form(form, ["client-a"])
    adult, partner, child = sent.body["members"]
    assert partner["incomes"] == [
        {"kind": "employment", "proof": "proven", "amount": "1800.00", "net": "1350.00", "inflow_from": "2026-12-01"}
    ]
    assert [i["kind"] for i in adult["incomes"]] == ["pension", "pension"]
    assert adult["incomes"][0]["grundrente_years_proven"] is True
    assert adult["incomes"][1] | {} == {
        "kind": "pension",
        "proof": "proven",
        "amount": "2400",
        "inflow_from": "2026-11-01",
        "back_payment": True,
    }
    assert child["incomes"][0]["inflow_until"] == "2026-12-01"  # an inheritance flows in once
    assert adult["assets"] == [{"kind": "cash", "value": "8000.00", "appropriate": True, "hardship": False}]
    assert sent.aliases["members.0.incomes.1.inflow_from"] == "income_2_inflow_from"
    assert sent.aliases["members.1.incomes.0.net"] == "income_0_net"
    assert sent.aliases["members.0.assets.0"] == "asset_0_value"


def test_a_row_naming_a_partner_the_form_does_not_have_is_refused_at_its_person_field():
    form = {"adult_birth_date": "1980-01-01", "rent": "1", "heating": "1", "appropriate_rent": "1"}
    with pytest.raises(Invalid) as invalid:
        household_form(form | {"income_0_member": "partner", "income_0_amount": "100"}, [])
    assert invalid.value.field == "income_0_member"
