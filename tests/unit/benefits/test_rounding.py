"""Rounding as § 41 Abs. 2 SGB II prescribes: two decimals, 5–9 in the third place rounds up."""

from __future__ import annotations

import pytest

from services.benefits.domain import cents
from services.benefits.domain.money import percent_of

from .builders import eur


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [("0.125", "0.13"), ("2.345", "2.35"), ("2.344", "2.34"), ("12.949", "12.95"), ("500.005", "500.01")],
)
def test_amounts_are_rounded_half_up_to_cents(amount: str, rounded: str) -> None:
    """§ 41 Abs. 2 S. 2 SGB II (not the banker's rounding Decimal uses by default)."""
    assert cents(eur(amount)) == eur(rounded)


def test_a_percentage_of_a_standard_need_is_rounded_to_cents() -> None:
    """§ 41 Abs. 2 SGB II with § 21 Abs. 7: 0.8 % of 357 = 2.856 → 2.86."""
    assert percent_of(eur(357), eur("0.8")) == eur("2.86")
