"""§ 5 Kennzahlen-Verordnung: Verbesserung der Integration in Erwerbstätigkeit (K2 and its Ergänzungsgrößen).

K2   Integrationsquote: Summe der Integrationen in den vergangenen zwölf Monaten ÷ durchschnittlicher Bestand
     der ELB in den vergangenen zwölf Monaten (§ 5 Abs. 1; what an integration is: see `integrations`).
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

from collections.abc import Callable
from datetime import date
from fractions import Fraction
from uuid import UUID

from services.reporting.domain.facts import EmploymentKind
from services.reporting.domain.integrations import CONTINUOUS_MONTHS, INSURED, Employments
from services.reporting.domain.months import add_months, window
from services.reporting.domain.quotient import Definition, Figure, ratio

_P = "Kennzahlen-Verordnung"
K2 = Definition("K2", "Integrationsquote", f"§ 5 Abs. 1 {_P}")
K2E1 = Definition("K2E1", "Quote der Eintritte in geringfügige Beschäftigung", f"§ 5 Abs. 2 Nr. 1 {_P}")
K2E2 = Definition("K2E2", "Quote der Eintritte in öffentlich geförderte Beschäftigung", f"§ 5 Abs. 2 Nr. 2 {_P}")
K2E3 = Definition("K2E3", "Kontinuierliche Beschäftigung nach Integration", f"§ 5 Abs. 2 Nr. 3 {_P}")
K2E4 = Definition("K2E4", "Integrationsquote der Alleinerziehenden", f"§ 5 Abs. 2 Nr. 4 {_P}")

Stock = Callable[[date], frozenset[UUID]]
YEAR = 12


def average_stock(stock: Stock, month: date) -> Fraction:
    return Fraction(sum(len(stock(m)) for m in window(month, YEAR)), YEAR)


def integration_quote(what: Definition, stock: Stock, jobs: Employments, month: date) -> Figure:
    """Integrations of `stock` in the twelve months ÷ the average of `stock` over them (K2, K2E4, K3E1)."""
    integrations = sum(len(jobs.integrations(m, stock)) for m in window(month, YEAR))
    return ratio(what, month, integrations, average_stock(stock, month))


def entry_quote(what: Definition, kind: EmploymentKind, stock: Stock, jobs: Employments, month: date) -> Figure:
    entered = sum(jobs.entries(m, stock, kind) for m in window(month, YEAR))
    return ratio(what, month, entered, average_stock(stock, month))


def continuous_employment(stock: Stock, jobs: Employments, month: date, what: Definition = K2E3) -> Figure:
    """K2E3 over the integrations of M−17 … M−6 (see the module docstring)."""
    judged = [
        (c, m)
        for m in window(add_months(month, -CONTINUOUS_MONTHS), YEAR)
        for c in jobs.integrations(m, stock, INSURED)
    ]
    continuous = sum(1 for c, m in judged if jobs.continuous(c, m))
    return ratio(what, month, continuous, len(judged))


def integration_figures(elb: Stock, single_parents: Stock, jobs: Employments, month: date) -> list[Figure]:
    return [
        integration_quote(K2, elb, jobs, month),
        entry_quote(K2E1, "marginal", elb, jobs, month),
        entry_quote(K2E2, "subsidised", elb, jobs, month),
        continuous_employment(elb, jobs, month),
        integration_quote(K2E4, single_parents, jobs, month),
    ]
