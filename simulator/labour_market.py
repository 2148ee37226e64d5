"""Employers, their vacancies and plausible pay. Pure, no I/O.

Some jobs start at 06:00 (care, warehouse, cleaning, production — the shift that a single parent with
childcare cannot take, seed 001), others at 08:00 or later (laundry of a care home, retail, office).
Pay follows the statutory minimum wage of the month (Mindestlohngesetz) times a factor per occupation.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, time
from decimal import ROUND_HALF_UP, Decimal

from simulator import district

CENT = Decimal("0.01")
# The hidden job market (#12, seed 004 Wetzlar): a share of the openings at partner companies is never published;
# the placement officer hears of it in a contact and records it unpublished.
HIDDEN_SHARE = 0.3
PARTNER_PROGRAMME = "gemeinsam"
WEEKS_PER_MONTH = Decimal(13) / Decimal(3)
# Mindestlohn per hour, by the date it applies from (MiLoV 4 and 5).
MINIMUM_WAGE: tuple[tuple[date, Decimal], ...] = (
    (date(2024, 1, 1), Decimal("12.41")),
    (date(2025, 1, 1), Decimal("12.82")),
    (date(2026, 1, 1), Decimal("13.90")),
    (date(2027, 1, 1), Decimal("14.60")),
)
MINIJOB_LIMIT: tuple[tuple[date, Decimal], ...] = (
    (date(2024, 1, 1), Decimal("538")),
    (date(2025, 1, 1), Decimal("556")),
    (date(2026, 1, 1), Decimal("603")),
)
TRANSITION_ZONE_TOP = Decimal("2000")  # Übergangsbereich: reduced employee contributions up to here
EMPLOYEE_CONTRIBUTIONS = Decimal("0.21")  # pension, health (avg. extra), care, unemployment insurance


@dataclass(frozen=True)
class JobTemplate:
    title: str
    occupation: str
    kind: str  # job | apprenticeship
    weekly_hours: int
    daily_start: time
    wage_factor: Decimal  # × minimum wage; for apprenticeships the monthly pay in euros
    employer: str  # kind of business, becomes part of the employer's name
    subject_to_social_insurance: bool = True


TEMPLATES: tuple[JobTemplate, ...] = (
    JobTemplate(
        "Pflegehilfskraft (Frühdienst)", "nursing_assistant", "job", 30, time(6, 0), Decimal("1.15"), "Seniorenresidenz"
    ),
    JobTemplate("Mitarbeiter/in Wäscherei", "laundry", "job", 25, time(8, 30), Decimal("1.00"), "Seniorenresidenz"),
    JobTemplate("Lagerhelfer/in", "warehouse", "job", 38, time(6, 0), Decimal("1.05"), "Logistik"),
    JobTemplate("Verkäufer/in", "retail", "job", 30, time(8, 0), Decimal("1.05"), "Markt"),
    JobTemplate("Verkäufer/in (Spätschicht)", "retail", "job", 25, time(12, 0), Decimal("1.05"), "Markt"),
    JobTemplate("Reinigungskraft", "cleaning", "job", 20, time(6, 0), Decimal("1.00"), "Gebäudeservice"),
    JobTemplate("Servicekraft", "hospitality", "job", 35, time(10, 0), Decimal("1.02"), "Hotel an der Ostsee"),
    JobTemplate("Bürokraft", "office", "job", 30, time(8, 0), Decimal("1.25"), "Steuerbüro"),
    JobTemplate("Produktionshelfer/in", "production", "job", 38, time(6, 0), Decimal("1.10"), "Metallbau"),
    JobTemplate("Helfer/in Kita-Küche", "kitchen", "job", 25, time(8, 0), Decimal("1.05"), "Kita-Verbund"),
    JobTemplate(
        "Aushilfe Bäckerei",
        "bakery",
        "job",
        9,
        time(5, 30),
        Decimal("1.00"),
        "Bäckerei",
        subject_to_social_insurance=False,
    ),  # a Minijob: no integration in the K2 sense
    JobTemplate(
        "Ausbildung Kaufmann/-frau im Einzelhandel",
        "retail",
        "apprenticeship",
        39,
        time(8, 0),
        Decimal("1050"),
        "Markt",
    ),
    JobTemplate(
        "Ausbildung Fachkraft für Lagerlogistik",
        "warehouse",
        "apprenticeship",
        39,
        time(7, 0),
        Decimal("1000"),
        "Logistik",
    ),
    JobTemplate(
        "Ausbildung Pflegefachfrau/-mann",
        "nursing",
        "apprenticeship",
        38,
        time(6, 0),
        Decimal("1340"),
        "Seniorenresidenz",
    ),
)


@dataclass(frozen=True)
class EmployerPlan:
    key: str
    name: str
    office_id: str
    postcode: str
    partner_company: bool
    business: str


@dataclass(frozen=True)
class VacancyPlan:
    key: str
    employer_key: str
    template: JobTemplate
    positions: int
    postcode: str
    hidden: bool = False  # unpublished, known through a contact with a partner company

    def gross_monthly_pay(self, month: date) -> Decimal:
        return monthly_pay(self.template, month)


def employers_for(office_id: str) -> list[EmployerPlan]:
    """One employer per kind of business in the office's town; every other one a partner company (seed 004)."""
    office = district.office(office_id)
    businesses = sorted({t.employer for t in TEMPLATES})
    return [
        EmployerPlan(
            f"{office_id}-{slug(b)}",
            f"{b} {office.name}",
            office_id,
            office.postcodes[0],
            partner_company=i % 2 == 0,
            business=b,
        )
        for i, b in enumerate(businesses)
    ]


def vacancies_for(
    seed: int, office_id: str, month_index: int, openings: int, employers: list[EmployerPlan]
) -> list[VacancyPlan]:
    """About `openings` positions the office's employers advertise in a month, spread over the templates."""
    rng = random.Random(f"{seed}:vacancies:{office_id}:{month_index}")
    by_business = {e.business: e for e in employers}
    plans: list[VacancyPlan] = []
    left = openings
    number = 0
    while left > 0:
        template = rng.choice(TEMPLATES)
        positions = min(left, rng.randint(1, 3))
        employer = by_business[template.employer]
        key = f"{office_id}-{month_index:02d}-{number:03d}"
        plans.append(
            VacancyPlan(key, employer.key, template, positions, employer.postcode, _hidden(seed, key, employer))
        )
        left -= positions
        number += 1
    return plans


def _hidden(seed: int, key: str, employer: EmployerPlan) -> bool:
    """Its own random stream, so that the published openings stay those of runs before the hidden market."""
    return employer.partner_company and random.Random(f"{seed}:hidden:{key}").random() < HIDDEN_SHARE


def slug(text: str) -> str:
    """An ASCII key part: "Bäckerei" → "baeckerei" (keys travel in HTTP headers)."""
    for umlaut, ascii_ in (("ä", "ae"), ("ö", "oe"), ("ü", "ue"), ("ß", "ss")):
        text = text.lower().replace(umlaut, ascii_)
    return "".join(c if c.isascii() and c.isalnum() else "-" for c in text)


def _applicable(table: tuple[tuple[date, Decimal], ...], day: date) -> Decimal:
    valid = [value for since, value in table if since <= day]
    return valid[-1] if valid else table[0][1]


def minimum_wage(day: date) -> Decimal:
    return _applicable(MINIMUM_WAGE, day)


def monthly_pay(template: JobTemplate, month: date) -> Decimal:
    """Gross monthly pay: hourly wage × weekly hours × 13/3 weeks; apprentices get their fixed pay."""
    if template.kind == "apprenticeship":
        return template.wage_factor.quantize(CENT)
    hourly = (minimum_wage(month) * template.wage_factor).quantize(CENT, ROUND_HALF_UP)
    return (hourly * template.weekly_hours * WEEKS_PER_MONTH).quantize(CENT, ROUND_HALF_UP)


def net_pay(gross: Decimal, month: date) -> Decimal:
    """A plausible net pay (tax class I/II): employee contributions — reduced in the transition zone — and
    wage tax on what lies above the allowances. Not a payroll: good enough for a demo's household figures."""
    minijob = _applicable(MINIJOB_LIMIT, month)
    if gross <= minijob:
        return gross
    base = gross
    if gross < TRANSITION_ZONE_TOP:  # § 20 Abs. 2a SGB IV: contributions rise from zero at the Minijob limit
        base = TRANSITION_ZONE_TOP / (TRANSITION_ZONE_TOP - minijob) * (gross - minijob)
    contributions = EMPLOYEE_CONTRIBUTIONS * min(base, gross)
    tax = max(Decimal(0), gross - Decimal("1350")) * Decimal("0.14")
    return (gross - contributions - tax).quantize(CENT, ROUND_HALF_UP)
