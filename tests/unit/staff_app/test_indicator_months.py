"""The Kennzahlen page's month picker and its German percentages."""

from __future__ import annotations

from datetime import date

from staff_app.pages.indicators import amount, last_full_month, parse_month, percent


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


def test_k1s_sums_show_as_whole_euros_with_thousands_points_and_counts_with_points_too() -> None:
    """K1 compares sums of benefits (§ 4 Abs. 1 Kennzahlen-Verordnung): reporting marks them `in_euros`."""
    assert amount({"key": "K1", "in_euros": True}, "1234567.50") == "1.234.568\u00a0€"
    assert amount({"key": "K2", "in_euros": False}, "12345") == "12.345"
    assert amount({"key": "K2", "in_euros": False}, "10.500000") == "10,5"
    assert amount({"key": "K2"}, None) == "–"
