"""Money and numbers in the report and charts as a German reader writes them (DIN 5008): "1.234.567 €"."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.reporting.charts.german import amount, euro, number
from services.reporting.domain.quotient import Figure


def figure(key: str) -> Figure:
    return Figure(key, "", "", date(2026, 8, 1), Decimal("1234567.50"), Decimal("1000000"), Decimal("123.5"))


def test_a_sum_of_money_has_thousands_points_whole_euros_and_the_euro_sign() -> None:
    assert euro(Decimal("1234567.49")) == "1.234.567\u00a0€"
    assert euro(Decimal("1234567.50")) == "1.234.568\u00a0€"  # half up, as money is rounded
    assert euro(Decimal("-980.00")) == "\u22121.000\u00a0€".replace("1.000", "980")


def test_k1_and_k1e1_and_the_savings_are_shown_in_euros_every_other_figure_as_a_count() -> None:
    """§ 4 Abs. 1, Abs. 2 Nr. 1 Kennzahlen-Verordnung: K1 and K1E1 compare sums of benefits; K2 counts people."""
    for key in ("K1", "K1E1", "programme_savings"):
        assert amount(Decimal("1234567.50"), figure(key)) == "1.234.568\u00a0€"
    assert amount(Decimal("12345"), figure("K2")) == number(Decimal("12345")) == "12.345"
