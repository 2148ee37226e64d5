"""The platform's field types for identifiers and postcodes, and the office scope of a listing."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter, ValidationError

from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.errors import NotPermitted
from services.platform.http.fields import OfficeId, Postcode

OFFICE_ID = TypeAdapter(OfficeId)
POSTCODE = TypeAdapter(Postcode)


@pytest.mark.parametrize("office_id", ["plon", "lutjenburg", "landkreis-celle", "a" * 50])
def test_the_offices_of_the_district_are_valid_office_ids(office_id):
    assert OFFICE_ID.validate_python(office_id) == office_id


@pytest.mark.parametrize("office_id", ["", "lut\x00jenburg", "Plön", "PLON", "-plon", "plon ", "a" * 51])
def test_an_office_id_with_a_nul_byte_or_outside_lower_case_ascii_is_refused(office_id):
    with pytest.raises(ValidationError):
        OFFICE_ID.validate_python(office_id)


@pytest.mark.parametrize("postcode", ["١٢٣٤٥", "２９３３９", "2933", "293390", "29 39"])
def test_a_postcode_of_anything_but_five_ascii_digits_is_refused(postcode):
    with pytest.raises(ValidationError):
        POSTCODE.validate_python(postcode)


def test_a_postcode_of_five_ascii_digits_is_valid():
    assert POSTCODE.validate_python("29339") == "29339"


def staff(*offices: str) -> StaffUser:
    return StaffUser("lutjenburg-cm-01", frozenset({Role.CASE_MANAGER}), frozenset(offices))


def test_who_acts_for_all_offices_sees_every_office_unless_narrowed_to_one():
    assert staff(ALL_OFFICES).visible_offices() is None
    assert staff(ALL_OFFICES).visible_offices("celle") == {"celle"}


def test_who_acts_for_some_offices_sees_those_and_may_narrow_to_one_of_them():
    assert staff("plon", "preetz").visible_offices() == {"plon", "preetz"}
    assert staff("plon", "preetz").visible_offices("plon") == {"plon"}


def test_narrowing_a_listing_to_another_office_is_not_permitted():
    with pytest.raises(NotPermitted):
        staff("plon").visible_offices("celle")
