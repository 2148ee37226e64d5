"""The demo district's labour market month by month, in process and without services. Pure, no I/O.

The same people (`population.generate`), the same order of life as `client_life` (arrival in the first
months, coaching, readiness, a month's search, the job from the first of next month, six months of
continuation checks, back to coaching after a job ended, at most `MAX_RELAPSES` times) and the same
calibrated chances (`calibration`), drawn from the same random streams where the live demo has them
(arrival, search, relapse). What it leaves out: whether a matching vacancy is open — the live demo's
employers advertise more positions than the calibrated hires need, but a single parent who cannot start
at 06:00 may wait longer there (seed 001). It exists to calibrate the demo and to test the calibration
in a second; the figures of a live demo come from the services.
"""

from __future__ import annotations

import random
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

from simulator import district
from simulator.calibration import CALIBRATION, INTENSIVE, Calibration
from simulator.client_life import INTAKE_MONTHS, MAX_RELAPSES
from simulator.desks import SUSTAINED_AFTER_MONTHS
from simulator.figures import Quota, continuous_employment_quota, integration_quota
from simulator.population import ClientProfile, generate


@dataclass(frozen=True)
class Employment:
    start: int  # month index of the integration
    end: int | None  # month index in which it ended (not worked in full), None: lasted the run
    continuous: bool  # employed in each of the six months after the start (K2E3)
    need_covering: bool  # the household's need ended: the client leaves the eLb stock while it lasts

    def employed_in(self, month: int) -> bool:
        return self.start <= month and (self.end is None or month < self.end)


@dataclass(frozen=True)
class Outcome:
    profile: ClientProfile
    arrival: int
    employments: tuple[Employment, ...]

    @property
    def participant(self) -> bool:
        return self.profile.programme in INTENSIVE

    def in_stock(self, month: int) -> bool:
        """An eLb in `month`: arrived, and not in a job that covers the household's need."""
        return self.arrival <= month and not any(e.need_covering and e.employed_in(month) for e in self.employments)

    def employed_at(self, month: int) -> bool:
        return any(e.employed_in(month) for e in self.employments)


@dataclass(frozen=True)
class ModelRun:
    months: int
    outcomes: tuple[Outcome, ...] = field(default_factory=tuple)

    @property
    def last_month(self) -> int:
        return self.months - 1

    def k2(self, outcomes: Iterable[Outcome] | None = None) -> Quota:
        """K2 Integrationsquote in the run's last month, of all clients or of `outcomes`."""
        chosen = list(self.outcomes if outcomes is None else outcomes)
        integrations = [0] * self.months
        for outcome in chosen:
            for employment in outcome.employments:
                integrations[employment.start] += 1
        stock = [sum(o.in_stock(m) for o in chosen) for m in range(self.months)]
        return integration_quota(integrations, stock, self.last_month)

    def k2e3(self, outcomes: Iterable[Outcome] | None = None) -> Quota:
        chosen = self.outcomes if outcomes is None else outcomes
        starts = [(e.start, e.continuous) for o in chosen for e in o.employments]
        return continuous_employment_quota(starts, self.last_month)

    def in_work_at_end(self, outcomes: Iterable[Outcome]) -> Quota:
        """Share of these clients employed in the run's last month (the seeds' "in work" yardstick)."""
        chosen = list(outcomes)
        return Quota(sum(o.employed_at(self.last_month) for o in chosen), len(chosen))

    def participants(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.participant]

    def others(self) -> list[Outcome]:
        return [o for o in self.outcomes if not o.participant]

    def summary(self) -> str:
        return (
            f"K2 {self.k2().line()}  K2E3 {self.k2e3().line()}  "
            f"programme participants in work {self.in_work_at_end(self.participants()).line()}, "
            f"others {self.in_work_at_end(self.others()).line()}"
        )


def simulate(
    seed: int,
    per_office: dict[str, int],
    months: int,
    reference: date = date(2025, 1, 1),
    calibration: Calibration = CALIBRATION,
) -> ModelRun:
    """`months` months of the district's clients (`per_office`, as `population.generate` draws them)."""
    population = generate(seed, per_office, reference)
    arrivals: dict[str, int] = {}
    outcomes = []
    for profile in population.clients:
        # a partner registers once the household is known
        arrival = arrivals[profile.joins] if profile.joins is not None else _arrival(seed, profile, months)
        arrivals[profile.key] = arrival
        outcomes.append(Outcome(profile, arrival, tuple(_life(seed, profile, arrival, months, calibration))))
    return ModelRun(months, tuple(outcomes))


def simulate_district(seed: int, clients: int, offices: tuple[str, ...], months: int) -> ModelRun:
    return simulate(seed, district.clients_per_office(clients, offices), months)


def _rng(seed: int, *parts: object) -> random.Random:
    """The stream `World.rng` draws from for the same decision."""
    return random.Random(":".join([str(seed), *map(str, parts)]))


def _arrival(seed: int, profile: ClientProfile, months: int) -> int:
    intake = min(INTAKE_MONTHS, max(1, months // 4))
    return int(_rng(seed, profile.key, "arrival").uniform(0, intake))


def _life(seed: int, profile: ClientProfile, arrival: int, months: int, c: Calibration) -> list[Employment]:
    employments: list[Employment] = []
    relapses = 0
    out_of_work_since = arrival - profile.months_out_of_work
    month = arrival + profile.coaching_months  # ready for placement
    while month < months:
        attempt = 0
        hired_in: int | None = None
        while month < months:
            attempt += 1
            rng = _rng(seed, profile.key, "search", relapses, attempt)
            rng.random()  # the live demo's choice among the matches
            chance = c.monthly_hire_chance(
                profile.obstacles, profile.youth, month - out_of_work_since, profile.programme
            )
            if rng.random() < chance:
                hired_in = month
                break
            month += 1
        if hired_in is None or hired_in + 1 >= months:
            return employments
        employment = _employment(seed, profile, hired_in + 1, relapses, c)
        employments.append(employment)
        if employment.end is None:
            return employments
        relapses += 1
        if relapses > MAX_RELAPSES:
            return employments
        out_of_work_since = employment.end
        month = employment.end + 1 + _rng(seed, profile.key, "relapse", relapses).randint(0, 1)
    return employments


def _employment(seed: int, profile: ClientProfile, start: int, relapses: int, c: Calibration) -> Employment:
    risk = c.monthly_end_risk(c.base_end_risk(profile.obstacles), profile.programme)
    rng = _rng(seed, profile.key, "employment", relapses)
    need_covering = rng.random() < c.need_covering_share
    for after in range(1, SUSTAINED_AFTER_MONTHS + 1):
        if rng.random() < risk:
            return Employment(start, start + after, False, need_covering)
    return Employment(start, None, True, need_covering)
