"""How figures read in the German texts of the explanation and the letter: euros, percentages, months. No I/O."""

from __future__ import annotations

from datetime import date
from decimal import Decimal


def euro(amount: Decimal) -> str:
    """1.428,68 € — German grouping and decimal comma; a real minus sign for deductions."""
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{'−' if amount < 0 else ''}{text}\u00a0€"


def percent(value: Decimal | int) -> str:
    """12,5 % — a decimal comma, and no zeros after it that say nothing."""
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text.replace('.', ',')}\u00a0%"


def month(on: date) -> str:
    """06/2026."""
    return f"{on.month:02d}/{on.year}"
