"""The payments desk: an operator starts each simulated month's payment run and notes what it paid.

In production the Temporal Schedule starts the run on each month's first working day on the real calendar; the
demo's months lie in the past and pass in seconds, so the schedule never sees them. The desk does what an
operator would do for a month the schedule missed: on the simulated month's first working day (Monday to Friday,
no nationwide public holiday — the payment run's own definition, workflows/payments/calendar.py) it asks the
worker's API for that month's run (`POST /payment-runs {"month"}`; the run for month M pays M, in advance, § 42
Abs. 1 SGB II), polls `GET /payment-runs/{month}` until the run has ended, at most `RUN_WAIT` seconds, and keeps
the households paid and the sum for the closing report. On the same day it asks for a supplementary run of the
month before (`"supplementary": true`), which pays the households decided after that month's run — as a cash
office pays a late grant for its month —, so each month's figures count everyone paid for it. Runs still paying
when the calendar ends are waited for once more (`settle`).
"""

from __future__ import annotations

import asyncio
from datetime import date, timedelta
from decimal import Decimal
from functools import cache
from typing import Any

import holidays

from services.platform.auth.staff import Role, StaffUser
from simulator.api import ApiError, staff
from simulator.calendar import VirtualCalendar
from simulator.ledger import Ledger, PaymentRunRecord
from simulator.world import World

# Bounded wait for one run: the demo's rolls are a few hundred households (about a second a thousand), but the
# worker shares two cores with the platform.
RUN_WAIT = 120.0
POLL = (0.5, 5.0)  # first and longest pause between looks at a running run
ENDED = frozenset({"completed", "failed", "canceled", "terminated", "timed_out"})
UNPAID = PaymentRunRecord(run_id="", status="none", paid_count=None, paid_sum=None, failed_count=None)


def operator() -> StaffUser:
    """A run covers every office: an operator acting for all of them."""
    return staff("sim-payments", Role.OPERATOR)


@cache
def nationwide_holidays(year: int) -> frozenset[date]:
    """Germany's public holidays of every Land (no subdivision asked): the days no cash office pays."""
    return frozenset(holidays.country_holidays("DE", years=year))


def is_working_day(day: date) -> bool:
    return day.weekday() < 5 and day not in nationwide_holidays(day.year)


def run_day(month: date) -> date:
    """The first working day of `month`: the day its payment run starts."""
    day = month.replace(day=1)
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def run_days(calendar: VirtualCalendar) -> list[tuple[date, date]]:
    """(month, the day its run starts) for each month of the calendar."""
    return [(month, run_day(month)) for month in map(calendar.month, range(calendar.months))]


def record_of(answer: dict[str, Any]) -> PaymentRunRecord:
    paid_sum = answer.get("paid_sum")
    return PaymentRunRecord(
        run_id=str(answer["run_id"]),
        status=str(answer["status"]),
        paid_count=answer.get("paid_count"),
        paid_sum=Decimal(str(paid_sum)) if paid_sum is not None else None,
        failed_count=answer.get("failed_count"),
    )


class PaymentsDesk:
    def __init__(self, world: World, wait: float = RUN_WAIT) -> None:
        self.world, self.wait = world, wait

    async def run(self) -> None:
        previous: date | None = None
        for month, day in run_days(self.world.clock.calendar):
            await self.world.clock.until(day)
            await self.pay(month)
            if previous is not None and self.world.ledger.payment_runs.get(previous, UNPAID).status == "completed":
                await self.pay(previous, supplementary=True)
            previous = month

    async def pay(self, month: date, *, supplementary: bool = False) -> None:
        ledger = self.world.ledger
        body: dict[str, Any] = {"month": month.isoformat()} | ({"supplementary": True} if supplementary else {})
        try:
            answer = await self.world.api.send(
                "POST",
                "journeys",
                "/payment-runs",
                operator(),
                body,
                key=self.world.key("pay", month, "supplementary" if supplementary else "run"),
            )
        except ApiError as error:
            ledger.counts["payment_runs_refused"] += 1
            self.world.say(f"payments desk: the run of {month:%Y-%m} was refused ({error.status}): {error.problem}")
            return
        ledger.payment_runs[month] = record_of(answer)
        if supplementary:
            ledger.counts["payment_runs_supplementary"] += 1
        await self.until_ended(month, self.wait)

    async def until_ended(self, month: date, patience: float) -> None:
        """Poll the month's run until it has ended, at most `patience` seconds; the last answer is kept."""
        ledger = self.world.ledger
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + patience, POLL[0]
        while ledger.payment_runs[month].status not in ENDED and loop.time() + pause <= deadline:
            await asyncio.sleep(pause)
            pause = min(pause * 1.6, POLL[1])
            try:
                answer = await self.world.api.get("journeys", f"/payment-runs/{month:%Y-%m}", operator())
            except ApiError as error:
                self.world.say(f"payments desk: no answer about the run of {month:%Y-%m} ({error.status})")
                return
            ledger.payment_runs[month] = record_of(answer)

    async def settle(self, patience: float) -> None:
        """The runs still paying when the calendar ends are waited for, all together at most `patience` s."""
        running = [m for m, r in self.world.ledger.payment_runs.items() if r.status not in ENDED]
        if running:
            self.world.say(f"payments desk: {len(running)} run(s) still paying")
            await asyncio.gather(*(self.until_ended(m, patience) for m in running))


def payments_lines(ledger: Ledger) -> list[str]:
    """The closing report's payments: each month's run, and the households paid and the sum over all of them."""
    runs = ledger.payment_runs
    refused = ledger.counts.get("payment_runs_refused", 0)
    supplementary = ledger.counts.get("payment_runs_supplementary", 0)
    if not runs:
        return [f"  payments desk: no payment run answered ({refused} refused)"]
    completed = {m: r for m, r in runs.items() if r.status == "completed"}
    paid = sum(r.paid_count or 0 for r in completed.values())
    total = sum((r.paid_sum or Decimal("0.00") for r in completed.values()), Decimal("0.00"))
    failed = sum(r.failed_count or 0 for r in completed.values())
    months = ", ".join(
        f"{m:%Y-%m} {r.paid_count} / {r.paid_sum:,.2f} €" if r.status == "completed" else f"{m:%Y-%m} {r.status}"
        for m, r in sorted(runs.items())
    )
    return [
        f"  payments desk: {len(completed)} of {len(runs)} monthly runs completed ({refused} refused), "
        f"{paid} payments to households, {total:,.2f} € in all, {failed} not paid (for a clerk); "
        f"{supplementary} supplementary runs for those decided after their month's run",
        f"    per month (payments / sum): {months}",
    ]
