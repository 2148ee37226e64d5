"""The seeds' yardsticks for their programmes, as figures like the § 48a ones (numerator, denominator, percent).

- Programme success (seed 004: in Sinn "90 Prozent der Teilnehmer hätten anschließend eine Stelle gefunden"):
  participants whose participation ended in the twelve months M−N−11 … M−N, and of them those in insured
  employment in the month of the end or one of the N months after it. Only ends whose N months are over by M
  are countable, for the reason K2E3 waits six months.
- Integrations per programme: § 5 Abs. 1 integrations of participants in a month of their participation, over
  the participants' average ELB stock (the programme's K2); sustained: the § 5 Abs. 2 Nr. 3 rule on them.
- Contact density (seed 003, Joboffensive: "bis zu vier Kontakte pro Monat"): contacts recorded in the month
  with the programme's participants ÷ (participants × the target per client).
- Apprenticeship placement rate (seed 002, Gütersloh: "Jedem dritten Lehrstellensuchenden einen
  Ausbildungsplatz"): seekers who took up an apprenticeship in the twelve months ÷ seekers who were ELB in
  them. Lotse records no "ausbildungsuchend" status, so the caller names the target group that stands for it.

Participation comes from `ProgrammeSpell`s; a spell covers the months from its start's to its end's.
"""

from collections.abc import Callable
from dataclasses import replace
from datetime import date
from decimal import Decimal
from uuid import UUID

from services.reporting.domain.facts import District, ProgrammeSpell
from services.reporting.domain.integration_rate import continuous_employment, integration_quote
from services.reporting.domain.integrations import Employments
from services.reporting.domain.months import add_months, first_of_month, window
from services.reporting.domain.population import Breakdown, NeedyIndex, selected_people
from services.reporting.domain.quotient import Definition, Figure, ratio

SUCCESS = Definition("programme_success", "Programmerfolg: in Beschäftigung nach Programmende", "Seed 004 (Sinn)")
INTEGRATIONS = Definition("programme_integrations", "Integrationsquote im Programm", "§ 5 Abs. 1 je Programm")
SUSTAINED = Definition("programme_sustained", "Nachhaltige Integrationen im Programm", "§ 5 Abs. 2 Nr. 3 je Programm")
CONTACTS = Definition("contact_density", "Kontaktdichte gegen das Ziel", "Seed 003 (Joboffensive)")
APPRENTICESHIPS = Definition("apprenticeship_placement", "Vermittlung in Ausbildung", "Seed 002 (Gütersloh)")
YEAR = 12


class _Programme:
    """One programme's participants among the people an office filter selects."""

    def __init__(self, district: District, programme_id: str, office_id: str | None) -> None:
        people = {p.client_id for p in selected_people(district, Breakdown(office_id=office_id))}
        self.spells = [s for s in district.programme_spells if s.programme_id == programme_id and s.client_id in people]
        clients = {s.client_id for s in self.spells}
        self.needy = NeedyIndex(district.needy_months, clients)
        self.jobs = Employments(district.employment_starts, district.insured_months, clients)

    def participants(self, month: date) -> frozenset[UUID]:
        return frozenset(s.client_id for s in self.spells if _covers(s, month))

    def participating_elb(self, month: date) -> frozenset[UUID]:
        return self.participants(month) & self.needy.elb(month)


def _covers(spell: ProgrammeSpell, month: date) -> bool:
    return first_of_month(spell.start) <= month and (spell.end is None or month <= first_of_month(spell.end))


def _aiming(figure: Figure, target: Decimal | None) -> Figure:
    return replace(figure, target=target)


def programme_success(
    district: District, programme_id: str, month: date, *, within_months: int, office_id: str | None = None
) -> Figure:
    month = first_of_month(month)
    programme = _Programme(district, programme_id, office_id)
    cohort = set(window(add_months(month, -within_months), YEAR))
    ended = [
        (s.client_id, first_of_month(s.end)) for s in programme.spells if s.end and first_of_month(s.end) in cohort
    ]
    in_work = {
        c for c, end in ended if any(programme.jobs.insured_in(c, add_months(end, k)) for k in range(within_months + 1))
    }
    return _aiming(ratio(SUCCESS, month, len(in_work), len({c for c, _ in ended})), Decimal(90))


def programme_integrations(
    district: District, programme_id: str, month: date, *, office_id: str | None = None
) -> list[Figure]:
    month = first_of_month(month)
    programme = _Programme(district, programme_id, office_id)
    stock: Callable[[date], frozenset[UUID]] = programme.participating_elb
    return [
        integration_quote(INTEGRATIONS, stock, programme.jobs, month),
        continuous_employment(stock, programme.jobs, month, SUSTAINED),
    ]


def contact_density(
    district: District, programme_id: str, month: date, *, target_per_month: int, office_id: str | None = None
) -> Figure:
    month = first_of_month(month)
    clients = _Programme(district, programme_id, office_id).participants(month)
    contacts = sum(c.contacts for c in district.contacts if c.month == month and c.client_id in clients)
    return _aiming(ratio(CONTACTS, month, contacts, len(clients) * target_per_month), Decimal(100))


def apprenticeship_placement(
    district: District, month: date, *, seeker_group: str, office_id: str | None = None
) -> Figure:
    month = first_of_month(month)
    seekers = {
        p.client_id for p in selected_people(district, Breakdown(office_id=office_id, target_group=seeker_group))
    }
    needy = NeedyIndex(district.needy_months, seekers)
    jobs = Employments(district.employment_starts, district.insured_months, seekers)
    months = window(month, YEAR)
    ever_elb = set().union(*(needy.elb(m) for m in months))
    placed = set().union(*(jobs.integrations(m, needy.elb, frozenset({"apprenticeship"})) for m in months))
    return _aiming(ratio(APPRENTICESHIPS, month, len(placed), len(ever_elb)), Decimal("33.3"))
