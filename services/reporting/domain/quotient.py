"""The value every indicator and yardstick is: a quotient of a numerator and a denominator, in percent.

§ 2 Abs. 1 Kennzahlen-Verordnung: "Kennzahlen und Ergänzungsgrößen sind relative Maßzahlen, die als Quotient
aus einem Zähler und einem Nenner gebildet werden"; § 3 S. 4: "Alle Kennzahlen und Ergänzungsgrößen werden in
Prozent abgebildet." Arithmetic is exact (fractions) and rounded only for display.
"""

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

_TENTH = Decimal("0.1")
_DISPLAY = Decimal("0.000001")


@dataclass(frozen=True)
class Part:
    """One month's numerator and denominator inside an average of monthly rates (§ 4 Abs. 2 Nr. 3, 4)."""

    month: date
    numerator: Decimal
    denominator: Decimal


# The figures whose numerator and denominator are sums of money in euros, not counts of people: K1 and K1E1
# (§ 4 Abs. 1, Abs. 2 Nr. 1: Leistungen zum Lebensunterhalt, für Unterkunft und Heizung) and the savings yardstick.
IN_EUROS = frozenset({"K1", "K1E1", "programme_savings"})


def in_euros(key: str) -> bool:
    return key in IN_EUROS


@dataclass(frozen=True)
class Figure:
    key: str  # "K1", "K1E1".."K1E4", "K2", "K2E1".."K2E4", "K3", "K3E1".."K3E4", or a yardstick's key
    name: str  # the Verordnung's German name, e.g. "Integrationsquote"
    paragraph: str  # e.g. "§ 5 Abs. 1 Kennzahlen-Verordnung"
    month: date
    numerator: Decimal
    denominator: Decimal
    value: Decimal | None  # in percent (§ 3 S. 4), quantized to 0.1; None when the denominator is 0
    # For a "Veränderung" figure (K1, K1E1, K1E2, K3): value − 100, the change against the Bezugsmonat des
    # Vorjahres in percent, as the Federal Employment Agency publishes it; None for every other figure.
    change: Decimal | None = None
    # For an average of monthly rates: the months averaged, each with its own numerator and denominator.
    parts: tuple[Part, ...] = ()
    # For a yardstick: the goal its value is judged against, in percent (Sinn's 90 %, Gütersloh's one in three).
    target: Decimal | None = None


@dataclass(frozen=True)
class Definition:
    key: str
    name: str
    paragraph: str


def decimal(amount: Fraction) -> Decimal:
    """Exact where a decimal can be (sums, halves), else to six places: 10/12 shows as 0.833333."""
    exact = Decimal(amount.numerator) / Decimal(amount.denominator)
    shown = exact.quantize(_DISPLAY, rounding=ROUND_HALF_UP)
    return shown.quantize(Decimal(1)) if shown == shown.to_integral_value() else shown.normalize()


def percent(numerator: Fraction, denominator: Fraction) -> Decimal | None:
    if denominator == 0:
        return None
    return decimal(numerator * 100 / denominator).quantize(_TENTH, rounding=ROUND_HALF_UP)


def ratio(what: Definition, month: date, numerator: Fraction | int, denominator: Fraction | int) -> Figure:
    num, den = Fraction(numerator), Fraction(denominator)
    return Figure(what.key, what.name, what.paragraph, month, decimal(num), decimal(den), percent(num, den))


def change(what: Definition, month: date, this_year: Fraction | int, last_year: Fraction | int) -> Figure:
    """A "Veränderung" figure: the Bezugsmonat over the Bezugsmonat des Vorjahres."""
    figure = ratio(what, month, this_year, last_year)
    moved = None if figure.value is None else figure.value - 100
    return replace(figure, change=moved)


def average_of_rates(what: Definition, month: date, rates: Sequence[tuple[date, int, int]]) -> Figure:
    """ "Es wird ein Durchschnitt der vergangenen zwölf Monate gebildet": the mean of the monthly rates.

    A month whose denominator is 0 has no rate and is left out of the mean (a rate of 0 would claim that
    nobody came or left). The figure's numerator is the sum of the monthly rates (as fractions, not percent),
    its denominator the number of months averaged, so that value = numerator / denominator in percent.
    """
    defined = [(m, n, d) for m, n, d in rates if d]
    total = sum((Fraction(n, d) for _, n, d in defined), Fraction(0))
    parts = tuple(Part(m, Decimal(n), Decimal(d)) for m, n, d in rates)
    figure = ratio(what, month, total, len(defined))
    return replace(figure, parts=parts)
