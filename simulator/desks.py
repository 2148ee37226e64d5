"""The office-level work around the clients: staffing, employers and vacancies, continuation checks, tasks."""

from __future__ import annotations

import asyncio
import math
from datetime import date
from decimal import Decimal
from typing import Any

from simulator.api import ApiError
from simulator.calendar import add_months, first_of_month
from simulator.calibration import CALIBRATION
from simulator.labour_market import PARTNER_PROGRAMME, EmployerPlan, VacancyPlan, employers_for, vacancies_for
from simulator.ledger import EmploymentRecord
from simulator.opening_hours import meeting_on_or_before
from simulator.world import WORKING_HOURS, World, case_manager, contact_day, placement_officer, team_lead

HEADROOM = 1.1  # staff for 10 % more clients than planned
STAFFED_FOR = "joboffensive"  # the intensive 1:100 caseload ratio (seed 003)
MAX_NEW_STAFF = 40
VISIT_GROUP, VISIT_ATTENDANCE = 6, 0.8  # a company visit's group, and the share that comes
INITIAL_OPENINGS = 0.25  # positions advertised at the start, per planned client
MONTHLY_OPENINGS = 0.1
PAGE = 500
SUSTAINED_AFTER_MONTHS = 6  # K2E3: employed in each of the 6 months after the start (§ 48a SGB II)
END_REASONS = ("probation not passed", "dismissed by the employer", "resigned", "fixed term not extended")
SPECIALTIES = ("equal_opportunities", "youth", "migration", "health", "debt_counselling")


async def staff_office(world: World, office_id: str, planned_clients: int) -> int:
    """Adds case managers until the office's capacity at the intensive 1:100 ratio covers the clients."""
    lead = team_lead(office_id)
    added = 0
    while added < MAX_NEW_STAFF:
        try:
            caseloads = await world.api.get("coaching", "/caseloads", lead, params={"office_id": office_id})
        except ApiError as error:
            world.say(f"{office_id}: no caseloads from coaching ({error.status}); staffing as configured")
            return added
        capacity = sum(
            int((row.get("capacity_by_programme") or {}).get(STAFFED_FOR, row.get("capacity") or 0))
            for row in caseloads
        )
        if capacity >= planned_clients * HEADROOM:
            return added
        staff_id = f"sim-cm-{office_id}-{added + 1:02d}"
        body = {
            "staff_id": staff_id,
            "office_id": office_id,
            "roles": ["case_manager"],
            "specialties": [SPECIALTIES[added % len(SPECIALTIES)]],
        }
        try:
            await world.api.send("POST", "coaching", "/staff", lead, body, key=world.key("staff", staff_id))
        except ApiError as error:
            if error.status == 409:  # already there from an earlier run
                added += 1
                continue
            world.say(f"{office_id}: could not add staff ({error.status}): {error.problem}")
            return added
        added += 1
    return added


class EmployerDesk:
    """An office's employers: they advertise vacancies and answer the monthly continuation checks."""

    def __init__(self, world: World, office_id: str, planned_clients: int) -> None:
        self.world, self.office_id, self.planned = world, office_id, planned_clients
        self.employers: dict[str, str] = {}  # plan key → employer_id
        self.officer = placement_officer(office_id)
        self.checks_available = True

    async def open(self) -> None:
        for plan in employers_for(self.office_id):
            self.employers[plan.key] = await self._add_employer(plan)
            if plan.partner_company:
                await self._partner(self.employers[plan.key])
        await self.advertise(0, math.ceil(self.planned * INITIAL_OPENINGS))

    async def _add_employer(self, plan: EmployerPlan) -> str:
        body = {
            "name": plan.name,
            "office_id": plan.office_id,
            "postcode": plan.postcode,
            "partner_company": plan.partner_company,
        }
        employer = await self.world.api.send(
            "POST", "placement", "/employers", self.officer, body, key=self.world.key("employer", plan.key)
        )
        return str(employer["employer_id"])

    async def _partner(self, employer_id: str) -> None:
        since = self.world.clock.calendar.month(0).isoformat()
        path = f"/employers/{employer_id}/partnerships/{PARTNER_PROGRAMME}"
        await self.world.api.send(
            "PUT", "placement", path, self.officer, {"since": since}, key=self.world.key("partner", employer_id)
        )
        self.world.ledger.counts["partners"] += 1

    async def _heard_of(self, plan: VacancyPlan) -> str:
        """The contact in which a partner company mentioned an opening it does not publish."""
        body = {"contact_on": contact_day(self.world).isoformat(), "kind": "visit"}
        body["note"] = f"Offene Stelle im Gespräch genannt: {plan.template.title}"
        employer_id = self.employers[plan.employer_key]
        contact = await self.world.api.send(
            "POST",
            "placement",
            f"/employers/{employer_id}/contacts",
            self.officer,
            body,
            key=self.world.key("contact", plan.key),
        )
        return str(contact["contact_id"])

    async def advertise(self, month_index: int, openings: int) -> None:
        month = self.world.clock.calendar.month(month_index)
        for plan in vacancies_for(
            self.world.seed, self.office_id, month_index, openings, employers_for(self.office_id)
        ):
            t = plan.template
            body = {
                "employer_id": self.employers[plan.employer_key],
                "title": t.title,
                "occupation": t.occupation,
                "kind": t.kind,
                "weekly_hours": t.weekly_hours,
                "daily_start": t.daily_start.strftime("%H:%M"),
                "location_postcode": plan.postcode,
                "positions": plan.positions,
                "gross_monthly_pay": str(plan.gross_monthly_pay(month)),
                "subject_to_social_insurance": t.subject_to_social_insurance,
            }
            if plan.hidden:
                body |= {"published": False, "source_contact_id": await self._heard_of(plan)}
                self.world.ledger.counts["hidden_vacancies"] += 1
            await self.world.api.send(
                "POST", "placement", "/vacancies", self.officer, body, key=self.world.key("vacancy", plan.key)
            )
            self.world.ledger.counts["vacancies"] += 1

    async def run(self) -> None:
        """Three times a month: answer what is open; on the first round of a month, advertise more."""
        calendar = self.world.clock.calendar
        advertised = 0
        while not calendar.is_over(self.world.clock.elapsed()):
            index = self.world.clock.month_index()
            if index > advertised:
                advertised = index
                await self.advertise(index, math.ceil(self.planned * MONTHLY_OPENINGS))
                await self.host_visit(index)
            await self.answer_checks()
            await self.world.clock.sleep(calendar.seconds_per_month / 3)

    async def host_visit(self, month_index: int) -> None:
        """Each month a partner company receives a group of the office's job seekers (Betriebsbesuch)."""
        partners = [self.employers[p.key] for p in employers_for(self.office_id) if p.partner_company]
        office = [r for r in self.world.ledger.registered() if r.profile.office_id == self.office_id]
        seekers = sorted(str(r.client_id) for r in office if r.phase == "ready")
        if not partners or not seekers:
            return
        rng = self.world.rng("visit", self.office_id, month_index)
        guests = rng.sample(seekers, min(VISIT_GROUP, len(seekers)))
        body: dict[str, Any] = {"employer_id": partners[month_index % len(partners)], "program_id": PARTNER_PROGRAMME}
        body |= {"visit_on": contact_day(self.world).isoformat(), "client_ids": guests}
        key = self.world.key("visit", self.office_id, month_index)
        try:
            visit = await self.world.api.send("POST", "placement", "/company-visits", self.officer, body, key=key)
        except ApiError as error:
            if error.status not in (409, 422):  # a guest placement has not heard of yet, or one who moved away
                raise
            return
        self.world.ledger.counts["visits"] += 1
        for guest in guests:
            came = "attended" if rng.random() < VISIT_ATTENDANCE else "absent"
            path = f"/company-visits/{visit['visit_id']}/attendance"
            await self.world.api.send(
                "POST",
                "placement",
                path,
                self.officer,
                {"client_id": guest, "attendance": came},
                key=self.world.key(key, guest),
            )
            self.world.ledger.counts["visit_guests" if came == "attended" else "visit_absent"] += 1

    async def answer_checks(self) -> None:
        if not self.checks_available:
            await self._confirm_on_own_initiative()
            return
        try:
            checks = await self._pages("/continuation-checks", {"status": "open", "office_id": self.office_id})
        except ApiError as error:
            if error.status not in (404, 405):
                raise
            self.world.say(
                f"{self.office_id}: placement has no continuation checks ({error.status}); employers "
                "confirm each finished month on their own initiative"
            )
            self.checks_available = False
            return
        for check in checks:
            await self.answer(str(check["employment_id"]), date.fromisoformat(str(check["month"])[:10]))

    async def _pages(self, path: str, params: dict[str, str]) -> list[dict[str, Any]]:
        """Every row of a list placement pages by id (`after`, `limit`)."""
        rows: list[dict[str, Any]] = []
        while True:
            page = await self.world.api.get(
                "placement",
                path,
                self.officer,
                params={**params, "limit": PAGE, **({"after": rows[-1]["check_id"]} if rows else {})},
            )
            rows += page
            if len(page) < PAGE:
                return rows

    async def _confirm_on_own_initiative(self) -> None:
        this_month = first_of_month(self.world.clock.today())
        for record in list(self.world.ledger.employments.values()):
            if record.office_id != self.office_id or record.ended:
                continue
            month = add_months(record.start_month, 1)  # K2E3 counts the months after the start
            while month < this_month and not record.ended and not record.outcome.done():
                if month not in record.confirmed:
                    await self.answer(record.employment_id, month)
                month = add_months(month, 1)

    async def answer(self, employment_id: str, month: date) -> None:
        """Confirm the month (with its pay), or — for a share, by the client's risk — end the employment."""
        record = self.world.ledger.employments.get(employment_id) or await self._unknown(employment_id)
        if record.ended or month in record.confirmed:
            return
        rng = self.world.rng(employment_id, month)
        risk = self._end_risk(record)
        if rng.random() < risk:
            await self.end(record, month, rng.choice(END_REASONS))
        else:
            await self.confirm(record, month)

    def _end_risk(self, record: EmploymentRecord) -> float:
        if not record.client_key:
            return CALIBRATION.base_monthly_end_risk  # an employment from before this run
        client = self.world.ledger.record(record.client_key)
        return CALIBRATION.monthly_end_risk(client.profile.monthly_end_risk, client.program_id)

    async def confirm(self, record: EmploymentRecord, month: date) -> None:
        body = {"month": month.isoformat(), "gross_pay": str(record.gross), "net_pay": str(record.net)}
        await self.world.api.send(
            "POST",
            "placement",
            f"/employments/{record.employment_id}/confirmations",
            self.officer,
            body,
            key=self.world.key(record.employment_id, "confirm", month),
        )
        record.confirmed.add(month)
        self.world.ledger.counts["confirmations"] += 1
        if len({m for m in record.confirmed if m > record.start_month}) >= SUSTAINED_AFTER_MONTHS:
            record.settle("sustained")

    async def end(self, record: EmploymentRecord, month: date, reason: str) -> None:
        body = {"end_date": month.replace(day=15).isoformat(), "reason": reason}
        try:
            await self.world.api.send(
                "POST",
                "placement",
                f"/employments/{record.employment_id}/end",
                self.officer,
                body,
                key=self.world.key(record.employment_id, "end"),
            )
        except ApiError as error:
            if error.status != 409:  # already ended
                raise
        record.ended = True
        self.world.ledger.counts["ends"] += 1
        record.settle("ended")

    async def _unknown(self, employment_id: str) -> EmploymentRecord:
        """An employment from before this run: its figures from placement."""
        found = await self.world.api.get("placement", f"/employments/{employment_id}", self.officer)
        gross = Decimal(str(found["gross_monthly_pay"]))
        record = EmploymentRecord(
            employment_id,
            "",
            self.office_id,
            gross,
            Decimal(str(found["net_monthly_pay"])),
            first_of_month(date.fromisoformat(str(found["start_date"]))),
        )
        self.world.ledger.employments[employment_id] = record
        return record


class TaskDesk:
    """Case managers work through their open tasks: an overdue contact is made, a plan reviewed."""

    def __init__(self, world: World, office_id: str) -> None:
        self.world, self.office_id = world, office_id

    async def run(self) -> None:
        calendar = self.world.clock.calendar
        while not calendar.is_over(self.world.clock.elapsed()):
            await self.world.clock.sleep(calendar.seconds_per_month / 2)
            try:
                tasks = await self.open_tasks()
            except ApiError as error:
                if error.status in (404, 405):
                    return  # coaching keeps no task lists
                raise
            await asyncio.gather(*(self.work_on(task) for task in tasks))

    async def open_tasks(self) -> list[dict[str, Any]]:
        """The office's open tasks, page by page (`next_cursor`)."""
        tasks: list[dict[str, Any]] = []
        cursor: str | None = None
        while True:
            params = {"office_id": self.office_id, "status": "open", **({"after": cursor} if cursor else {})}
            page = await self.world.api.get("coaching", "/tasks", team_lead(self.office_id), params=params)
            tasks += page["items"]
            cursor = page.get("next_cursor")
            if not cursor:
                return tasks

    async def work_on(self, task: dict[str, Any]) -> None:
        client_id, worker = str(task.get("client_id")), str(task.get("case_worker_id") or "")
        staff = case_manager(worker, self.office_id)
        moment = self.world.clock.calendar.day_at(self.world.clock.elapsed())
        try:
            if task.get("kind") == "contact_overdue":
                when = meeting_on_or_before(WORKING_HOURS, moment, self.world.rng(task["task_id"]))
                if when is not None:
                    await self.world.api.send(
                        "POST",
                        "coaching",
                        f"/cases/{client_id}/contacts",
                        staff,
                        {"channel": "phone", "occurred_at": when.isoformat()},
                        key=self.world.key(task["task_id"], "contact"),
                    )
            await self.world.api.send(
                "POST",
                "coaching",
                f"/tasks/{task['task_id']}/completion",
                staff,
                {},
                key=self.world.key(task["task_id"], "done"),
            )
            self.world.ledger.counts["tasks_done"] += 1
        except ApiError as error:
            self.world.ledger.counts["tasks_refused"] += 1
            if error.status not in (403, 404, 409, 422):
                raise
