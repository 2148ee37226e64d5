"""The seeds' yardsticks for their programmes, as figures like the § 48a ones (numerator, denominator, percent).

- Programme success (seed 004: in Sinn "90 Prozent der Teilnehmer hätten anschließend eine Stelle gefunden"):
  participants whose participation ended in the twelve months M−N−11 … M−N, and of them those in insured
  employment in the month of the end or one of the N months after it. Only ends whose N months are over by M
  are countable, for the reason K2E3 waits six months.
- Integrations per programme: § 5 Abs. 1 integrations of participants in a month of their participation who were
  ELB in it or the month before (`integrations.at_start`), over the participants' average ELB stock (the
  programme's K2); sustained: the § 5 Abs. 2 Nr. 3 rule on them.
- Contact density (seed 003, Joboffensive: "bis zu vier Kontakte pro Monat"): contacts recorded in the month
  with the programme's participants ÷ (participants × the target per client).
- Apprenticeship placement rate (seed 002, Gütersloh: "Jedem dritten Lehrstellensuchenden einen
  Ausbildungsplatz"): seekers who took up an apprenticeship in the twelve months (ELB in its start month or the
  month before, as § 5 counts) ÷ seekers who were ELB in them or were so placed; the placed are part of the
  denominator so that the share cannot pass 100 % when a placement in the window's first month follows need in
  the month before it only. Lotse records no "ausbildungsuchend" status, so the caller names the target group
  that stands for it.
- Savings against cost (seed 003, Gelsenkirchen: "Die Einsparungen ... werden gegengerechnet"): for the spells
  that ended in the twelve months M−N−11 … M−N, the fall in their households' benefits (subsistence + housing)
  over the N months after the end against the start month's, ÷ the programme's cost: its cost per place and
  month × the months those spells occupied a place. 100 % = the programme paid for itself.
- Caseload against the ratio (§ 44c Abs. 4 SGB II, Betreuungsschlüssel): the programme's participants in the
  month ÷ (its case managers × the clients per case manager its catalogue allows). Above 100 % is over ratio.

Participation comes from `ProgrammeSpell`s; a spell covers the months from its start's to its end's.

All but the savings are figures of a programme's `ProgrammeCounts`: `programme_counts` counts them from the
facts (their definition), the service has the database count the same (`use_cases/programme_counts.py`); the
savings' definition is `programme_savings`, counted by the database in `use_cases/programme_savings.py`.
"""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from uuid import UUID

from services.reporting.domain.facts import BenefitMonth, District, NeedyMonth, ProgrammeSpell
from services.reporting.domain.integration_rate import continuous_employment, integration_quote
from services.reporting.domain.integrations import CONTINUOUS_MONTHS, INSURED, Employments, at_start
from services.reporting.domain.months import add_months, first_of_month, month_number, window
from services.reporting.domain.population import Breakdown, NeedyIndex, selected_people
from services.reporting.domain.quotient import Definition, Figure, ratio

SUCCESS = Definition("programme_success", "Programmerfolg: in Beschäftigung nach Programmende", "Seed 004 (Sinn)")
INTEGRATIONS = Definition("programme_integrations", "Integrationsquote im Programm", "§ 5 Abs. 1 je Programm")
SUSTAINED = Definition("programme_sustained", "Nachhaltige Integrationen im Programm", "§ 5 Abs. 2 Nr. 3 je Programm")
CONTACTS = Definition("contact_density", "Kontaktdichte gegen das Ziel", "Seed 003 (Joboffensive)")
SAVINGS = Definition("programme_savings", "Einsparungen gegen Programmkosten", "Seed 003 (Gelsenkirchen)")
CASELOAD = Definition("caseload", "Betreuungsschlüssel: Auslastung", "§ 44c Abs. 4 SGB II")
APPRENTICESHIPS = Definition("apprenticeship_placement", "Vermittlung in Ausbildung", "Seed 002 (Gütersloh)")
YEAR = 12


class _Programme:
    """One programme's participants among the people an office filter selects."""

    def __init__(self, district: District, programme_id: str, office_id: str | None) -> None:
        people = {p.client_id for p in selected_people(district, Breakdown(office_id=office_id))}
        self.spells = [s for s in district.programme_spells if s.programme_id == programme_id and s.client_id in people]
        self._district = district
        self._participants: dict[date, frozenset[UUID]] = {}

    # Built when first asked for: contact density, caseload and savings read the spells alone.
    @cached_property
    def needy(self) -> NeedyIndex:
        return NeedyIndex(self._district.needy_months, {s.client_id for s in self.spells})

    @cached_property
    def jobs(self) -> Employments:
        district = self._district
        return Employments(district.employment_starts, district.insured_months, {s.client_id for s in self.spells})

    def participants(self, month: date) -> frozenset[UUID]:
        if month not in self._participants:
            self._participants[month] = frozenset(s.client_id for s in self.spells if _covers(s, month))
        return self._participants[month]

    def participating_elb(self, month: date) -> frozenset[UUID]:
        return self.participants(month) & self.needy.elb(month)

    def participating_at_start(self, month: date) -> frozenset[UUID]:
        """Participants in `month` whose integration in it counts: ELB in it or the month before (§ 5 Abs. 1 as
        `integrations.at_start` reads it)."""
        return self.participants(month) & frozenset(at_start(self.needy.elb)(month))


def programme_district(district: District, programme_id: str, office_id: str | None = None) -> District:
    """The facts of the programme's participants among the office's people only (their households' benefits): the
    yardsticks of one programme read nothing else, so a report reads the district once per programme, not once
    per yardstick. Every yardstick of the programme gives the same on it as on the whole district."""
    people = {p.client_id for p in selected_people(district, Breakdown(office_id=office_id))}
    spells = [s for s in district.programme_spells if s.programme_id == programme_id and s.client_id in people]
    clients = {s.client_id for s in spells}
    needy = [n for n in district.needy_months if n.client_id in clients]
    households = {n.household_id for n in needy}
    return District(
        people=[p for p in district.people if p.client_id in clients],
        needy_months=needy,
        benefit_months=[b for b in district.benefit_months if b.household_id in households],
        employment_starts=[e for e in district.employment_starts if e.client_id in clients],
        insured_months=[m for m in district.insured_months if m.client_id in clients],
        measure_months=[m for m in district.measure_months if m.client_id in clients],
        contacts=[c for c in district.contacts if c.client_id in clients],
        programme_spells=spells,
    )


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
    stock, counted, jobs = programme.participating_elb, programme.participating_at_start, programme.jobs

    def judged(m: date) -> set[UUID]:
        return jobs.integrations(m, counted, INSURED)

    return [
        integration_quote(INTEGRATIONS, lambda m: len(jobs.integrations(m, counted)), lambda m: len(stock(m)), month),
        continuous_employment(
            SUSTAINED, lambda m: sum(jobs.continuous(c, m) for c in judged(m)), lambda m: len(judged(m)), month
        ),
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
    counted = at_start(needy.elb)
    placed = set().union(*(jobs.integrations(m, counted, frozenset({"apprenticeship"})) for m in months))
    return _aiming(ratio(APPRENTICESHIPS, month, len(placed), len(ever_elb | placed)), Decimal("33.3"))


def programme_savings(
    district: District,
    programme_id: str,
    month: date,
    *,
    cost_per_place_month: Decimal,
    after_months: int,
    office_id: str | None = None,
) -> Figure:
    """Numerator: the benefits saved in €, denominator: the cost in € (see the module's docstring)."""
    month = first_of_month(month)
    cohort = set(window(add_months(month, -after_months), YEAR))
    spells = [
        s for s in _Programme(district, programme_id, office_id).spells if s.end and first_of_month(s.end) in cohort
    ]
    cohort_clients = {s.client_id for s in spells}
    needy = [n for n in district.needy_months if n.client_id in cohort_clients]
    paid = _household_benefits(district.benefit_months, {n.household_id for n in needy})
    saved, households = Fraction(0), set()
    for spell in sorted(spells, key=spell_order):
        household = _household_at(needy, spell)
        if household is None or household in households:
            continue  # two participants (or spells) of one household save its benefits once: the first's
        households.add(household)
        saved += _fall(paid, household, spell, after_months)
    places = sum(_months_between(s.start, s.end or s.start) for s in spells)
    return savings_of(month, saved, places, cost_per_place_month)


def spell_order(spell: ProgrammeSpell) -> tuple[int, int, UUID]:
    """Which of a household's spells counts its savings: the earliest start month, then end month, then client
    (`use_cases/programme_savings.py` picks the same in SQL)."""
    return month_number(spell.start), month_number(spell.end or spell.start), spell.client_id


def savings_of(month: date, saved: Fraction | Decimal, places: int, cost_per_place_month: Decimal) -> Figure:
    """The benefits saved in € over the cost of the places the spells occupied (cost per place and month)."""
    return _aiming(ratio(SAVINGS, month, Fraction(saved), Fraction(cost_per_place_month) * places), Decimal(100))


def caseload(
    district: District,
    programme_id: str,
    month: date,
    *,
    case_managers: int,
    clients_per_case_manager: int,
    office_id: str | None = None,
) -> Figure:
    month = first_of_month(month)
    clients = _Programme(district, programme_id, office_id).participants(month)
    return _aiming(ratio(CASELOAD, month, len(clients), case_managers * clients_per_case_manager), Decimal(100))


def _household_benefits(months: Sequence[BenefitMonth], households: set[UUID]) -> dict[tuple[UUID, date], Fraction]:
    """The benefits of `households` per month: summed exactly as decimals, each month made a fraction once."""
    paid: dict[tuple[UUID, date], Decimal] = {}
    for b in months:
        if b.household_id in households:
            key = (b.household_id, b.month)
            paid[key] = paid.get(key, Decimal(0)) + b.subsistence + b.housing
    return {key: Fraction(amount) for key, amount in paid.items()}


def _fall(paid: dict[tuple[UUID, date], Fraction], household: UUID, spell: ProgrammeSpell, months: int) -> Fraction:
    """The start month's benefits minus each of the `months` after the end's; no payment after = all saved."""
    before = paid.get((household, first_of_month(spell.start)), Fraction(0))
    end = first_of_month(spell.end or spell.start)
    after = (paid.get((household, add_months(end, k)), Fraction(0)) for k in range(1, months + 1))
    return sum((before - amount for amount in after), Fraction(0))


def _household_at(needy: Sequence[NeedyMonth], spell: ProgrammeSpell) -> UUID | None:
    """The household the participant was needy in last before or at the programme's start."""
    start = first_of_month(spell.start)
    earlier = [n for n in needy if n.client_id == spell.client_id and n.month <= start]
    return max(earlier, key=lambda n: n.month).household_id if earlier else None


def _months_between(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


@dataclass(frozen=True)
class ProgrammeCounts:
    """What the programme yardsticks of month M count, for one programme among an office's people."""

    participants: int  # taking part in M
    contacts: int  # contacts recorded in M with them
    ended: int  # people whose participation ended in the success cohort's months (M−N−11 … M−N)
    in_work: int  # of them, in insured work in the end month or one of the N after it
    stock: Mapping[date, int]  # per month of the twelve up to M: participating ELB
    integrations: Mapping[date, int]  # per month of the twelve up to M: their integrations, once per person
    judged: Mapping[date, int]  # per month of M−17 … M−6: their insured integrations (§ 5 Abs. 2 Nr. 3)
    continuous: Mapping[date, int]  # of those, insured in each of the six months after


def programme_counts(
    district: District, programme_id: str, month: date, *, within_months: int, office_id: str | None = None
) -> ProgrammeCounts:
    """The counts from the facts: the definition the database's counting is held to."""
    month = first_of_month(month)
    programme = _Programme(district, programme_id, office_id)
    cohort = set(window(add_months(month, -within_months), YEAR))
    ended = [
        (s.client_id, first_of_month(s.end)) for s in programme.spells if s.end and first_of_month(s.end) in cohort
    ]
    jobs, stock, counted = programme.jobs, programme.participating_elb, programme.participating_at_start
    in_work = {c for c, end in ended if any(jobs.insured_in(c, add_months(end, k)) for k in range(within_months + 1))}
    clients = programme.participants(month)
    judged = {m: jobs.integrations(m, counted, INSURED) for m in window(add_months(month, -CONTINUOUS_MONTHS), YEAR)}
    return ProgrammeCounts(
        participants=len(clients),
        contacts=sum(c.contacts for c in district.contacts if c.month == month and c.client_id in clients),
        ended=len({c for c, _ in ended}),
        in_work=len(in_work),
        stock={m: len(stock(m)) for m in window(month, YEAR)},
        integrations={m: len(jobs.integrations(m, counted)) for m in window(month, YEAR)},
        judged={m: len(found) for m, found in judged.items()},
        continuous={m: sum(jobs.continuous(c, m) for c in found) for m, found in judged.items()},
    )


def success_of(counts: ProgrammeCounts, month: date) -> Figure:
    return _aiming(ratio(SUCCESS, first_of_month(month), counts.in_work, counts.ended), Decimal(90))


def integrations_of(counts: ProgrammeCounts, month: date) -> list[Figure]:
    def of(found: Mapping[date, int]) -> Callable[[date], int]:
        return lambda m: found.get(m, 0)

    month = first_of_month(month)
    return [
        integration_quote(INTEGRATIONS, of(counts.integrations), of(counts.stock), month),
        continuous_employment(SUSTAINED, of(counts.continuous), of(counts.judged), month),
    ]


def contacts_of(counts: ProgrammeCounts, month: date, *, target_per_month: int) -> Figure:
    figure = ratio(CONTACTS, first_of_month(month), counts.contacts, counts.participants * target_per_month)
    return _aiming(figure, Decimal(100))


def caseload_of(counts: ProgrammeCounts, month: date, *, case_managers: int, clients_per_case_manager: int) -> Figure:
    figure = ratio(CASELOAD, first_of_month(month), counts.participants, case_managers * clients_per_case_manager)
    return _aiming(figure, Decimal(100))
