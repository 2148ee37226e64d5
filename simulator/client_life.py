"""One client's way through the Jobcenter, as the staff around them act: one coroutine per client.

intake registers → the benefits clerk enters the household → (the journey has coaching assign a case
manager) → contacts within opening hours, a cooperation plan → readiness → matches, a proposal, a hire →
(employers answer the monthly continuation checks, see desks.py) → sustained, or back to coaching.
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from simulator.api import ApiError
from simulator.calendar import add_months, first_of_month
from simulator.household import household_inputs
from simulator.job_search import JobSearch
from simulator.ledger import ClientRecord
from simulator.opening_hours import meeting_times
from simulator.world import (
    WORKING_HOURS,
    World,
    benefits_clerk,
    case_manager,
    contact_day,
    intake_clerk,
    team_lead,
)

INTAKE_MONTHS = 2  # registrations arrive over the first two months
MAX_RELAPSES = 2
LAG_ATTEMPTS = 10
GOALS = {
    "childcare": "childcare place from 07:30 arranged with the municipality",
    "language": "German course B1 (Berufssprachkurs)",
    "missing_qualification": "partial qualification (Teilqualifizierung)",
    "health": "medical assessment of the work capacity",
    "debts": "appointment with the debt counselling service",
    "addiction": "referral to the addiction counselling service",
    "mobility": "driving licence or job within reach by bus",
}


class ClientLife:
    def __init__(self, world: World, record: ClientRecord) -> None:
        self.world = world
        self.record = record
        self.profile = record.profile
        self.office = record.profile.office_id
        self.search = JobSearch(world, record)

    @property
    def client_id(self) -> str:
        assert self.record.client_id is not None
        return self.record.client_id

    async def run(self) -> None:
        try:
            await self._live()
        except ApiError as error:
            self.record.phase = "stopped"
            self.world.ledger.counts["stopped"] += 1
            self.world.say(f"{self.profile.key}: stopped — {error}")

    async def _live(self) -> None:
        await self._arrive()
        await self.register()
        await self.enter_household()
        await self.await_case_manager()
        coaching_months = self.profile.coaching_months
        while True:
            self.record.phase = "coaching"
            await self.coach(coaching_months)
            await self.declare_ready()
            employment = await self.search.until_hired()
            if await employment.outcome == "sustained":
                self.record.phase = "sustained"
                return
            self.record.relapses += 1
            self.record.out_of_work_since = first_of_month(self.world.clock.today())
            if self.record.relapses > MAX_RELAPSES:
                self.record.phase = "coaching"
                return
            coaching_months = 1 + self.world.rng(self.profile.key, "relapse", self.record.relapses).randint(0, 1)

    async def _arrive(self) -> None:
        if self.profile.joins is not None:  # a partner comes after the household is known
            await self.world.ledger.record(self.profile.joins).registered.wait()
        else:
            calendar = self.world.clock.calendar
            months = min(INTAKE_MONTHS, max(1, calendar.months // 4))  # a short demo registers in its first month
            arrival = self.world.rng(self.profile.key, "arrival").uniform(0, months * calendar.seconds_per_month)
            await self.world.clock.until(calendar.day_at(arrival))

    # --- intake and benefits --------------------------------------------------------------------

    async def register(self) -> None:
        p = self.profile
        availability: dict[str, Any] = {"max_commute_minutes": p.max_commute_minutes}
        if p.earliest_daily_start is not None:
            availability["earliest_daily_start"] = p.earliest_daily_start.strftime("%H:%M")
        if p.max_weekly_hours is not None:
            availability["max_weekly_hours"] = p.max_weekly_hours
        body: dict[str, Any] = {
            "person": {
                "given_name": p.given_name,
                "family_name": p.family_name,
                "birth_date": p.birth_date.isoformat(),
            },
            "residence_postcode": p.postcode,
            "target_groups": list(p.target_groups),
            "availability": availability,
            "consent": True,
            "registered_on": contact_day(self.world).isoformat(),  # the simulated day, never after the real one
        }
        if p.joins is not None:
            body["household_id"] = self.world.ledger.record(p.joins).household_id
        client = await self.world.api.send(
            "POST", "intake", "/clients", intake_clerk(self.office), body, key=self.world.key(p.key, "registration")
        )
        self.record.client_id, self.record.household_id = client["client_id"], client["household_id"]
        self.record.out_of_work_since = add_months(first_of_month(self.world.clock.today()), -p.months_out_of_work)
        self.record.phase = "registered"
        self.record.registered.set()
        self.world.ledger.counts["registered"] += 1

    async def enter_household(self) -> None:
        """The benefits clerk enters the household's inputs; a registered partner's arrival updates them."""
        head = self.world.ledger.record(self.profile.joins) if self.profile.joins else self.record
        members = {r.profile.key: r.client_id for r in (head, self.record) if r.client_id is not None}
        body = household_inputs(head.profile, members, first_of_month(self.world.clock.today()))
        for attempt in range(LAG_ATTEMPTS):
            try:
                await self.world.api.send(
                    "PUT",
                    "benefits",
                    f"/households/{self.record.household_id}",
                    benefits_clerk(self.office),
                    body,
                    key=self.world.key(self.profile.key, "household"),
                    until_found=True,
                )  # 404 until benefits has consumed the registration
                break
            except ApiError as error:
                if not _worth_retrying(error) or attempt == LAG_ATTEMPTS - 1:
                    raise
                await self.world.clock.sleep(0.5 * (attempt + 1))
        self.world.ledger.counts["households"] += 1

    # --- coaching -------------------------------------------------------------------------------

    async def await_case_manager(self) -> None:
        """The journey has coaching assign a case manager; staff see it on the case."""
        rng = self.world.rng(self.profile.key, "polling")
        delay = 1.0
        while True:
            case = await self.world.api.get(
                "coaching", f"/cases/{self.client_id}", team_lead(self.office), until_found=True
            )
            if case.get("case_worker_id"):
                self.record.case_worker_id, self.record.program_id = case["case_worker_id"], case.get("program_id")
                return
            await self.world.clock.sleep(delay * rng.uniform(0.8, 1.2))  # jitter: hundreds of clients wait
            delay = min(delay * 2, self.world.clock.calendar.seconds_per_month / 3)

    async def coach(self, months: int) -> None:
        today = self.world.clock.today()
        for n in range(months):
            month = add_months(first_of_month(today), n)
            for number, moment in enumerate(self._meetings(month, today)):
                await self.world.clock.until(moment.date())
                await self.record_contact(moment, "in_person" if number % 3 != 2 else "phone")
                if n == 0 and number == 0 and self.record.relapses == 0:
                    await self.agree_plan(moment)
        await self.world.clock.until(add_months(first_of_month(today), months))

    def _meetings(self, month: date, today: date) -> list[datetime]:
        count = self.world.directory.contacts_per_month(self.record.program_id)
        rng = self.world.rng(self.profile.key, "contacts", month, self.record.relapses)
        spans = self.world.directory.opening_hours.get(self.office) or WORKING_HOURS
        return meeting_times(spans, month, count, rng, not_before=today)

    async def record_contact(self, moment: datetime, channel: str) -> None:
        staff = case_manager(self.record.case_worker_id or "unassigned", self.office)
        body = {"channel": channel, "occurred_at": moment.isoformat(), "note": "Beratungsgespräch"}
        try:
            await self.world.api.send(
                "POST",
                "coaching",
                f"/cases/{self.client_id}/contacts",
                staff,
                body,
                key=self.world.key(self.profile.key, "contact", moment.isoformat()),
            )
            self.world.ledger.counts["contacts"] += 1
        except ApiError as error:
            if error.status != 422:
                raise
            self.world.ledger.counts["contacts_refused"] += 1

    async def agree_plan(self, moment: datetime) -> None:
        """The cooperation plan (§ 15 SGB II): the obstacles found and the goals agreed."""
        obstacles = [{"kind": kind, "status": "identified"} for kind in self.profile.obstacles]
        goals = [GOALS[kind] for kind in self.profile.obstacles] or ["apply for jobs in the region"]
        body = {"obstacles": obstacles, "goals": goals, "agreed_at": moment.isoformat()}
        staff = case_manager(self.record.case_worker_id or "unassigned", self.office)
        await self.world.api.send(
            "PUT",
            "coaching",
            f"/cases/{self.client_id}/cooperation-plan",
            staff,
            body,
            key=self.world.key(self.profile.key, "plan"),
        )
        self.world.ledger.counts["plans"] += 1

    async def declare_ready(self) -> None:
        staff = case_manager(self.record.case_worker_id or "unassigned", self.office)
        await self.world.api.send(
            "POST",
            "coaching",
            f"/cases/{self.client_id}/readiness",
            staff,
            {},
            key=self.world.key(self.profile.key, "ready", self.record.relapses),
        )
        self.record.phase = "ready"
        self.world.ledger.counts["ready"] += 1


def _worth_retrying(error: ApiError) -> bool:
    """A partner's registration still on its way (422), or benefits applying it at the same moment (409, "changed
    concurrently by another request; read it again and retry": three clients of a demo run stopped on it)."""
    return error.status == 409 or _unknown_member(error)


def _unknown_member(error: ApiError) -> bool:
    """Benefits' 422 for a member whose registration it has not consumed yet."""
    errors = error.problem.get("errors", []) if isinstance(error.problem, dict) else []
    return error.status == 422 and any(str(e.get("field", "")).endswith("client_id") for e in errors)
