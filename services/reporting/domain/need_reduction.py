"""§ 4 Kennzahlen-Verordnung: Verringerung der Hilfebedürftigkeit (K1 and its four Ergänzungsgrößen).

K1   Summe der Leistungen zum Lebensunterhalt (§§ 20, 21, 23, 24 Abs. 1 SGB II; without Unterkunft und
     Heizung) im Bezugsmonat ÷ dieselbe Summe im Bezugsmonat des Vorjahres (§ 4 Abs. 1).
K1E1 The same for Leistungen für Unterkunft und Heizung (§ 4 Abs. 2 Nr. 1).
K1E2 Zahl der ELB im Bezugsmonat ÷ Zahl der ELB im Bezugsmonat des Vorjahres (§ 4 Abs. 2 Nr. 2).
K1E3 Zugegangene ELB im Bezugsmonat ÷ ELB im Bezugsmonat, averaged over the past twelve months (Nr. 3).
K1E4 Abgegangene ELB im Bezugsmonat ÷ ELB im Vormonat, averaged over the past twelve months (Nr. 4).

K1 and K1E1 of an office or the Jobcenter are sums over households: Lotse's benefits are decided per household
(Bedarfsgemeinschaft) and counted for the office that paid them. The Verordnung asks for every figure
"geschlechtsspezifisch" (§ 3 S. 3), so under a person filter (sex, programme, target group) they are the sums of
the members' parts: benefits publishes each registered member's entitlement by need shares (Bedarfsanteilsmethode,
§ 9 Abs. 2 S. 3 SGB II, split into Lebensunterhalt and Unterkunft as the household's), and each part counts for
that person's sex, programme and target groups — and office, the person's own. Not attributed, so not in any
group: the parts of members benefits knows but intake never registered (children entered by the clerk only) and
months decided before the parts were published. A group's sums therefore add up to at most the household sum.
"""

from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal
from fractions import Fraction

from services.reporting.domain.cells import BenefitSums, Count, Series, exits
from services.reporting.domain.facts import Profile
from services.reporting.domain.months import add_months, window
from services.reporting.domain.population import Breakdown
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

YEAR = 12


def benefit_sums(
    benefits: Mapping[tuple[date, str], BenefitSums],
    shares: Mapping[tuple[date, Profile], BenefitSums],
    month: date,
    breakdown: Breakdown,
) -> list[Figure]:
    """K1 and K1E1 from the sums per month and paying office, or under a person filter from the members' parts
    per month and profile (see above)."""
    year_ago = add_months(month, -YEAR)

    def total(part: Callable[[BenefitSums], Decimal], of: date) -> Fraction:
        if breakdown.by_person_only:
            chosen = (s for (m, profile), s in shares.items() if m == of and breakdown.admits(profile))
        else:
            chosen = (s for (m, office), s in benefits.items() if m == of and breakdown.office_id in (None, office))
        return sum((Fraction(part(s)) for s in chosen), Fraction(0))

    return [
        change(K1, month, total(lambda s: s.subsistence, month), total(lambda s: s.subsistence, year_ago)),
        change(K1E1, month, total(lambda s: s.housing, month), total(lambda s: s.housing, year_ago)),
    ]


def stock_change(what: Definition, stock: Count, month: date) -> Figure:
    """Der Bestand im Bezugsmonat ÷ der Bestand im Bezugsmonat des Vorjahres (K1E2; K3 for § 6 Abs. 1)."""
    return change(what, month, stock(month), stock(add_months(month, -YEAR)))


def entry_rate(what: Definition, entered: Count, stock: Count, month: date) -> Figure:
    """Zugänge im Monat ÷ Bestand im Monat, averaged over the twelve months ending with `month`."""
    return average_of_rates(what, month, [(m, entered(m), stock(m)) for m in window(month, YEAR)])


def exit_rate(what: Definition, left: Count, stock: Count, month: date) -> Figure:
    """Abgänge im Monat ÷ Bestand im Vormonat, averaged over the twelve months ending with `month`."""
    return average_of_rates(what, month, [(m, left(m), stock(add_months(m, -1))) for m in window(month, YEAR)])


def elb_figures(group: Series, month: date) -> list[Figure]:
    def elb(m: date) -> int:
        return group(m).elb

    def entered(m: date) -> int:
        return group(m).elb_entries

    return [
        stock_change(K1E2, elb, month),
        entry_rate(K1E3, entered, elb, month),
        exit_rate(K1E4, lambda m: exits(elb, entered, m), elb, month),
    ]
