"""The § 48a SGB II indicators of one month, exactly as the Kennzahlen-Verordnung defines them.

§ 3: "Die Kennzahlen und Ergänzungsgrößen werden monatlich für alle Jobcenter gebildet ... sollen
geschlechtsspezifisch ausgewiesen werden ... werden in Prozent abgebildet." Each figure carries its numerator
and denominator (§ 2 Abs. 1) and its paragraph; the definitions as implemented are in `need_reduction` (§ 4),
`integration_rate` and `integrations` (§ 5) and `long_term` (§ 6).

What the Verordnung asks and Lotse's facts cannot give: K1 and K1E1 by sex, programme or target group (benefits
are per household; see `need_reduction`); the Vergleichstypen of § 2 Abs. 3 and § 7 (a federal clustering of
all 404 Jobcenters, not a Jobcenter's own data); and the distinction of Beschäftigung begleitende Leistungen
(§ 2 Abs. 2 Nr. 2) inside insured employment, which § 5 Abs. 1 S. 3 counts as integrations anyway.
"""

from datetime import date

from services.reporting.domain.facts import District, Sex
from services.reporting.domain.integration_rate import integration_figures
from services.reporting.domain.integrations import Employments
from services.reporting.domain.long_term import long_term_figures
from services.reporting.domain.months import first_of_month
from services.reporting.domain.need_reduction import benefit_sums, elb_figures
from services.reporting.domain.population import Breakdown, NeedyIndex, selected_people
from services.reporting.domain.quotient import Figure, Part

__all__ = ["Breakdown", "Figure", "Part", "compute_figures"]


def compute_figures(
    district: District,
    month: date,
    *,
    office_id: str | None = None,
    sex: Sex | None = None,
    programme_id: str | None = None,
    target_group: str | None = None,
) -> list[Figure]:
    """K1 … K3E4 for the Bezugsmonat `month` among the people the filters select (K1, K1E1: see above)."""
    month = first_of_month(month)
    breakdown = Breakdown(office_id, sex, programme_id, target_group)
    people = selected_people(district, breakdown)
    clients = [p.client_id for p in people]
    single_parents = frozenset(p.client_id for p in people if p.single_parent)
    needy = NeedyIndex(district.needy_months, clients)
    jobs = Employments(district.employment_starts, district.insured_months, clients)
    return [
        *benefit_sums(district.benefit_months, month, breakdown),
        *elb_figures(needy.elb, month),
        *integration_figures(needy.elb, lambda m: needy.elb(m) & single_parents, jobs, month),
        *long_term_figures(needy.long_term, jobs, district.measure_months, month),
    ]
