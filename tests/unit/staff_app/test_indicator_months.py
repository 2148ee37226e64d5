"""The Kennzahlen page's month picker and its German percentages."""

from __future__ import annotations

from datetime import date

from staff_app.pages.indicators import last_full_month, parse_month, percent


def test_the_page_opens_on_the_last_full_month_also_in_january():
    assert last_full_month(date(2026, 12, 1)) == date(2026, 11, 1)
    assert last_full_month(date(2027, 1, 31)) == date(2026, 12, 1)


def test_the_month_picker_sends_year_and_month_and_nothing_else_is_a_month():
    assert parse_month("2026-08") == date(2026, 8, 1)
    assert [parse_month(t) for t in ("2026-13", "2026-8", "August", "2026-08-01")] == [None, None, None, None]


def test_a_value_is_shown_with_a_decimal_comma_and_a_missing_one_as_a_dash():
    assert percent("50.0") == "50,0\u00a0%"
    assert percent("-3.25") == "-3,2\u00a0%"
    assert percent(None) == "–"
