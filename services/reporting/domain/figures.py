"""The § 48a SGB II indicators of one month, exactly as the Kennzahlen-Verordnung defines them.

§ 3: "Die Kennzahlen und Ergänzungsgrößen werden monatlich für alle Jobcenter gebildet ... sollen
geschlechtsspezifisch ausgewiesen werden ... werden in Prozent abgebildet." Each figure carries its numerator
and denominator (§ 2 Abs. 1) and its paragraph; the definitions as implemented are in `need_reduction` (§ 4),
`integration_rate` and `integrations` (§ 5) and `long_term` (§ 6).

K1 and K1E1 by sex, programme or target group are the sums of the members' need shares (`need_reduction`).
What the Verordnung asks and Lotse's facts cannot give (`NOT_COMPUTABLE`, listed in the monthly report): the
Vergleichstypen of § 2 Abs. 3 and § 7 (a federal clustering of
all 404 Jobcenters, not a Jobcenter's own data); and the distinction of Beschäftigung begleitende Leistungen
(§ 2 Abs. 2 Nr. 2) inside insured employment, which § 5 Abs. 1 S. 3 counts as integrations anyway.
"""

from datetime import date

from services.reporting.domain.cells import Counts, count_facts, group_series
from services.reporting.domain.facts import District, Sex
from services.reporting.domain.integration_rate import JUDGED_BACK, integration_figures
from services.reporting.domain.long_term import long_term_figures
from services.reporting.domain.months import add_months, first_of_month
from services.reporting.domain.need_reduction import benefit_sums, elb_figures
from services.reporting.domain.population import Breakdown
from services.reporting.domain.quotient import Figure, Part

__all__ = ["Breakdown", "Figure", "Part", "compute_figures", "figures_of", "months_counted", "months_summed"]


def months_counted(month: date) -> tuple[date, date]:
    """The first and last month whose counts the figures of `month` read: K2E3 judges the integrations of M−17 on;
    the year-ago month (K1, K1E2, K3) and the month before the twelve (Abgänge) lie in between."""
    month = first_of_month(month)
    return add_months(month, -JUDGED_BACK), month


def months_summed(month: date) -> tuple[date, date]:
    """The months whose benefit sums K1 and K1E1 compare: the Bezugsmonat and the same month a year before."""
    month = first_of_month(month)
    return add_months(month, -12), month


def compute_figures(
    district: District,
    month: date,
    *,
    office_id: str | None = None,
    sex: Sex | None = None,
    programme_id: str | None = None,
    target_group: str | None = None,
) -> list[Figure]:
    """K1 … K3E4 for the Bezugsmonat `month` among the people the filters select."""
    counts = count_facts(district, *months_counted(month))
    return figures_of(counts, month, Breakdown(office_id, sex, programme_id, target_group))


def figures_of(counts: Counts, month: date, breakdown: Breakdown) -> list[Figure]:
    """K1 … K3E4 of `month` from counts that cover `months_counted(month)`, for the people `breakdown` selects."""
    month = first_of_month(month)
    first, last = months_counted(month)
    if first < counts.first or counts.last < last:
        raise ValueError(f"counts of {counts.first} … {counts.last} cannot give the figures of {month}")
    group = group_series(counts, breakdown.admits)
    single_parents = group_series(counts, lambda p: p.single_parent and breakdown.admits(p))
    return [
        *benefit_sums(counts.benefits, counts.shares, month, breakdown),
        *elb_figures(group, month),
        *integration_figures(group, single_parents, month),
        *long_term_figures(group, month),
    ]
