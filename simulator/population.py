"""Who the simulated clients are: a seeded population with the seeds' proportions. Pure, no I/O.

Each client is drawn from its own random stream (seed, office, number), so the population does not
depend on the order in which coroutines later run, and one client's profile never shifts another's.
"""

from __future__ import annotations

import dataclasses
import random
from dataclasses import dataclass, field
from datetime import date, time, timedelta
from decimal import Decimal

from simulator import district, names
from simulator.calibration import CALIBRATION, STANDARD

# Shares among clients from 25 (rough SGB II structure: BA statistics 2024/2025).
SINGLE_PARENT = 0.18
LONG_TERM_UNEMPLOYED = 0.45
HEALTH_LIMITATIONS = 0.12
MIGRANT_OR_REFUGEE = 0.22
UNSKILLED = 0.35
OLDER_FROM_AGE = 55
COUPLE = 0.22  # lives with a partner in the household (Bedarfsgemeinschaft)
PARTNER_REGISTERS = 0.35  # of those couples, the partner is a registered job seeker too
DEBTS = 0.2
ADDICTION = 0.06
NO_CAR = 0.3
CHILDCARE_START = time(8, 0)  # seed 001: work may only start after 8:00 because of childcare


@dataclass(frozen=True)
class Household:
    """The household (Bedarfsgemeinschaft, § 7 Abs. 3 SGB II) as the benefits clerk enters it."""

    partner_birth_date: date | None
    children_birth_dates: tuple[date, ...]
    single_parent: bool
    rent: Decimal
    heating: Decimal
    appropriate_rent: Decimal  # the district's limit for this household size (§ 22)
    parent_birth_date: date | None = None  # a young client who lives in a parent's household, as its child


@dataclass(frozen=True)
class ClientProfile:
    key: str  # stable within a run: office and number, e.g. "lutjenburg-0042"
    office_id: str
    postcode: str
    given_name: str
    family_name: str
    birth_date: date
    target_groups: tuple[str, ...]
    earliest_daily_start: time | None
    max_weekly_hours: int | None
    max_commute_minutes: int
    obstacles: tuple[str, ...]
    household: Household
    coaching_months: int  # months of coaching before the case manager declares readiness
    monthly_end_risk: float  # chance that a new job ends in any one of its first months (before programmes)
    joins: str | None = None  # key of the registered client whose household this partner joins
    wants_apprenticeship: bool = False
    months_out_of_work: int = 0  # in receipt without work before the demo (63 % of adults long-term, calibration)
    programme: str = STANDARD  # the programme the district would choose (the live demo uses coaching's)

    @property
    def youth(self) -> bool:
        return "youth_under_25" in self.target_groups

    def age_on(self, day: date) -> int:
        b = self.birth_date
        return day.year - b.year - ((day.month, day.day) < (b.month, b.day))


@dataclass
class Population:
    clients: list[ClientProfile] = field(default_factory=list)

    def by_office(self) -> dict[str, list[ClientProfile]]:
        grouped: dict[str, list[ClientProfile]] = {}
        for client in self.clients:
            grouped.setdefault(client.office_id, []).append(client)
        return grouped

    def youths(self) -> int:
        return sum(client.youth for client in self.clients)


def generate(seed: int, per_office: dict[str, int], reference: date) -> Population:
    """`per_office[o]` clients for each office, the office's youth share among them, ages on `reference`."""
    population = Population()
    for office_id, count in per_office.items():
        youths = district.youths_among(office_id, count)
        numbers = iter(range(count))
        for number in numbers:
            rng = random.Random(f"{seed}:{office_id}:{number}")
            key = f"{office_id}-{number:04d}"
            client = youth(rng, key, office_id, reference) if number < youths else adult(rng, key, office_id, reference)
            population.clients.append(client)
            partner_number = next(numbers, None) if _registers_partner(client, rng) else None
            if partner_number is not None:
                partner_rng = random.Random(f"{seed}:{office_id}:{partner_number}")
                population.clients.append(
                    partner_of(partner_rng, client, f"{office_id}-{partner_number:04d}", reference)
                )
    return population


def _registers_partner(client: ClientProfile, rng: random.Random) -> bool:
    return client.household.partner_birth_date is not None and rng.random() < PARTNER_REGISTERS


def youth(rng: random.Random, key: str, office_id: str, reference: date) -> ClientProfile:
    """Under 25 (§ 7 Abs. 1: from 15): transition school → work; most want an apprenticeship (seed 002)."""
    birth = _birth_date(rng, reference, rng.choice((15, 16, 17, 18, 18, 19, 20, 21, 22, 23, 24)))
    groups = ["youth_under_25"]
    if rng.random() < 0.6:
        groups.append("unskilled")
    if rng.random() < 0.15:
        groups.append("migrant_or_refugee")
    children: tuple[date, ...] = ()
    if _age(birth, reference) >= 18 and rng.random() < 0.05:
        groups.append("single_parent")
        children = (_birth_date(rng, reference, rng.randint(0, 3)),)
    parent = _birth_date(rng, reference, _age(birth, reference) + rng.randint(22, 35))
    lives_with_parent = _age(birth, reference) < 18 or (not children and rng.random() < 0.5)
    profile = _profile(rng, key, office_id, birth, groups, children, partner=None, apprenticeship=rng.random() < 0.7)
    if not lives_with_parent:
        return profile
    rent, heating, appropriate = _housing(rng, 2)
    return dataclasses.replace(profile, household=Household(None, (), False, rent, heating, appropriate, parent))


def adult(rng: random.Random, key: str, office_id: str, reference: date) -> ClientProfile:
    age = rng.randint(25, 64)
    birth = _birth_date(rng, reference, age)
    groups = [
        g
        for g, share in (
            ("long_term_unemployed", LONG_TERM_UNEMPLOYED),
            ("health_limitations", HEALTH_LIMITATIONS),
            ("migrant_or_refugee", MIGRANT_OR_REFUGEE),
            ("unskilled", UNSKILLED),
        )
        if rng.random() < share
    ]
    if age >= OLDER_FROM_AGE:
        groups.append("older")
    partner: date | None = None
    children: tuple[date, ...] = ()
    if age < 50 and rng.random() < SINGLE_PARENT / 0.6:  # single parents are younger than 50
        groups.append("single_parent")
        children = _children(rng, reference, age)
    elif rng.random() < COUPLE:
        partner = _birth_date(rng, reference, max(25, min(64, age + rng.randint(-5, 5))))
        children = _children(rng, reference, age) if age < 50 and rng.random() < 0.5 else ()
    return _profile(rng, key, office_id, birth, groups, children, partner)


def partner_of(rng: random.Random, client: ClientProfile, key: str, reference: date) -> ClientProfile:
    """The registered partner of `client`: same household, flat and office."""
    birth = client.household.partner_birth_date
    assert birth is not None
    groups = [
        g
        for g, share in (("long_term_unemployed", LONG_TERM_UNEMPLOYED), ("unskilled", UNSKILLED))
        if rng.random() < share
    ]
    if _age(birth, reference) >= OLDER_FROM_AGE:
        groups.append("older")
    if "migrant_or_refugee" in client.target_groups:
        groups.append("migrant_or_refugee")
    own = _profile(rng, key, client.office_id, birth, groups, client.household.children_birth_dates, client.birth_date)
    return dataclasses.replace(
        own, postcode=client.postcode, family_name=client.family_name, household=client.household, joins=client.key
    )


def _profile(
    rng: random.Random,
    key: str,
    office_id: str,
    birth: date,
    groups: list[str],
    children: tuple[date, ...],
    partner: date | None,
    apprenticeship: bool = False,
) -> ClientProfile:
    office = district.office(office_id)
    single_parent = "single_parent" in groups
    no_car = rng.random() < NO_CAR
    obstacles = _obstacles(rng, groups, no_car)
    female = single_parent or rng.random() < 0.5
    profile = ClientProfile(
        key=key,
        office_id=office_id,
        postcode=office.postcodes[0] if rng.random() < 0.5 else rng.choice(office.postcodes),
        given_name=rng.choice(names.GIVEN_FEMALE if female else names.GIVEN_MALE),
        family_name=rng.choice(names.FAMILY),
        birth_date=birth,
        target_groups=tuple(groups),
        earliest_daily_start=CHILDCARE_START if single_parent else None,
        max_weekly_hours=_max_hours(rng, groups),
        max_commute_minutes=30 if no_car else rng.choice((45, 45, 60)),
        obstacles=obstacles,
        household=Household(partner, children, single_parent, *_housing(rng, 1 + len(children) + bool(partner))),
        coaching_months=min(6, 1 + len(obstacles) + rng.randint(0, 1)),
        monthly_end_risk=CALIBRATION.base_end_risk(obstacles),
        wants_apprenticeship=apprenticeship,
    )
    months = CALIBRATION.months_out_of_work(rng, groups)
    programme = CALIBRATION.programme_for(rng, groups, obstacles, months)
    coaching = CALIBRATION.coaching_months(profile.coaching_months, programme)
    return dataclasses.replace(profile, months_out_of_work=months, programme=programme, coaching_months=coaching)


def _obstacles(rng: random.Random, groups: list[str], no_car: bool) -> tuple[str, ...]:
    """Placement obstacles (Vermittlungshemmnisse) the cooperation plan works on (seed 000)."""
    found = []
    if "single_parent" in groups:
        found.append("childcare")
    if "migrant_or_refugee" in groups and rng.random() < 0.6:
        found.append("language")
    if "unskilled" in groups:
        found.append("missing_qualification")
    if "health_limitations" in groups:
        found.append("health")
    if rng.random() < DEBTS:
        found.append("debts")
    if rng.random() < ADDICTION:
        found.append("addiction")
    if no_car:
        found.append("mobility")
    return tuple(found)


def _max_hours(rng: random.Random, groups: list[str]) -> int | None:
    if "health_limitations" in groups:
        return 25
    if "single_parent" in groups:
        return rng.choice((25, 30, 30, 35))
    return None


def _housing(rng: random.Random, persons: int) -> tuple[Decimal, Decimal, Decimal]:
    """Rent incl. service charges, heating, and the district's appropriate rent for this many persons."""
    appropriate = Decimal(380 + 95 * min(persons, 5)).quantize(Decimal("0.01"))
    rent = (appropriate * Decimal(rng.uniform(0.78, 1.04))).quantize(Decimal("0.01"))
    heating = Decimal(55 + 22 * persons + rng.randint(0, 30)).quantize(Decimal("0.01"))
    return rent, heating, appropriate


def _children(rng: random.Random, reference: date, parent_age: int) -> tuple[date, ...]:
    count = rng.choice((1, 1, 1, 2, 2, 3))
    oldest = min(17, parent_age - 18)
    return tuple(sorted(_birth_date(rng, reference, rng.randint(0, max(0, oldest))) for _ in range(count)))


def _birth_date(rng: random.Random, reference: date, age: int) -> date:
    """A birth date on which a person is `age` years old on `reference`."""
    days_into_year = rng.randint(1, 364)
    birthday = reference - timedelta(days=days_into_year)
    try:
        return birthday.replace(year=birthday.year - age)
    except ValueError:  # 29 February
        return birthday.replace(year=birthday.year - age, day=28)


def _age(birth: date, day: date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))
