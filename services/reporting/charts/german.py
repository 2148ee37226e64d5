"""Numbers and months as a German reader expects them: "12,5 %", "1.234,5", "1.234.567 €", "März 2026"."""

from datetime import date
from decimal import ROUND_HALF_UP, Decimal

from services.reporting.domain.quotient import in_euros
from services.reporting.domain.suppression import Shown

MONTHS = (
    "Januar", "Februar", "März", "April", "Mai", "Juni",
    "Juli", "August", "September", "Oktober", "November", "Dezember",
)  # fmt: skip
NBSP = "\u00a0"
MINUS = "\u2212"


def number(amount: Decimal, places: int | None = None) -> str:
    """German grouping and decimal comma; `places` fixed, else as exact as the figure (10/12 → 0,833333)."""
    shown = amount if places is None else amount.quantize(Decimal(1).scaleb(-places))
    digits = f"{abs(shown):,f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"{MINUS if shown < 0 else ''}{digits}"


def percent(value: Decimal | None) -> str:
    """12,5 % (with a non-breaking space, as DIN 5008 writes it); an undefined quotient is a dash."""
    return "–" if value is None else f"{number(value, 1)}{NBSP}%"


def euro(amount: Decimal) -> str:
    """ "1.234.567 €": management figures in whole euros (half up), grouped by thousands (DIN 5008)."""
    return f"{number(amount.quantize(Decimal(1), ROUND_HALF_UP), 0)}{NBSP}€"


def amount(value: Decimal, figure: Shown) -> str:
    """A figure's numerator or denominator: euros for the sums of money (K1, K1E1, savings), else a number."""
    return euro(value) if in_euros(figure.key) else number(value)


def month_name(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


def month_short(month: date) -> str:
    return f"{MONTHS[month.month - 1][:3]} {month.year}"


def heading(figure: Shown) -> str:
    """ "K2 Integrationsquote" for a § 48a figure, the name alone for a yardstick (its key is code)."""
    return f"{figure.key} {figure.name}" if figure.key.startswith("K") else figure.name
