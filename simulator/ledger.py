"""What the simulated staff remember between requests: ids the services handed out, and what is pending.

This is the simulator's own notebook, not a source of figures: the district figures come from the
journey API and benefits. The phases here only feed the periodic progress line.
"""

from __future__ import annotations

import asyncio
from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

from simulator.population import ClientProfile

PHASES = ("arriving", "registered", "coaching", "ready", "employed", "sustained", "stopped")


@dataclass
class ClientRecord:
    profile: ClientProfile
    client_id: str | None = None
    household_id: str | None = None
    case_worker_id: str | None = None
    program_id: str | None = None
    programme_since: date | None = None  # the month the client joined `program_id` (the programme desk's)
    phase: str = "arriving"
    relapses: int = 0
    out_of_work_since: date | None = None  # first of the month the client's time out of work began
    registered: asyncio.Event = field(default_factory=asyncio.Event)


@dataclass
class EmploymentRecord:
    employment_id: str
    client_key: str
    office_id: str
    gross: Decimal
    net: Decimal
    start_month: date
    confirmed: set[date] = field(default_factory=set)
    ended: bool = False
    outcome: asyncio.Future[str] = field(default_factory=lambda: asyncio.get_running_loop().create_future())

    def settle(self, outcome: str) -> None:
        if not self.outcome.done():
            self.outcome.set_result(outcome)


@dataclass(frozen=True)
class PaymentRunRecord:
    """A month's payment run as the worker's API last answered the payments desk."""

    run_id: str
    status: str
    paid_count: int | None
    paid_sum: Decimal | None
    failed_count: int | None


class Ledger:
    def __init__(self, clients: list[ClientProfile]) -> None:
        self.clients = {c.key: ClientRecord(c) for c in clients}
        self.employments: dict[str, EmploymentRecord] = {}
        self.payment_runs: dict[date, PaymentRunRecord] = {}  # by the month paid
        self.counts: Counter[str] = Counter()

    def record(self, key: str) -> ClientRecord:
        return self.clients[key]

    def phases(self) -> Counter[str]:
        return Counter(record.phase for record in self.clients.values())

    def registered(self) -> list[ClientRecord]:
        return [r for r in self.clients.values() if r.client_id is not None]

    def in_phase(self, office_id: str, phase: str) -> int:
        return sum(1 for r in self.clients.values() if r.profile.office_id == office_id and r.phase == phase)

    def progress_line(self, month: date) -> str:
        phases = self.phases()
        stages = " ".join(f"{p} {phases[p]}" for p in PHASES if phases[p])
        c = self.counts
        return (
            f"[{month:%Y-%m}] {stages} | contacts {c['contacts']} plans {c['plans']} hires {c['hires']} "
            f"confirmed {c['confirmations']} ended {c['ends']} tasks done {c['tasks_done']}"
        )

    def hidden_market_line(self) -> str:
        """What the hidden job market brought: hires into unpublished vacancies (as placement answered the
        matches), the partner companies' visits and work trials."""
        c = self.counts
        return (
            f"hidden market: {c['hidden_hires']} of {c['hires']} hires through {c['hidden_vacancies']} unpublished "
            f"vacancies; {c['partners']} partner companies, {c['visits']} company visits ({c['visit_guests']} came), "
            f"{c['internships']} work trials"
        )
