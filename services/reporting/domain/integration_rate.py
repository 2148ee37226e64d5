"""§ 5 Kennzahlen-Verordnung: Verbesserung der Integration in Erwerbstätigkeit (K2 and its Ergänzungsgrößen).

K2   Integrationsquote: Summe der Integrationen in den vergangenen zwölf Monaten ÷ durchschnittlicher Bestand
     der ELB in den vergangenen zwölf Monaten (§ 5 Abs. 1; what an integration is: see `integrations` — a start
     by a person ELB in its month or the month before, the BA's reading of "in einem Monat").
K2E1 Eintritte in geringfügige Beschäftigung (minijobs) in zwölf Monaten ÷ the same average stock (Abs. 2 Nr. 1).
K2E2 Eintritte in öffentlich geförderte Beschäftigung in zwölf Monaten ÷ the same average stock (Abs. 2 Nr. 2).
K2E3 Kontinuierliche Beschäftigung nach Integration (Abs. 2 Nr. 3): continuous employments ÷ integrations,
     where an integration is only the start of insured employment and it is continuous when the person is
     insured in each of the six following months. Whether an integration was continuous is known only once its
     sixth following month is over, so in Bezugsmonat M the countable integrations are those of the twelve
     months M−17 … M−6; the integrations of M−5 … M, whose six months are not over, count in neither the
     numerator nor the denominator yet (counting them below the line would report them as failures).
K2E4 Integrationsquote der Alleinerziehenden: K2 for single parents only (Abs. 2 Nr. 4).

"Die vergangenen zwölf Monate" are the Bezugsmonat and the eleven before it; the average stock is the sum of
the twelve monthly stocks ÷ 12.
"""

from datetime import date
from fractions import Fraction

from services.reporting.domain.cells import Count, Series
from services.reporting.domain.integrations import CONTINUOUS_MONTHS
from services.reporting.domain.months import add_months, window
from services.reporting.domain.quotient import Definition, Figure, ratio

_P = "Kennzahlen-Verordnung"
K2 = Definition("K2", "Integrationsquote", f"§ 5 Abs. 1 {_P}")
K2E1 = Definition("K2E1", "Quote der Eintritte in geringfügige Beschäftigung", f"§ 5 Abs. 2 Nr. 1 {_P}")
K2E2 = Definition("K2E2", "Quote der Eintritte in öffentlich geförderte Beschäftigung", f"§ 5 Abs. 2 Nr. 2 {_P}")
K2E3 = Definition("K2E3", "Kontinuierliche Beschäftigung nach Integration", f"§ 5 Abs. 2 Nr. 3 {_P}")
K2E4 = Definition("K2E4", "Integrationsquote der Alleinerziehenden", f"§ 5 Abs. 2 Nr. 4 {_P}")

YEAR = 12
# The integrations K2E3 judges in Bezugsmonat M are those of M−17 … M−6 (see the module docstring).
JUDGED_BACK = CONTINUOUS_MONTHS + YEAR - 1


def average_stock(stock: Count, month: date) -> Fraction:
    return Fraction(sum(stock(m) for m in window(month, YEAR)), YEAR)


def integration_quote(what: Definition, counted: Count, stock: Count, month: date) -> Figure:
    """`counted` (integrations, or entries for K2E1/K2E2) in the twelve months ÷ the average of `stock` over them
    (K2, K2E1, K2E2, K2E4, K3E1)."""
    return ratio(what, month, sum(counted(m) for m in window(month, YEAR)), average_stock(stock, month))


def continuous_employment(what: Definition, continuous: Count, judged: Count, month: date) -> Figure:
    """K2E3: of the insured integrations of M−17 … M−6, those continuous (see the module docstring)."""
    months = window(add_months(month, -CONTINUOUS_MONTHS), YEAR)
    return ratio(what, month, sum(continuous(m) for m in months), sum(judged(m) for m in months))


def integration_figures(group: Series, single_parents: Series, month: date) -> list[Figure]:
    def elb(m: date) -> int:
        return group(m).elb

    return [
        integration_quote(K2, lambda m: group(m).integrations, elb, month),
        integration_quote(K2E1, lambda m: group(m).marginal_entries, elb, month),
        integration_quote(K2E2, lambda m: group(m).subsidised_entries, elb, month),
        continuous_employment(K2E3, lambda m: group(m).continuous, lambda m: group(m).insured_integrations, month),
        integration_quote(K2E4, lambda m: single_parents(m).integrations, lambda m: single_parents(m).elb, month),
    ]
