"""§ 4 Kennzahlen-Verordnung: Verringerung der Hilfebedürftigkeit (K1 and its four Ergänzungsgrößen).

K1   Summe der Leistungen zum Lebensunterhalt (§§ 20, 21, 23, 24 Abs. 1 SGB II; without Unterkunft und
     Heizung) im Bezugsmonat ÷ dieselbe Summe im Bezugsmonat des Vorjahres (§ 4 Abs. 1).
K1E1 The same for Leistungen für Unterkunft und Heizung (§ 4 Abs. 2 Nr. 1).
K1E2 Zahl der ELB im Bezugsmonat ÷ Zahl der ELB im Bezugsmonat des Vorjahres (§ 4 Abs. 2 Nr. 2).
K1E3 Zugegangene ELB im Bezugsmonat ÷ ELB im Bezugsmonat, averaged over the past twelve months (Nr. 3).
K1E4 Abgegangene ELB im Bezugsmonat ÷ ELB im Vormonat, averaged over the past twelve months (Nr. 4).

K1 and K1E1 are sums over households: Lotse's benefits are decided per household (Bedarfsgemeinschaft),
so they follow the office filter but no person filter (sex, programme, target group). The Verordnung asks
for figures "geschlechtsspezifisch" (§ 3 S. 3) where it can; for a household sum it cannot without
splitting a household's benefits among its members, which Lotse's facts do not do — so under a person
filter K1 and K1E1 are left out rather than invented.
"""

from collections.abc import Callable, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from uuid import UUID

from services.reporting.domain.facts import BenefitMonth
from services.reporting.domain.months import add_months, window
from services.reporting.domain.population import Breakdown, entries, exits, previous
from services.reporting.domain.quotient import Definition, Figure, average_of_rates, change

K1 = Definition("K1", "Veränderung der Summe der Leistungen zum Lebensunterhalt", "§ 4 Abs. 1 Kennzahlen-Verordnung")
K1E1 = Definition(
    "K1E1", "Veränderung der Summe der Leistungen für Unterkunft und Heizung", "§ 4 Abs. 2 Nr. 1 Kennzahlen-Verordnung"
)
K1E2 = Definition(
    "K1E2", "Veränderung der Zahl der erwerbsfähigen Leistungsberechtigten", "§ 4 Abs. 2 Nr. 2 Kennzahlen-Verordnung"
)
K1E3 = Definition(
    "K1E3",
    "Durchschnittliche Zugangsrate der erwerbsfähigen Leistungsberechtigten",
    "§ 4 Abs. 2 Nr. 3 Kennzahlen-Verordnung",
)
K1E4 = Definition(
    "K1E4",
    "Durchschnittliche Abgangsrate der erwerbsfähigen Leistungsberechtigten",
    "§ 4 Abs. 2 Nr. 4 Kennzahlen-Verordnung",
)

Stock = Callable[[date], frozenset[UUID]]
YEAR = 12


def benefit_sums(benefits: Sequence[BenefitMonth], month: date, breakdown: Breakdown) -> list[Figure]:
    """K1 and K1E1; none under a person filter (see the module docstring)."""
    if breakdown.by_person_only:
        return []
    rows = [b for b in benefits if breakdown.office_id in (None, b.office_id)]
    year_ago = add_months(month, -YEAR)

    def total(part: Callable[[BenefitMonth], Decimal], of: date) -> Fraction:
        return sum((Fraction(part(b)) for b in rows if b.month == of), Fraction(0))

    return [
        change(K1, month, total(lambda b: b.subsistence, month), total(lambda b: b.subsistence, year_ago)),
        change(K1E1, month, total(lambda b: b.housing, month), total(lambda b: b.housing, year_ago)),
    ]


def stock_change(what: Definition, stock: Stock, month: date) -> Figure:
    """Der Bestand im Bezugsmonat ÷ der Bestand im Bezugsmonat des Vorjahres (K1E2; K3 for § 6 Abs. 1)."""
    return change(what, month, len(stock(month)), len(stock(add_months(month, -YEAR))))


def entry_rate(what: Definition, stock: Stock, month: date) -> Figure:
    """Zugänge im Monat ÷ Bestand im Monat, averaged over the twelve months ending with `month`."""
    rates = [(m, entries(stock(m), stock(previous(m))), len(stock(m))) for m in window(month, YEAR)]
    return average_of_rates(what, month, rates)


def exit_rate(what: Definition, stock: Stock, month: date) -> Figure:
    """Abgänge im Monat ÷ Bestand im Vormonat, averaged over the twelve months ending with `month`."""
    rates = [(m, exits(stock(m), stock(previous(m))), len(stock(previous(m)))) for m in window(month, YEAR)]
    return average_of_rates(what, month, rates)


def elb_figures(elb: Stock, month: date) -> list[Figure]:
    return [stock_change(K1E2, elb, month), entry_rate(K1E3, elb, month), exit_rate(K1E4, elb, month)]
