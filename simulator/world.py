"""What every simulated actor shares: the APIs, the clock, the notebook, the district's directory, the staff."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, time
from typing import Any

from services.platform.auth.staff import Role, StaffUser
from simulator.api import ApiError, Services, staff
from simulator.calendar import Clock
from simulator.ledger import Ledger
from simulator.opening_hours import OpeningSpan, parse

# Phone, video and e-mail contacts need no open office: any weekday during working hours.
WORKING_HOURS = [OpeningSpan(d, time(8, 0), time(17, 0)) for d in range(5)]
DEFAULT_CONTACTS_PER_MONTH = 1
MAX_KEY = 200  # the services' limit for Idempotency-Key


@dataclass
class Programme:
    program_id: str
    contacts_per_month: int

    @classmethod
    def from_api(cls, row: dict[str, Any]) -> Programme:
        """Contacts a month from the programme's interval, capped by its maximum (Joboffensive: up to 4)."""
        interval = int(row.get("contact_interval_days") or 30)
        per_month = max(1, round(30 / interval))
        cap = row.get("max_contacts_per_month")
        return cls(str(row["program_id"]), min(per_month, int(cap)) if cap else per_month)


@dataclass
class Directory:
    opening_hours: dict[str, list[OpeningSpan]] = field(default_factory=dict)
    programmes: dict[str, Programme] = field(default_factory=dict)

    def contacts_per_month(self, program_id: str | None) -> int:
        programme = self.programmes.get(program_id or "")
        return programme.contacts_per_month if programme else DEFAULT_CONTACTS_PER_MONTH

    @classmethod
    async def load(cls, api: Services, offices: list[str], say: Callable[[str], None]) -> Directory:
        """Opening hours of each office and the programmes, as coaching publishes them."""
        lead = staff("sim-directory", Role.CASE_MANAGER)
        directory = cls()
        for office_id in offices:
            try:
                office = await api.get("coaching", f"/offices/{office_id}", lead)
                directory.opening_hours[office_id] = parse(office.get("opening_hours") or [])
            except ApiError as error:
                say(
                    f"coaching has no opening hours for {office_id} ({error.status}): in-person contacts "
                    "are placed Monday to Friday 08:00–12:30"
                )
                directory.opening_hours[office_id] = [OpeningSpan(d, time(8, 0), time(12, 30)) for d in range(5)]
        try:
            rows = await api.get("coaching", "/programmes", lead)
            directory.programmes = {p.program_id: p for p in map(Programme.from_api, rows)}
        except ApiError as error:
            say(f"coaching lists no programmes ({error.status}): one contact a month for everyone")
        return directory


@dataclass
class World:
    api: Services
    clock: Clock
    ledger: Ledger
    directory: Directory
    seed: int
    run_id: str
    say: Callable[[str], None] = print

    def key(self, *parts: object) -> str:
        """An Idempotency-Key unique to this run and step."""
        key = "-".join(["sim", self.run_id, *map(str, parts)])
        if not key.isascii() or len(key) > MAX_KEY:
            raise ValueError(f"an Idempotency-Key must be ASCII and at most {MAX_KEY} characters: {key!r}")
        return key

    def rng(self, *parts: object) -> random.Random:
        """A random stream of its own for one decision, so that decisions do not depend on timing."""
        return random.Random(":".join([str(self.seed), *map(str, parts)]))


def intake_clerk(office_id: str) -> StaffUser:
    return staff(f"sim-intake-{office_id}", Role.INTAKE_CLERK, office=office_id)


def benefits_clerk(office_id: str) -> StaffUser:
    return staff(f"sim-benefits-{office_id}", Role.BENEFITS_CLERK, office=office_id)


def placement_officer(office_id: str) -> StaffUser:
    return staff(f"sim-placement-{office_id}", Role.PLACEMENT_OFFICER, office=office_id)


def case_manager(staff_id: str, office_id: str) -> StaffUser:
    return staff(staff_id, Role.CASE_MANAGER, Role.COACH, office=office_id)


def team_lead(office_id: str) -> StaffUser:
    """Reads cases, caseloads and task lists of the office, and adds staff."""
    return staff(f"sim-lead-{office_id}", Role.CASE_MANAGER, Role.OPERATOR, office=office_id)


def district_reader() -> StaffUser:
    """Reads journeys and savings for the district figures."""
    return staff("sim-reporter", Role.OPERATOR, Role.BENEFITS_CLERK, Role.CASE_MANAGER)


def contact_day(world: World) -> date:
    """Today in the simulation, but never after the real day: placement refuses contacts that lie ahead."""
    return min(world.clock.today(), date.today())
