"""The client number as shown and as staff type it."""

from __future__ import annotations

import pytest

from services.intake.domain.client_numbers import client_number, parse_client_number
from services.intake.domain.model import IntakeError


def test_a_client_number_has_the_prefix_and_six_digits_at_least() -> None:
    assert client_number(123) == "L-000123"
    assert client_number(1_234_567) == "L-1234567"


@pytest.mark.parametrize("typed", ["L-000123", "l-000123", "L123", " l 123 ", "123", "000123"])
def test_a_number_typed_in_any_usual_way_is_read_as_its_one_written_form(typed: str) -> None:
    assert parse_client_number(typed) == "L-000123"


@pytest.mark.parametrize("typed", ["", "X-123", "L-12a", "L--1", "١٢٣"])
def test_anything_else_is_refused_naming_the_field(typed: str) -> None:
    with pytest.raises(IntakeError) as refused:
        parse_client_number(typed, "query.client_number")
    assert refused.value.field == "query.client_number"
