"""What the § 48a figures are computed from: counts per month and profile, and the benefit sums per month and office.

A profile is what the breakdowns select by (office, sex, programme, target groups); every person has exactly one,
so the profiles partition the people and a group's count of a month is the sum of its profiles' counts, even of
counts of distinct people ("one integration per person and month"). Counting is done once per month and profile,
by the database for the API (`use_cases/counting.py`) or by `count_facts` here from the facts, which is the
definition the database's counting is tested against.

The counts of a month m (§§ 4–6 Kennzahlen-Verordnung; the rules in `integrations` and `population`):
elb               ELB in m (needy that month)
elb_entries       of them, not needy in m−1 (Zugang, § 4 Abs. 2 Nr. 3)
long_term         LZB in m: ELB needy in at least 21 of the 24 months ending with m (§ 6 Abs. 1 S. 2)
long_term_entries of them, not LZB in m−1
integrations      people who were ELB in m or m−1 and took up an integration kind in m, each once (§ 5 Abs. 1
                  S. 5; "or m−1": `integrations.at_start`, the BA's reading)
long_term_integrations   the same of those LZB in m or m−1 (§ 6 Abs. 2 Nr. 1)
marginal_entries, subsidised_entries   starts of minijobs / subsidised work of ELB in m, each start (§ 5 Abs. 2)
insured_integrations     people ELB in m or m−1 who took up insured employment in m (K2E3's integrations)
continuous        of them, insured in each of the six months after m (§ 5 Abs. 2 Nr. 3)
long_term_in_measure     LZB in m who were in a Maßnahme in m (§ 6 Abs. 2 Nr. 2)

Abgänge are not counted but follow: who was in the stock in m−1 and is not in m's = stock(m−1) − (stock(m) −
entries(m)), since stock(m) − entries(m) are those in both months.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, fields
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.reporting.domain.facts import District, Profile
from services.reporting.domain.integrations import INSURED, Employments, at_start
from services.reporting.domain.months import add_months, months_between
from services.reporting.domain.population import NeedyIndex


@dataclass(frozen=True)
class MonthCounts:
    """One month's counts of one profile or group (see the module docstring for each)."""

    elb: int = 0
    elb_entries: int = 0
    long_term: int = 0
    long_term_entries: int = 0
    integrations: int = 0
    long_term_integrations: int = 0
    marginal_entries: int = 0
    subsidised_entries: int = 0
    insured_integrations: int = 0
    continuous: int = 0
    long_term_in_measure: int = 0

    def __add__(self, other: MonthCounts) -> MonthCounts:
        # COUNTS, not `fields()` each time: a report adds thousands of these.
        return MonthCounts(*(getattr(self, name) + getattr(other, name) for name in COUNTS))


COUNTS = tuple(f.name for f in fields(MonthCounts))
NONE = MonthCounts()


@dataclass(frozen=True)
class BenefitSums:
    """A month's benefits of the households an office paid (§ 4 Abs. 1, Abs. 2 Nr. 1)."""

    subsistence: Decimal = Decimal(0)
    housing: Decimal = Decimal(0)


@dataclass(frozen=True)
class Counts:
    """The counts of the months `first` … `last`; `profiles` holds every registered person's profile, also of
    people with nothing to count, so that a breakdown lists each programme and target group there is."""

    first: date
    last: date
    profiles: frozenset[Profile]
    months: Mapping[tuple[date, Profile], MonthCounts]
    benefits: Mapping[tuple[date, str], BenefitSums]
    # The members' parts of the benefits per month and profile (`need_reduction`: K1 by sex and programme).
    shares: Mapping[tuple[date, Profile], BenefitSums]


def count_facts(district: District, first: date, last: date) -> Counts:
    """The counts of the months `first` … `last` from the district's facts, as the definitions say."""
    profiles = {p.client_id: p.profile for p in district.people}
    needy = NeedyIndex(district.needy_months, profiles)
    jobs = Employments(district.employment_starts, district.insured_months, profiles)
    tally: dict[str, Counter[tuple[date, Profile]]] = {name: Counter() for name in COUNTS}
    measures = {(m.client_id, m.month) for m in district.measure_months}

    def add(name: str, month: date, clients: Iterable[UUID]) -> None:
        tally[name].update((month, profiles[c]) for c in clients)

    elb_at_start, long_term_at_start = at_start(needy.elb), at_start(needy.long_term)
    for month in months_between(first, last):
        before = add_months(month, -1)
        elb, long_term = needy.elb(month), needy.long_term(month)
        add("elb", month, elb)
        add("elb_entries", month, elb - needy.elb(before))
        add("long_term", month, long_term)
        add("long_term_entries", month, long_term - needy.long_term(before))
        add("integrations", month, jobs.integrations(month, elb_at_start))
        add("long_term_integrations", month, jobs.integrations(month, long_term_at_start))
        add("marginal_entries", month, jobs.entrants(month, needy.elb, "marginal"))
        add("subsidised_entries", month, jobs.entrants(month, needy.elb, "subsidised"))
        insured = jobs.integrations(month, elb_at_start, INSURED)
        add("insured_integrations", month, insured)
        add("continuous", month, (c for c in insured if jobs.continuous(c, month)))
        add("long_term_in_measure", month, (c for c in long_term if (c, month) in measures))
    keys = set().union(*tally.values())
    cells = {key: MonthCounts(*(tally[name][key] for name in COUNTS)) for key in keys}
    return Counts(
        first,
        last,
        frozenset(profiles.values()),
        cells,
        _benefit_sums(district, first, last),
        _member_shares(district, profiles, first, last),
    )


def _benefit_sums(district: District, first: date, last: date) -> dict[tuple[date, str], BenefitSums]:
    sums: dict[tuple[date, str], BenefitSums] = {}
    for b in district.benefit_months:
        if first <= b.month <= last:
            was = sums.get((b.month, b.office_id), BenefitSums())
            sums[b.month, b.office_id] = BenefitSums(was.subsistence + b.subsistence, was.housing + b.housing)
    return sums


def _member_shares(
    district: District, profiles: Mapping[UUID, Profile], first: date, last: date
) -> dict[tuple[date, Profile], BenefitSums]:
    """Each needy month's share of its person (§ 9 Abs. 2 S. 3 SGB II) summed per month and the person's profile;
    months without a published share are not attributed."""
    sums: dict[tuple[date, Profile], BenefitSums] = {}
    for n in district.needy_months:
        profile = profiles.get(n.client_id)
        if profile is None or n.subsistence is None or n.housing is None or not first <= n.month <= last:
            continue
        was = sums.get((n.month, profile), BenefitSums())
        sums[n.month, profile] = BenefitSums(was.subsistence + n.subsistence, was.housing + n.housing)
    return sums


Count = Callable[[date], int]
Series = Callable[[date], MonthCounts]


def group_series(counts: Counts, admits: Callable[[Profile], bool]) -> Series:
    """The counts of each month summed over the profiles `admits` selects (a month without any: all zero)."""
    chosen = {p for p in counts.profiles if admits(p)}
    by_month: dict[date, MonthCounts] = defaultdict(MonthCounts)
    for (month, profile), cell in counts.months.items():
        if profile in chosen:
            by_month[month] += cell
    return lambda month: by_month.get(month, NONE)


def exits(stock: Count, entries: Count, month: date) -> int:
    """Abgänge in `month`: in the stock of the month before and not in this month's (see the module docstring)."""
    return stock(add_months(month, -1)) - (stock(month) - entries(month))
