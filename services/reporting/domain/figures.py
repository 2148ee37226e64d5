"""The § 48a SGB II indicators of one month, exactly as the Kennzahlen-Verordnung defines them.

§ 3: "Die Kennzahlen und Ergänzungsgrößen werden monatlich für alle Jobcenter gebildet ... sollen
geschlechtsspezifisch ausgewiesen werden ... werden in Prozent abgebildet." Each figure carries its numerator
and denominator (§ 2 Abs. 1) and its paragraph; the definitions as implemented are in `need_reduction` (§ 4),
`integration_rate` and `integrations` (§ 5) and `long_term` (§ 6).

K1 and K1E1 by sex, programme or target group are the sums of the members' need shares (`need_reduction`).
What the Verordnung defines and Lotse's facts cannot give yet is `NOT_COMPUTABLE`, listed with its reason in the
monthly report.
"""

from dataclasses import dataclass
from datetime import date

from services.reporting.domain.cells import Counts, count_facts, group_series
from services.reporting.domain.facts import District, Sex
from services.reporting.domain.integration_rate import JUDGED_BACK, integration_figures
from services.reporting.domain.long_term import long_term_figures
from services.reporting.domain.months import add_months, first_of_month
from services.reporting.domain.need_reduction import benefit_sums, elb_figures
from services.reporting.domain.population import Breakdown
from services.reporting.domain.quotient import Figure, Part

__all__ = [
    "NOT_COMPUTABLE",
    "Breakdown",
    "Figure",
    "NotComputable",
    "Part",
    "compute_figures",
    "figures_of",
    "months_counted",
    "months_summed",
]


@dataclass(frozen=True)
class NotComputable:
    """Something the Verordnung defines that the report cannot give, with why (German: the report shows it)."""

    what: str
    paragraph: str
    reason: str


NOT_COMPUTABLE = (
    NotComputable(
        "Vergleichstypen und der Vergleich mit ihnen",
        "§ 2 Abs. 3, § 7 Kennzahlen-Verordnung",
        "Die Vergleichstypen bildet der Bund aus den Rahmenbedingungen aller Jobcenter; Lotse hat nur die Daten "
        "dieses Jobcenters.",
    ),
    NotComputable(
        "Integrationen mit Beschäftigung begleitenden Leistungen, gesondert",
        "§ 2 Abs. 2 Nr. 2, § 5 Abs. 1 S. 2 Kennzahlen-Verordnung",
        "Die Vermittlung meldet nicht, ob eine Beschäftigung nach §§ 16b, 16e SGB II oder §§ 88 bis 90 SGB III "
        "gefördert wird; als Integrationen sind sie in K2 gezählt, nur nicht gesondert ausweisbar.",
    ),
    NotComputable(
        "Leistungen nach § 24 Abs. 1 SGB II in K1",
        "§ 4 Abs. 1 S. 2 Kennzahlen-Verordnung",
        "Darlehen bei unabweisbarem Bedarf entscheidet die Leistungsberechnung noch nicht; K1 enthält sie nicht.",
    ),
    NotComputable(
        "Anteile nicht erfasster Mitglieder an K1 und K1E1 nach Geschlecht und Programm",
        "§ 3 S. 3, § 4 Kennzahlen-Verordnung",
        "Kinder und andere Mitglieder der Bedarfsgemeinschaft, die nicht als Kundinnen oder Kunden erfasst sind, "
        "haben kein erfasstes Geschlecht; ihr Bedarfsanteil zählt nur im Gesamtwert, in keiner Gruppe. Ebenso "
        "Monate, die vor der Veröffentlichung der Bedarfsanteile entschieden wurden.",
    ),
)


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
