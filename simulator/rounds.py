"""The case managers' monthly rounds through their caseloads, through coaching's public API:

- invitations with the notice of legal consequences (Rechtsfolgenbelehrung, § 32 SGB II): in a share of a
  client's coaching months the in-person meeting is booked as an appointment with the notice; after its day the
  case manager records whether the client came; a miss opens a hearing (the bridge), which the programme desk
  hears out (`hear_later`);
- participation endings (`POST /cases/{id}/participation/end`): a Joboffensive participant hired ends `in_work`,
  one without a job after the programme's usual time ends `completed` and is back in the standard caseload.

The rules and their assumptions are `simulator/calibration.py`'s; this module only plays them.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from datetime import date, datetime, timedelta
from typing import Any

from simulator.api import ApiError
from simulator.calendar import BERLIN, add_months, first_of_month
from simulator.calibration import STANDARD, invited_with_notice, missed, participation_ending
from simulator.ledger import ClientRecord
from simulator.opening_hours import meeting_times
from simulator.world import WORKING_HOURS, World, case_manager

NOTICE_DAYS = 7  # the written invitation goes out a week before the meeting
INVITED_PHASES = ("coaching", "ready")


def months_between(since: date, today: date) -> int:
    """Whole calendar months from `since`'s month to `today`'s."""
    return (today.year - since.year) * 12 + today.month - since.month


class CaseManagerRounds:
    def __init__(self, world: World, months: int, hear_later: Callable[[str, str, str], None]) -> None:
        self.world, self.months, self.hear_later = world, months, hear_later
        self.counts = world.ledger.counts
        self._visits: set[asyncio.Task[None]] = set()

    async def run(self) -> None:
        calendar = self.world.clock.calendar
        for index in range(1, self.months):
            month = calendar.month(index)
            await self.world.clock.until(month)
            for record in list(self.world.ledger.clients.values()):
                if record.client_id and record.case_worker_id:
                    await self._said(self.end_if_due(record, month))
                    self._invite_if_due(record, month)
        await asyncio.gather(*self._visits, return_exceptions=True)

    async def _said(self, work: Any) -> None:
        try:
            await work
        except ApiError as error:
            self.world.say(f"rounds: {error!r}")

    # --- participations -------------------------------------------------------------------------------------

    async def end_if_due(self, record: ClientRecord, month: date) -> None:
        since = record.programme_since or month
        reason = participation_ending(record.program_id, record.phase, months_between(since, month))
        if reason is None:
            return
        body = {"reason": reason, "ended_on": self.world.clock.today().isoformat()}
        by = case_manager(str(record.case_worker_id), record.profile.office_id)
        path = f"/cases/{record.client_id}/participation/end"
        try:
            await self.world.api.send(
                "POST", "coaching", path, by, body, key=self.world.key("end", record.client_id, record.program_id)
            )
        except ApiError as error:
            if error.status not in (403, 404, 409, 422):  # ended already, or the case moved on
                raise
            return
        self.counts[f"participations_ended_{reason}"] += 1
        record.program_id, record.programme_since = STANDARD, month

    # --- invitations with the notice of legal consequences -------------------------------------------------

    def _invite_if_due(self, record: ClientRecord, month: date) -> None:
        rng = self.world.rng("invitation", record.profile.key, month)
        if record.phase not in INVITED_PHASES or not invited_with_notice(rng.random()):
            return
        spans = self.world.directory.opening_hours.get(record.profile.office_id) or WORKING_HOURS
        times = meeting_times(spans, month, 1, rng, not_before=self.world.clock.today())
        if times and times[0].astimezone(BERLIN).date() < add_months(first_of_month(month), 1):
            task = asyncio.create_task(self._said(self.invite(record, times[0], rng.random())))
            self._visits.add(task)
            task.add_done_callback(self._visits.discard)

    async def invite(self, record: ClientRecord, starts: datetime, draw: float) -> None:
        by = case_manager(str(record.case_worker_id), record.profile.office_id)
        body = {
            "starts_at": starts.isoformat(),
            "duration_minutes": 30,
            "channel": "in_person",
            "notice_given_at": (starts - timedelta(days=NOTICE_DAYS)).isoformat(),
        }
        try:
            booked = await self.world.api.send(
                "POST",
                "coaching",
                f"/cases/{record.client_id}/appointments",
                by,
                body,
                key=self.world.key("invitation", record.client_id, starts.isoformat()),
            )
        except ApiError as error:
            if error.status not in (403, 404, 409, 422):  # booked then, a holiday, or the case moved on
                raise
            self.counts["invitations_refused"] += 1
            return
        self.counts["invitations_with_notice"] += 1
        await self.world.clock.until(starts.astimezone(BERLIN).date() + timedelta(days=1))
        what = "missed" if missed(draw) else "attended"
        path = f"/appointments/{booked['appointment_id']}/attendance"
        try:
            await self.world.api.send(
                "PUT",
                "coaching",
                path,
                by,
                {"client_id": record.client_id, "attendance": what},
                key=self.world.key("attended", path),
            )
        except ApiError as error:
            if error.status not in (403, 404, 409, 422):
                raise
            return
        self.counts[f"invitations_{what}"] += 1
        if what == "missed":
            self.hear_later(str(booked["appointment_id"]), str(record.client_id), record.profile.office_id)
