"""The simulation: set up the district, let every client live, report the figures."""

from __future__ import annotations

import asyncio
import contextlib
import signal
import sys
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from simulator import district
from simulator.api import Services
from simulator.calendar import Clock, VirtualCalendar
from simulator.client_life import ClientLife
from simulator.continuations import ContinuationDesk
from simulator.desks import EmployerDesk, TaskDesk, staff_office
from simulator.figures import DistrictFigures
from simulator.ledger import Ledger
from simulator.payments import PaymentsDesk
from simulator.population import generate
from simulator.programmes import ProgrammeDesk
from simulator.report import district_report, until_reporting_caught_up
from simulator.world import Directory, World, team_lead

SERVICES = ("intake", "coaching", "placement", "benefits")


@dataclass(frozen=True)
class Options:
    offices: tuple[str, ...]
    clients: int | None  # None: the seed figures of the offices
    seconds_per_month: float
    months: int
    seed: int
    concurrency: int
    urls: dict[str, str]
    signing_key_file: Path
    run_id: str
    today: date
    report_every: int = 3  # months between full reports (0: only on demand and at the end)


def default_seconds_per_month(clients: int) -> float:
    """Long enough for the month's requests of `clients` on two cores (about 15 clients a second)."""
    return float(max(10, round(clients / 15)))


class Simulation:
    def __init__(self, options: Options, say: Callable[[str], None] = print) -> None:
        self.options, self.say = options, say
        self.calendar = VirtualCalendar.ending_before(options.today, options.months, options.seconds_per_month)
        self.per_office = district.clients_per_office(options.clients, options.offices)
        population = generate(options.seed, self.per_office, self.calendar.first_month)
        self.ledger = Ledger(population.clients)
        self._background: set[asyncio.Task[Any]] = set()

    @property
    def catch_up_seconds(self) -> float:
        """How long the final report waits for reporting to catch up: three simulated months, at least two minutes."""
        return max(120.0, 3 * self.options.seconds_per_month)

    def describe(self) -> str:
        c, o = self.calendar, self.options
        offices = ", ".join(f"{office} {n}" for office, n in self.per_office.items())
        youths = sum(r.profile.youth for r in self.ledger.clients.values())
        return (
            f"simulating {len(self.ledger.clients)} clients ({youths} under 25) — {offices}\n"
            f"virtual calendar {c.first_month:%Y-%m} … {c.last_month:%Y-%m}, one month every "
            f"{o.seconds_per_month:g} s (about {c.duration / 60:.0f} min), seed {o.seed}, run {o.run_id}"
        )

    async def run(self) -> DistrictFigures:
        self.say(self.describe())
        key = self.options.signing_key_file.read_bytes()
        async with Services(self.options.urls, key, self.options.concurrency) as api:
            await self._wait_for(api)
            directory = await Directory.load(api, list(self.per_office), self.say)
            world = World(
                api, Clock(self.calendar), self.ledger, directory, self.options.seed, self.options.run_id, self.say
            )
            desks, programmes = await self._open_offices(world)
            payments = PaymentsDesk(world)
            desks.append(payments.run())
            world.clock = Clock(self.calendar)  # month one starts now that the offices are open
            self._listen_for_report_requests(world)
            lives = [asyncio.create_task(ClientLife(world, record).run()) for record in self.ledger.clients.values()]
            for desk in desks:
                self._spawn(desk)
            self._spawn(self._progress(world))
            stopped = await self._until_done_or_stopped(lives)
            for task in [*lives, *self._background]:
                task.cancel()
            await asyncio.gather(*lives, *self._background, return_exceptions=True)
            if not stopped:  # hearings opened near the end run on apart from the desks: hear them out
                await programmes.settle(self.catch_up_seconds)
                await payments.settle(self.catch_up_seconds)
            today = min(world.clock.today(), self.calendar.last_month)
            self.say(f"{world.ledger.progress_line(today)} | {world.api.traffic.line()}")
            if not stopped:  # the last facts reach journeys and reporting: wait for them, within a deadline
                self.say(await until_reporting_caught_up(world, self.catch_up_seconds))
            month = world.clock.month_index()
            heading = f"district figures after {min(month, self.options.months)} simulated months"
            figures, text = await district_report(world, heading + (" (stopped)" if stopped else ""))
            self.say(text)
            return figures

    async def _until_done_or_stopped(self, lives: list[asyncio.Task[None]]) -> bool:
        """Wait for every life or the end of the calendar; SIGINT/SIGTERM end early (True)."""
        loop = asyncio.get_running_loop()
        stop = asyncio.Event()
        for sig in (signal.SIGINT, signal.SIGTERM):
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.add_signal_handler(sig, stop.set)
        everyone: asyncio.Future[Any] = asyncio.gather(*lives, return_exceptions=True)
        stopping: asyncio.Future[Any] = asyncio.create_task(stop.wait())
        await asyncio.wait([everyone, stopping], timeout=self.calendar.duration, return_when=asyncio.FIRST_COMPLETED)
        stopping.cancel()
        for sig in (signal.SIGINT, signal.SIGTERM):  # a second signal ends at once
            with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
                loop.remove_signal_handler(sig)
        return stop.is_set()

    async def _wait_for(self, api: Services) -> None:
        for service in SERVICES:
            for _ in range(240):
                if await api.healthy(service):
                    break
                await asyncio.sleep(0.5)
            else:
                raise RuntimeError(f"{service} is not healthy at {api.url(service)}")

    async def _open_offices(self, world: World) -> tuple[list[Coroutine[Any, Any, None]], ProgrammeDesk]:
        desks: list[Coroutine[Any, Any, None]] = []
        for office_id, planned in self.per_office.items():
            added = await staff_office(world, office_id, planned)
            employers = EmployerDesk(world, office_id, planned)
            await employers.open()
            self.say(
                f"{office_id}: {planned} clients planned, {added} case managers added, "
                f"{len(employers.employers)} employers, {world.ledger.counts['vacancies']} vacancies so far"
            )
            desks += [employers.run(), TaskDesk(world, office_id).run(), ContinuationDesk(world, office_id).run()]
        offices = await world.api.get("coaching", "/offices", team_lead(next(iter(self.per_office))))
        chosen = {str(o["office_id"]): o for o in offices if o["office_id"] in self.per_office}
        programmes = ProgrammeDesk(world, chosen, self.options.months)
        desks.append(programmes.run())
        return desks, programmes

    async def _progress(self, world: World) -> None:
        month = 0
        while True:
            await asyncio.sleep(max(0.0, (month + 1) * self.calendar.seconds_per_month - world.clock.elapsed()))
            self.say(f"{world.ledger.progress_line(self.calendar.month(month))} | {world.api.traffic.line()}")
            month += 1
            if self.options.report_every and month % self.options.report_every == 0:
                self.report(world)

    def report(self, world: World) -> None:
        async def full() -> None:
            _, text = await district_report(world, f"district figures on {world.clock.today():%Y-%m-%d}")
            self.say(text)

        self._spawn(full())

    def _spawn(self, work: Coroutine[Any, Any, None]) -> None:
        task = asyncio.create_task(work)
        self._background.add(task)
        task.add_done_callback(self._finished)

    def _finished(self, task: asyncio.Task[Any]) -> None:
        self._background.discard(task)
        if not task.cancelled() and task.exception() is not None:
            self.say(f"simulator: {task.exception()!r}")

    def _listen_for_report_requests(self, world: World) -> None:
        """SIGUSR1, or Enter on a terminal, prints the district figures."""
        loop = asyncio.get_running_loop()
        with contextlib.suppress(NotImplementedError, RuntimeError, ValueError):
            loop.add_signal_handler(signal.SIGUSR1, self.report, world)
        if sys.stdin is not None and sys.stdin.isatty():

            def on_line() -> None:
                if sys.stdin.readline() == "":
                    loop.remove_reader(sys.stdin)
                self.report(world)

            with contextlib.suppress(OSError, ValueError):
                loop.add_reader(sys.stdin, on_line)
                self.say("press Enter (or send SIGUSR1) for the district figures")
