"""Money as Decimal euros, rounded as § 41 Abs. 2 SGB II prescribes."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

ZERO = Decimal("0.00")
CENT = Decimal("0.01")


def cents(amount: Decimal) -> Decimal:
    """Round to two decimal places, a 5–9 in the third place rounds up (§ 41 Abs. 2 S. 2).

    Decimal's default is banker's rounding (half-even), which the law does not allow.
    """
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def percent_of(base: Decimal, percent: Decimal) -> Decimal:
    return cents(base * percent / 100)


def euros(amount: str | int) -> Decimal:
    """A literal euro amount; strings keep the table data free of float."""
    return cents(Decimal(amount))
