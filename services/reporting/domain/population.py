"""Who counts: the people a query selects, and which of them were erwerbsfähige Leistungsberechtigte when.

The breakdown filters (office, sex — § 3 S. 3 "geschlechtsspezifisch" —, programme, target group) select
people; every person-based figure then reads only their facts. Facts of a client with no `Person` are
ignored, since nothing says which office or sex they belong to.
"""

from bisect import bisect_left, bisect_right
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.reporting.domain.facts import District, NeedyMonth, Person, Profile, Sex
from services.reporting.domain.months import month_number

LONG_TERM_WINDOW = 24  # § 6 Abs. 1 S. 2: "in den vergangenen 24 Monaten
LONG_TERM_MONTHS = 21  # mindestens 21 Monate hilfebedürftig"


@dataclass(frozen=True)
class Breakdown:
    office_id: str | None = None
    sex: Sex | None = None
    programme_id: str | None = None
    target_group: str | None = None

    @property
    def by_person_only(self) -> bool:
        """A filter that household figures (benefit sums) cannot follow: benefits are paid per household."""
        return any(f is not None for f in (self.sex, self.programme_id, self.target_group))

    def admits(self, person: Person | Profile) -> bool:
        return (
            self.office_id in (None, person.office_id)
            and self.sex in (None, person.sex)
            and self.programme_id in (None, person.programme_id)
            and (self.target_group is None or self.target_group in person.target_groups)
        )


def selected_people(district: District, breakdown: Breakdown) -> list[Person]:
    return [p for p in district.people if breakdown.admits(p)]


class NeedyIndex:
    """Who was needy (an ELB) in which month, and from that the stock, its Zugang and Abgang, and who is
    a Langzeitleistungsbeziehende (§ 6 Abs. 1)."""

    def __init__(self, needy_months: Iterable[NeedyMonth], clients: Iterable[UUID]) -> None:
        wanted = set(clients)
        by_month: dict[date, set[UUID]] = defaultdict(set)
        by_client: dict[UUID, set[int]] = defaultdict(set)
        for fact in needy_months:
            if (client_id := fact.client_id) in wanted:
                by_month[fact.month].add(client_id)
                by_client[client_id].add(month_number(fact.month))
        self._elb = {month: frozenset(clients_then) for month, clients_then in by_month.items()}
        # Sorted month numbers per person, so "needy in how many of the 24 months" is two bisections.
        self._months_of = {c: sorted(months) for c, months in by_client.items()}
        self._long_term: dict[date, frozenset[UUID]] = {}

    def elb(self, month: date) -> frozenset[UUID]:
        return self._elb.get(month, frozenset())

    def long_term(self, month: date) -> frozenset[UUID]:
        """ELB in `month` who were needy in at least 21 of the 24 months ending with it (§ 6 Abs. 1 S. 2)."""
        if month not in self._long_term:
            self._long_term[month] = frozenset(
                c for c in self.elb(month) if self._needy_count(c, month) >= LONG_TERM_MONTHS
            )
        return self._long_term[month]

    def _needy_count(self, client_id: UUID, month: date) -> int:
        months, last = self._months_of[client_id], month_number(month)
        return bisect_right(months, last) - bisect_left(months, last - LONG_TERM_WINDOW + 1)
