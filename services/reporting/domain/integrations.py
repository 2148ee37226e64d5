"""What § 5 counts: integrations, entries into minijobs and subsidised work, and continuous employment.

§ 5 Abs. 1 S. 2–5: an integration is an ELB taking up, in a month, insured employment
(sozialversicherungspflichtige Beschäftigung, also when supported by Beschäftigung begleitende Leistungen,
§ 2 Abs. 2 Nr. 2 — Lotse's "insured"), a voll qualifizierende berufliche Ausbildung ("apprenticeship") or
self-employment ("self_employed"). Öffentlich geförderte Beschäftigung (§ 2 Abs. 2 Nr. 3, "subsidised") is
no integration; nor is a minijob ("marginal"). Only one integration per person and Bezugsmonat.

"An ELB in a month" is read literally: the person has a `NeedyMonth` for the month the employment starts.
"""

from collections import defaultdict
from collections.abc import Callable, Collection, Iterable
from datetime import date
from uuid import UUID

from services.reporting.domain.facts import EmploymentKind, EmploymentStart, InsuredMonth
from services.reporting.domain.months import add_months, first_of_month

INTEGRATION_KINDS: frozenset[EmploymentKind] = frozenset({"insured", "apprenticeship", "self_employed"})
INSURED: frozenset[EmploymentKind] = frozenset({"insured"})  # § 5 Abs. 2 Nr. 3: K2E3's "Integration"
CONTINUOUS_MONTHS = 6  # § 5 Abs. 2 Nr. 3: "in jedem der sechs auf die Integration folgenden Monate"

Stock = Callable[[date], Collection[UUID]]


class Employments:
    """The selected people's employment starts by month, and the months they were in insured employment."""

    def __init__(self, starts: Iterable[EmploymentStart], insured: Iterable[InsuredMonth], clients: Iterable[UUID]):
        wanted = set(clients)
        self._starts: dict[date, list[EmploymentStart]] = defaultdict(list)
        for start in starts:
            if start.client_id in wanted:
                self._starts[first_of_month(start.start_date)].append(start)
        self._insured = {(m.client_id, m.month) for m in insured if m.client_id in wanted}
        self._insured |= {(s.client_id, m) for m, ss in self._starts.items() for s in ss if s.kind in INSURED}

    def integrations(
        self, month: date, among: Stock, kinds: frozenset[EmploymentKind] = INTEGRATION_KINDS
    ) -> set[UUID]:
        """Who of `among(month)` took up one of `kinds` in `month`: a set, so two starts count once."""
        stock = among(month)
        return {s.client_id for s in self._starts.get(month, ()) if s.kind in kinds and s.client_id in stock}

    def entrants(self, month: date, among: Stock, kind: EmploymentKind) -> list[UUID]:
        """Who of `among(month)` entered `kind` in `month`, once per entry: every entry counts (§ 5 Abs. 2 Nr. 1,
        2 name no one-per-month rule, unlike Abs. 1 S. 5 for integrations)."""
        stock = among(month)
        return [s.client_id for s in self._starts.get(month, ()) if s.kind == kind and s.client_id in stock]

    def continuous(self, client_id: UUID, month: date) -> bool:
        """Insured in each of the six months after the integration month (§ 5 Abs. 2 Nr. 3). Any insured
        employment will do, not only the first one; a new insured job that starts within a month makes the
        person "in that month sozialversicherungspflichtig beschäftigt" as the text asks."""
        return all(self.insured_in(client_id, add_months(month, k)) for k in range(1, CONTINUOUS_MONTHS + 1))

    def insured_in(self, client_id: UUID, month: date) -> bool:
        return (client_id, month) in self._insured
