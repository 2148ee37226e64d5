"""Numbers as a German reader writes them: a decimal comma, no trailing zeros that say nothing."""

from __future__ import annotations

from decimal import Decimal

from staff_app.formatting import number


def test_weekly_hours_read_with_a_decimal_comma_and_whole_hours_without_one():
    assert [number(v) for v in ("30.00", "37.50", Decimal("19.25"), 40, "100")] == ["30", "37,5", "19,25", "40", "100"]


def test_something_that_is_no_number_reads_as_a_dash():
    assert number(None) == "–" and number("viel") == "–"
