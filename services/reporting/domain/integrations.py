"""What § 5 counts: integrations, entries into minijobs and subsidised work, and continuous employment.

§ 5 Abs. 1 S. 2–5: an integration is an ELB taking up, in a month, insured employment
(sozialversicherungspflichtige Beschäftigung, also when supported by Beschäftigung begleitende Leistungen,
§ 2 Abs. 2 Nr. 2 — Lotse's "insured"), a voll qualifizierende berufliche Ausbildung ("apprenticeship") or
self-employment ("self_employed"). Öffentlich geförderte Beschäftigung (§ 2 Abs. 2 Nr. 3, "subsidised") is
no integration; nor is a minijob ("marginal"). Only one integration per person and Bezugsmonat.

"An ELB ... in einem Monat": the person was ELB in the month the employment starts **or in the month before**
(`at_start`). Read literally (needy in the start month only), the Verordnung would miss most integrations Lotse
sees: the benefits engine follows the Zuflussprinzip (§ 11 Abs. 2, 3 SGB II), so when the first wage flows in
the start month and covers the need, the person has no needy month for it, and K2 stays near 0. The Statistik
der Bundesagentur für Arbeit, which computes the § 48a figures (§ 3 S. 2: "Berechnungsgrundlage sind die Daten
nach § 51b"), counts an integration of a reporting month when the employment was taken up between the previous
and the current count day by a person who was in the ELB stock on the previous count day, and for people who
entered the stock only in the month before, it also searches that month; "dadurch werden auch
Beschäftigungsaufnahmen von Personen berücksichtigt, die im Monat der Erwerbstätigkeitsaufnahme erst zugegangen
sind" (BA Statistik, "Kennzahlen nach § 48a SGB II – Fachliche Beschreibung", 2.3.2 Operationalisierung;
methodological notes at statistik.arbeitsagentur.de, Methodische Hinweise › Grundsicherung › Kennzahlen nach
§ 48a SGB II). On Lotse's monthly needy months that is: ELB in the start month or the month before. A person
needy only two months before the start is no longer ELB in that sense and is not counted.

The rule is only for the integrations (K2, K2E3's integrations, K2E4, K3E1 and the programme yardsticks that
count integrations). The stocks the quotients divide by stay the ELB (or LZB) of each month, as § 5 Abs. 1 and
§ 6 Abs. 1 define them; the entries into minijobs and subsidised work (§ 5 Abs. 2 Nr. 1, 2) stay the entries of
ELB in the month, since neither ends the need in Lotse's engine (no Zufluss effect to correct).
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


def at_start(stock: Stock) -> Stock:
    """Who of `stock` an integration in month m counts for: those in it in m or in m−1 (see the module
    docstring: the first wage may end the need in the start month itself)."""

    def in_start_month_or_before(month: date) -> frozenset[UUID]:
        return frozenset(stock(month)) | frozenset(stock(add_months(month, -1)))

    return in_start_month_or_before


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
        """Who of `among(month)` took up one of `kinds` in `month`: a set, so two starts count once. For § 5's
        integrations `among` is `at_start(...)` of the ELB (or LZB, or participants) stock."""
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
