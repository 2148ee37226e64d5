"""The benefits desk's continuation applications (Weiterbewilligungsanträge, § 37, § 41 Abs. 3 SGB II).

A household still in need applies for the next approval period in the period's last month; a few apply late,
after the period ended, and lose the months before their application's month (`CALIBRATION`). Through the
public API only: the household's decisions tell the desk when its period ends and whether it is still in need.
"""

from __future__ import annotations

import asyncio
import random
from datetime import date
from typing import Any

from simulator.api import ApiError
from simulator.calendar import add_months, first_of_month
from simulator.calibration import CALIBRATION, Calibration
from simulator.ledger import ClientRecord
from simulator.world import World, benefits_clerk

LOOK_AT = 0.4  # how far into each month the desk goes through its households (applications dated that day)


def filing_month(last_month: date, rng: random.Random, calibration: Calibration = CALIBRATION) -> date:
    """The month a household still in need applies: the period's last month, or — late — after a gap."""
    if rng.random() >= calibration.late_continuation_share:
        return last_month
    return add_months(last_month, 1 + rng.choice(calibration.late_continuation_lost_months))


def period_to_continue(decisions: list[dict[str, Any]]) -> date | None:
    """The last month of the approval period in force, or None when nothing is in force (never granted, ended)."""
    if not decisions or decisions[-1]["kind"] == "end":
        return None
    return first_of_month(date.fromisoformat(decisions[-1]["approval_period"]["end"]))


class ContinuationDesk:
    """An office's benefits clerks: each month, the applications of the households whose period is running out."""

    def __init__(self, world: World, office_id: str) -> None:
        self.world, self.office_id = world, office_id
        self.clerk = benefits_clerk(office_id)
        self.due: dict[str, tuple[date, date]] = {}  # household → (filing month, last month of its period)

    async def run(self) -> None:
        clock = self.world.clock
        index = 0
        while not clock.calendar.is_over(clock.elapsed()):
            await asyncio.sleep(max(0.0, (index + LOOK_AT) * clock.calendar.seconds_per_month - clock.elapsed()))
            month = clock.calendar.month(index)
            await asyncio.gather(*(self.look_at(record, month) for record in self._households()))
            index += 1

    def _households(self) -> list[ClientRecord]:
        """The office's households, by the record of the client who applied (a partner joins their household)."""
        return [
            r
            for r in self.world.ledger.clients.values()
            if r.profile.office_id == self.office_id and r.profile.joins is None and r.household_id is not None
        ]

    async def look_at(self, record: ClientRecord, month: date) -> None:
        household_id = str(record.household_id)
        if household_id not in self.due:
            last = await self._last_month(household_id)
            if last is None or last != month:
                return
            rng = self.world.rng(record.profile.key, "continuation", last)
            self.due[household_id] = (filing_month(last, rng), last)
        filing, last = self.due[household_id]
        if filing == month:
            del self.due[household_id]
            await self.apply(household_id, record, last)

    async def _last_month(self, household_id: str) -> date | None:
        try:
            decisions = await self.world.api.get("benefits", f"/households/{household_id}/decisions", self.clerk)
        except ApiError as error:
            if error.status in (403, 404):
                return None
            raise
        return period_to_continue(decisions)

    async def apply(self, household_id: str, record: ClientRecord, last: date) -> None:
        counts = self.world.ledger.counts
        applied_on = self.world.clock.today()
        counts["continuations_filed"] += 1
        if applied_on >= add_months(last, 1):
            counts["continuations_late"] += 1
        try:
            answer = await self.world.api.send(
                "POST",
                "benefits",
                f"/households/{household_id}/continuation",
                self.clerk,
                {"applied_on": applied_on.isoformat()},
                key=self.world.key(record.profile.key, "continuation", last),
            )
        except ApiError as error:
            if error.status not in (404, 422):
                raise
            counts["continuations_refused"] += 1
            self.world.say(f"{record.profile.key}: continuation refused ({error.status}): {error.problem}")
            return
        counts["continuations_granted" if answer.get("decision") else "continuations_not_needy"] += 1


def continuation_line(counts: dict[str, int]) -> str:
    c = counts
    return (
        f"  benefits desk: {c.get('continuations_filed', 0)} continuation applications "
        f"({c.get('continuations_late', 0)} after the period ended), {c.get('continuations_granted', 0)} granted, "
        f"{c.get('continuations_not_needy', 0)} no longer in need, {c.get('continuations_refused', 0)} refused"
    )
