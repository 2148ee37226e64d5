"""A client's job search as the placement officer runs it: matches, proposals, applications, the hire."""

from __future__ import annotations

from datetime import timedelta
from decimal import Decimal
from typing import Any

from simulator.api import ApiError
from simulator.calendar import add_months, first_of_month, last_of_month
from simulator.calibration import CALIBRATION
from simulator.labour_market import PARTNER_PROGRAMME, net_pay
from simulator.ledger import ClientRecord, EmploymentRecord
from simulator.world import World, contact_day, placement_officer


class JobSearch:
    def __init__(self, world: World, record: ClientRecord) -> None:
        self.world, self.record, self.profile = world, record, record.profile
        self.office = record.profile.office_id
        self.proposed: set[str] = set()  # vacancies already proposed to this client (placement refuses repeats)

    @property
    def client_id(self) -> str:
        assert self.record.client_id is not None
        return self.record.client_id

    async def until_hired(self) -> EmploymentRecord:
        """Each month: matches, a proposal, an application; hired by the calibrated chance, else next month."""
        attempt = 0
        while True:
            attempt += 1
            rng = self.world.rng(self.profile.key, "search", self.record.relapses, attempt)
            vacancy = self._choose(await self._matches(), rng.random())
            if vacancy is not None:
                # An opening heard of in a contact is tried out first: a work trial at the partner company.
                trial = await self._trial(vacancy, attempt) if vacancy.get("published") is False else None
                proposal = await self._propose(vacancy, attempt)
                chance = self.hire_chance()
                hired = proposal is not None and rng.random() < chance
                if proposal is not None:
                    await self._outcome(proposal, "applied")
                    await self._outcome(proposal, "accepted" if hired else "rejected")
                employment = await self.hire(vacancy, proposal) if hired and proposal is not None else None
                if trial is not None:
                    await self._end_trial(trial, "hired" if employment else "not_suitable")
                if employment is not None:
                    return employment
            today = self.world.clock.today()
            await self.world.clock.until(add_months(first_of_month(today), 1).replace(day=rng.randint(3, 20)))

    def hire_chance(self) -> float:
        """The calibrated chance for this month: it falls with the months out of work, each obstacle lowers it,
        the programme coaching assigned raises it (simulator/calibration.py)."""
        today = first_of_month(self.world.clock.today())
        since = self.record.out_of_work_since or today
        months = (today.year - since.year) * 12 + today.month - since.month
        p = self.profile
        return CALIBRATION.monthly_hire_chance(p.obstacles, p.youth, months, self.record.program_id)

    async def _matches(self) -> list[dict[str, Any]]:
        found = await self.world.api.get(
            "placement", f"/searches/{self.client_id}/matches", placement_officer(self.office), until_found=True
        )
        matches: list[dict[str, Any]] = found.get("matches", []) if isinstance(found, dict) else found
        return [m for m in matches if m.get("subject_to_social_insurance", True)]

    def _choose(self, matches: list[dict[str, Any]], draw: float) -> dict[str, Any] | None:
        wanted = "apprenticeship" if self.profile.wants_apprenticeship else "job"
        fresh = [m for m in matches if str(m["vacancy_id"]) not in self.proposed]
        preferred = [m for m in fresh if m.get("kind", "job") == wanted] or fresh
        return preferred[int(draw * len(preferred))] if preferred else None  # spread: hundreds search at once

    async def _propose(self, vacancy: dict[str, Any], attempt: int) -> str | None:
        body = {"client_id": self.client_id, "vacancy_id": vacancy["vacancy_id"]}
        self.proposed.add(str(vacancy["vacancy_id"]))
        try:
            proposal = await self.world.api.send(
                "POST",
                "placement",
                "/proposals",
                placement_officer(self.office),
                body,
                key=self.world.key(self.profile.key, "proposal", self.record.relapses, attempt),
            )
        except ApiError as error:
            if error.status not in (409, 422):  # filled meanwhile, or a constraint the match missed
                raise
            return None
        self.world.ledger.counts["proposals"] += 1
        return str(proposal["proposal_id"])

    async def _trial(self, vacancy: dict[str, Any], attempt: int) -> dict[str, Any] | None:
        """Two weeks of work trial (§ 45 SGB III: at most six at an employer), starting on the day of the match."""
        start = contact_day(self.world)
        body = {"client_id": self.client_id, "employer_id": vacancy["employer_id"], "kind": "work_trial"}
        body |= {"program_id": self.record.program_id or PARTNER_PROGRAMME, "starts_on": start.isoformat()}
        body["ends_on"] = (start + timedelta(days=13)).isoformat()
        key = self.world.key(self.profile.key, "trial", self.record.relapses, attempt)
        try:
            trial: dict[str, Any] = await self.world.api.send(
                "POST", "placement", "/internships", placement_officer(self.office), body, key=key
            )
        except ApiError as error:
            if error.status not in (409, 422):  # the client's registration not there yet, or a rule refused it
                raise
            self.world.ledger.counts["internships_refused"] += 1
            return None
        self.world.ledger.counts["internships"] += 1
        return trial

    async def _end_trial(self, trial: dict[str, Any], outcome: str) -> None:
        body = {"outcome": outcome, "outcome_on": trial["ends_on"]}
        path = f"/internships/{trial['internship_id']}/outcome"
        key = self.world.key(trial["internship_id"], outcome)
        await self.world.api.send("POST", "placement", path, placement_officer(self.office), body, key=key)

    async def _outcome(self, proposal_id: str, outcome: str) -> None:
        await self.world.api.send(
            "POST",
            "placement",
            f"/proposals/{proposal_id}/outcome",
            placement_officer(self.office),
            {"outcome": outcome},
            key=self.world.key(proposal_id, outcome),
        )

    async def hire(self, vacancy: dict[str, Any], proposal_id: str) -> EmploymentRecord | None:
        """The contract starts on the first of next month; the first wage flows at its end (§ 11 Abs. 2).

        None when the vacancy was filled by someone else meanwhile (422 naming vacancy_id)."""
        start = add_months(first_of_month(self.world.clock.today()), 1)
        gross = vacancy["gross_monthly_pay"]
        net = net_pay(_decimal(gross), start)
        body = {
            "client_id": self.client_id,
            "employer_id": vacancy["employer_id"],
            "vacancy_id": vacancy["vacancy_id"],
            "proposal_id": proposal_id,
            "start_date": start.isoformat(),
            "weekly_hours": str(vacancy["weekly_hours"]),
            "gross_monthly_pay": str(gross),
            "net_monthly_pay": str(net),
            "first_pay_date": last_of_month(start).isoformat(),
            "subject_to_social_insurance": bool(vacancy.get("subject_to_social_insurance", True)),
            "apprenticeship": vacancy.get("kind") == "apprenticeship",
        }
        try:
            employment = await self.world.api.send(
                "POST",
                "placement",
                "/employments",
                placement_officer(self.office),
                body,
                key=self.world.key(self.profile.key, "hire", proposal_id),
            )
        except ApiError as error:
            if error.status != 422:
                raise
            self.world.ledger.counts["hires_refused"] += 1
            return None
        record = EmploymentRecord(
            str(employment["employment_id"]), self.profile.key, self.office, _decimal(gross), net, start
        )
        self.world.ledger.employments[record.employment_id] = record
        self.world.ledger.counts["hires"] += 1
        if vacancy.get("published") is False:
            self.world.ledger.counts["hidden_hires"] += 1  # integrated through the hidden job market
        self.record.phase = "employed"
        return record


def _decimal(value: object) -> Decimal:
    return Decimal(str(value))
