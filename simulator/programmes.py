"""The seeds' programmes in the demo, played through the public APIs as the district's staff would:

- Joboffensive (seed 003) in one office: in the second month the team lead reads the ranked proposal list and
  confirms it — the first few one by one, the rest in bulk; coaching enrols nobody without that.
- "Gemeinsam" (seed 004) in one office: a cohort that meets weekly, single parents of the office joining with
  the childcare the town arranges and the notice of legal consequences; after each session the case manager
  records attendance (most attend, some are excused, a few miss); a member who finds work gets the outcome.
  The cohort opens in the second month, so that its eight months end within the run: its CohortTimer sleeps on
  the demo's compressed calendar as the journeys do. At the cohort's end the case managers record each member's
  outcome from the client's state (calibration.cohort_outcome).
- JobLokal (seed 001) in Celle: on each month's consultation day in a town hall, a team consultation of three
  coaches with one client, attended or missed.
- A miss with notice opens a hearing (the bridge, from `appointment_missed.v1`); a benefits clerk of the office
  records the client's statement and decides — an important reason for most, a reduction for every fourth.
  The hearing dates its days on the demo's calendar, pinned to the miss's day (patch `hearing-compressed-calendar`),
  so the statement is dated the day the hearing opened on it (`opened_on`; today on the real calendar). The case
  managers' rounds (rounds.py) invite a share of their clients with the notice and end Joboffensive participations.
"""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from datetime import date, datetime, time, timedelta
from typing import Any
from uuid import UUID, uuid5

from services.platform.auth.staff import Role, StaffUser
from simulator.api import ApiError, staff
from simulator.calendar import BERLIN
from simulator.calibration import cohort_outcome
from simulator.ledger import ClientRecord
from simulator.rounds import CaseManagerRounds
from simulator.world import World, case_manager
from simulator.world import team_lead as office_lead

COHORT_ROOMS = {"lutjenburg": "lutjenburg-stadtteiltreff", "plon": "plon-rathaus", "celle": "celle-seminarraum"}
COHORT_MONTHS = 8  # Gemeinsam's duration_months (coaching's catalogue)
JOIN_EVERY_SESSIONS = 4  # the case managers add newly registered single parents about once a month
COHORT_OPENS = 2  # the month the demo opens its cohort: it ends in month 10 and is judged within 16 months
SELECTION_MONTH = 2
SELECTED_SHARE = 0.3  # of the office's planned clients, at most its places
ONE_BY_ONE = 3  # proposals the team lead confirms singly before the bulk
ATTENDANCE = (("attended", 0.86), ("excused", 0.09), ("missed", 0.05))
JOBLOKAL_TEAM_SIZE = 3
REDUCTION_EVERY = 4  # every fourth decided hearing ends with a reduction
HEARING_PATIENCE = 300.0  # seconds a miss may take to open its hearing on a loaded machine
WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def team_lead(office_id: str) -> StaffUser:
    """Reads the proposal list and confirms it (the `team_lead` role does only that)."""
    return staff(f"sim-teamlead-{office_id}", Role.TEAM_LEAD, office=office_id)


def benefits_decider(office_id: str) -> StaffUser:
    """The authorised person who decides a hearing (§ 24 SGB X): a benefits clerk of the office."""
    return staff(f"sim-hearing-{office_id}", Role.BENEFITS_CLERK, office=office_id)


def hearing_of(appointment_id: str, client_id: str) -> str:
    """The hearing's incident id as the bridge derives it from the missed appointment (README, hearings)."""
    return str(uuid5(UUID(appointment_id), client_id))


class ProgrammeDesk:
    def __init__(self, world: World, offices: dict[str, dict[str, Any]], months: int) -> None:
        self.world, self.offices, self.months = world, offices, months
        self.counts = world.ledger.counts
        self.decided = 0
        self._hearings: set[asyncio.Task[None]] = set()  # each waits for its hearing apart from the sessions

    async def settle(self, patience: float) -> None:
        """The hearings still waiting when the calendar ends are heard to their decision, at most `patience` s."""
        if self._hearings:
            self.world.say(f"programmes: {len(self._hearings)} hearing(s) still to decide")
            await asyncio.wait(set(self._hearings), timeout=patience)

    def offering(self, program_id: str) -> list[str]:
        return [o for o, row in self.offices.items() if program_id in (row.get("programmes") or [])]

    async def run(self) -> None:
        work = []
        if joboffensive := self.offering("joboffensive"):
            work.append(self.select_joboffensive(self._busiest(joboffensive)))
        if gemeinsam := [o for o in self.offering("gemeinsam") if o in COHORT_ROOMS]:
            work.append(self.run_cohort(self._busiest(gemeinsam, "single_parent")))
        if "celle" in self.offices:
            work.append(self.joblokal_days("celle"))
        work.append(CaseManagerRounds(self.world, self.months, self._hear_later).run())
        await asyncio.gather(*(self._said(w) for w in work))
        await asyncio.gather(*self._hearings, return_exceptions=True)

    async def _said(self, work: Coroutine[Any, Any, None]) -> None:
        """One programme refused by a service leaves the others running; the refusal is said at once."""
        try:
            await work
        except (ApiError, KeyError, ValueError) as error:
            self.world.say(f"programmes: {error!r}")

    def _busiest(self, offices: list[str], group: str | None = None) -> str:
        def size(office_id: str) -> int:
            return sum(
                1
                for r in self.world.ledger.clients.values()
                if r.profile.office_id == office_id and (group is None or group in r.profile.target_groups)
            )

        return max(offices, key=size)

    def _clients(self, office_id: str) -> dict[str, ClientRecord]:
        return {
            r.client_id: r
            for r in self.world.ledger.clients.values()
            if r.client_id and r.profile.office_id == office_id
        }

    # --- Joboffensive ---------------------------------------------------------------------------------------

    async def select_joboffensive(self, office_id: str) -> None:
        await self.world.clock.until(self.world.clock.calendar.month(SELECTION_MONTH))
        lead, planned = team_lead(office_id), len(self._clients(office_id))
        places = int((self.offices[office_id].get("places") or {}).get("joboffensive", 0))
        limit = max(1, min(places, round(planned * SELECTED_SHARE)))
        path = "/programmes/joboffensive/proposals"
        found = await self.world.api.get("coaching", path, lead, params={"office_id": office_id, "limit": limit})
        chosen = [str(p["client_id"]) for p in found["selection"]["proposals"]]
        self.counts["joboffensive_proposed"] += len(chosen)
        batches = [[c] for c in chosen[:ONE_BY_ONE]] + ([chosen[ONE_BY_ONE:]] if chosen[ONE_BY_ONE:] else [])
        for n, batch in enumerate(batches):
            body = {"office_id": office_id, "client_ids": batch, "starts_on": self.world.clock.today().isoformat()}
            key = self.world.key("joboffensive", office_id, n)
            path = "/programmes/joboffensive/enrolments"
            reply = await self.world.api.send("POST", "coaching", path, lead, body, key=key)
            self.counts["joboffensive_enrolled"] += int(reply["enrolled"])
            self._follow(office_id, reply["results"])
        self.world.say(
            f"{office_id}: the team lead confirmed the Joboffensive proposals — {len(chosen)} proposed, "
            f"{self.counts['joboffensive_enrolled']} enrolled"
        )

    def _follow(self, office_id: str, results: list[dict[str, Any]]) -> None:
        """The enrolled clients' programme and case manager (coaching may hand a case to one with room)."""
        clients = self._clients(office_id)
        for result in results:
            record = clients.get(str(result["client_id"]))
            if record is not None and result["enrolled"]:
                record.program_id, record.programme_since = "joboffensive", self.world.clock.today()
                record.case_worker_id = result.get("case_worker_id") or record.case_worker_id

    # --- Gemeinsam --------------------------------------------------------------------------------------------

    async def run_cohort(self, office_id: str) -> None:
        calendar = self.world.clock.calendar
        start_index = max(1, min(COHORT_OPENS, self.months - COHORT_MONTHS - 1))
        await self.world.clock.until(calendar.month(start_index))
        opened = await self.open_cohort(office_id, calendar.month(start_index))
        if opened is None:
            return
        cohort_id, sessions = opened["cohort"]["cohort_id"], opened["sessions"]
        members: dict[str, ClientRecord] = {}
        for number, session in enumerate(sessions):
            day = datetime.fromisoformat(session["starts_at"]).astimezone(BERLIN).date()
            if day > calendar.last_month.replace(day=28) or calendar.is_over(self.world.clock.elapsed()):
                break
            if number % JOIN_EVERY_SESSIONS == 0:  # single parents registered since join the next session
                await self.join_single_parents(office_id, cohort_id, session["starts_at"], members)
            await self.world.clock.until(day + timedelta(days=1))
            await self.record_outcomes(cohort_id, members, day)
            await asyncio.gather(*(self.attend(session, client_id, who, day) for client_id, who in members.items()))
        ends_on = date.fromisoformat(opened["cohort"]["ends_on"])
        if ends_on <= calendar.last_month:
            await self.world.clock.until(ends_on)
            await self.record_final_outcomes(cohort_id, members, ends_on)

    async def open_cohort(self, office_id: str, month: date) -> dict[str, Any] | None:
        """The first Tuesday to Thursday of the month at 09:30 the room and the staff member are free.

        Under load a cohort's POST can outlast the client's timeout; its retry (same key) then meets the
        committed sessions as a clash. So before each day and after a refusal the desk looks for the cohort this
        run opened (its name carries the run id) instead of opening another."""
        manager = await self._a_case_manager(office_id)
        for offset in range(2, 16):
            day = month + timedelta(days=offset)
            if day.weekday() not in (1, 2, 3):
                continue
            if (ours := await self._our_cohort(office_id)) is not None:
                return ours
            body = {
                "program_id": "gemeinsam",
                "office_id": office_id,
                "name": f"Gemeinsam ab {day:%d.%m.%Y} ({self.world.run_id})",
                "first_session_at": datetime.combine(day, time(9, 30), BERLIN).isoformat(),
                "duration_minutes": 120,
                "room_id": COHORT_ROOMS[office_id],
                "capacity": 20,
                "staff_ids": [manager],
            }
            try:
                opened: dict[str, Any] = await self.world.api.send(
                    "POST",
                    "coaching",
                    "/cohorts",
                    case_manager(manager, office_id),
                    body,
                    key=self.world.key("cohort", office_id, day),
                )
            except ApiError as error:
                if error.status in (409, 422, 503):  # a clash, a holiday, or no answer in time: look, then next day
                    continue
                raise
            return self._opened(office_id, opened)
        if (ours := await self._our_cohort(office_id)) is not None:
            return ours
        self.world.say(f"{office_id}: no day for a Gemeinsam cohort in {month:%Y-%m}")
        return None

    def _opened(self, office_id: str, opened: dict[str, Any]) -> dict[str, Any]:
        self.counts["cohort_sessions"] += len(opened["sessions"])
        self.world.say(
            f"{office_id}: cohort „{opened['cohort']['name']}“ opened, {len(opened['sessions'])} weekly sessions"
        )
        return opened

    async def _our_cohort(self, office_id: str) -> dict[str, Any] | None:
        lead = office_lead(office_id)
        found = await self.world.api.get(
            "coaching", "/programmes/gemeinsam/cohorts", lead, params={"office_id": office_id}
        )
        ours = [c["cohort"] for c in found if c["cohort"]["name"].endswith(f"({self.world.run_id})")]
        if not ours:
            return None
        return self._opened(office_id, await self.world.api.get("coaching", f"/cohorts/{ours[0]['cohort_id']}", lead))

    async def _a_case_manager(self, office_id: str) -> str:
        loads = await self.world.api.get(
            "coaching", "/caseloads", office_lead(office_id), params={"office_id": office_id}
        )
        return str(min(loads, key=lambda row: int(row["load"]))["staff_id"])

    async def join_single_parents(
        self, office_id: str, cohort_id: str, first: str, members: dict[str, ClientRecord]
    ) -> dict[str, ClientRecord]:
        """Single parents of the office with a case manager join before the session `first`, on the simulated
        day (not before the session's day: a cohort is joined from its first day on)."""
        session_day = datetime.fromisoformat(first).astimezone(BERLIN).date()
        joins_on = max(self.world.clock.today(), session_day)
        weekday = WEEKDAYS[session_day.weekday()]
        notice = (datetime.fromisoformat(first) - timedelta(days=7)).isoformat()
        joined = len(members)
        parents = [
            (client_id, r)
            for client_id, r in self._clients(office_id).items()
            if "single_parent" in r.profile.target_groups
            and r.case_worker_id
            and r.program_id not in ("joboffensive", "gemeinsam")
            and r.phase in ("coaching", "ready")
        ]
        for client_id, record in parents[: max(0, 20 - len(members))]:
            childcare = {"provider": "Kita der Stadt", "days": [weekday], "from_time": "08:00", "to_time": "12:30"}
            body = {
                "client_id": client_id,
                "childcare": childcare,
                "notice_given_at": notice,
                "joins_on": joins_on.isoformat(),
            }
            try:
                await self.world.api.send(
                    "POST",
                    "coaching",
                    f"/cohorts/{cohort_id}/members",
                    case_manager(str(record.case_worker_id), office_id),
                    body,
                    key=self.world.key("cohort", cohort_id, client_id),
                )
            except ApiError as error:
                if error.status in (403, 409, 422):  # in another programme, full, not this office's
                    continue
                raise
            members[client_id] = record
            record.program_id, record.programme_since = "gemeinsam", joins_on
        self.counts["cohort_members"] += len(members) - joined
        return members

    async def attend(self, session: dict[str, Any], client_id: str, record: ClientRecord, day: date) -> None:
        if record.phase in ("employed", "sustained", "stopped"):
            return
        rng = self.world.rng("attendance", session["appointment_id"], client_id)
        draw, what = rng.random(), "attended"
        for kind, share in ATTENDANCE:
            if draw < share:
                what = kind
                break
            draw -= share
        by = case_manager(str(record.case_worker_id), record.profile.office_id)
        if not await self._invited(session, client_id, by):
            return
        body: dict[str, Any] = {"client_id": client_id, "attendance": what}
        if what == "excused":
            body["reason"] = rng.choice(["childcare", "incapacity_certified", "job_interview"])
        path = f"/appointments/{session['appointment_id']}/attendance"
        try:
            await self.world.api.send(
                "PUT", "coaching", path, by, body, key=self.world.key("attended", path, client_id)
            )
        except ApiError as error:
            if error.status in (403, 404, 409, 422):  # no longer invited (ended in work), or recorded already
                return
            raise
        self.counts[f"sessions_{what}"] += 1
        if what == "missed":
            self._hear_later(session["appointment_id"], client_id, record.profile.office_id)

    async def _invited(self, session: dict[str, Any], client_id: str, by: StaffUser) -> bool:
        """The member on the session's list with the notice of legal consequences. Coaching invites a joining
        member to the sessions still ahead in real time, and the demo's calendar lies in the past: without this
        no session of the demo's cohort had its members (attendance 0 in every run)."""
        starts = datetime.fromisoformat(session["starts_at"])
        body = {"client_id": client_id, "notice_given_at": (starts - timedelta(days=7)).isoformat()}
        path = f"/appointments/{session['appointment_id']}/invitations"
        try:
            key = self.world.key("invited", path, client_id)
            await self.world.api.send("POST", "coaching", path, by, body, key=key)
        except ApiError as error:
            if error.status in (403, 404, 409, 422):  # full, booked elsewhere then, or no longer this office's
                return False
            raise
        return True

    async def record_outcomes(self, cohort_id: str, members: dict[str, ClientRecord], day: date) -> None:
        for client_id, record in list(members.items()):
            if record.phase not in ("employed", "sustained"):
                continue
            path = f"/cohorts/{cohort_id}/members/{client_id}/outcome"
            body = {"outcome": "in_work", "on": day.isoformat()}
            try:
                by = case_manager(str(record.case_worker_id), record.profile.office_id)
                await self.world.api.send(
                    "PUT", "coaching", path, by, body, key=self.world.key("outcome", cohort_id, client_id)
                )
                self.counts["cohort_in_work"] += 1
            except ApiError as error:
                if error.status not in (403, 404, 409, 422):
                    raise
            del members[client_id]

    async def record_final_outcomes(self, cohort_id: str, members: dict[str, ClientRecord], ends_on: date) -> None:
        """At the cohort's end each remaining member's outcome, from the client's state, dated the last day
        (coaching takes it after the close too)."""
        for client_id, record in list(members.items()):
            outcome = cohort_outcome(record.phase)
            body = {"outcome": outcome, "on": ends_on.isoformat()}
            by = case_manager(str(record.case_worker_id), record.profile.office_id)
            path = f"/cohorts/{cohort_id}/members/{client_id}/outcome"
            try:
                await self.world.api.send(
                    "PUT", "coaching", path, by, body, key=self.world.key("outcome", cohort_id, client_id)
                )
            except ApiError as error:
                if error.status not in (403, 404, 409, 422):
                    raise
                continue
            self.counts[f"cohort_{outcome}"] += 1
            del members[client_id]

    # --- JobLokal ------------------------------------------------------------------------------------------

    async def joblokal_days(self, office_id: str) -> None:
        calendar, coach = (
            self.world.clock.calendar,
            staff("sim-joblokal", Role.COACH, Role.CASE_MANAGER, office=office_id),
        )
        team = await self._joblokal_team(office_id)
        if len(team) < JOBLOKAL_TEAM_SIZE:
            self.world.say(f"{office_id}: fewer than three coaches for JobLokal")
            return
        for index in range(1, self.months):
            month = calendar.month(index)
            await self.world.clock.until(month)
            found = await self.world.api.get(
                "coaching", "/consultation-days", coach, params={"office_id": office_id, "month": month.isoformat()}
            )
            clients = [c for c, r in self._clients(office_id).items() if r.case_worker_id and r.phase == "coaching"]
            for n, consultation in enumerate(found[:1]):
                if not clients:
                    break
                client_id = clients[self.world.rng("joblokal", month, n).randrange(len(clients))]
                await self.team_consultation(office_id, team, consultation, client_id)

    async def _joblokal_team(self, office_id: str) -> list[str]:
        roster = await self.world.api.get("coaching", "/staff", office_lead(office_id), params={"office_id": office_id})
        coaches = [str(s["staff_id"]) for s in roster if "coach" in s["roles"]]
        others = [str(s["staff_id"]) for s in roster if "coach" not in s["roles"] and s["specialties"]]
        return (coaches + others)[:JOBLOKAL_TEAM_SIZE]

    async def team_consultation(self, office_id: str, team: list[str], day: dict[str, Any], client_id: str) -> None:
        location, coach = day["location_id"], case_manager(team[0], office_id)
        slots = await self.world.api.get("coaching", f"/consultation-days/{location}/{day['date']}/slots", coach)
        free = [s for s in slots if s["free"]]
        if not free:
            return
        starts = datetime.fromisoformat(free[0]["starts_at"])
        body = {
            "kind": "team",
            "office_id": office_id,
            "staff_ids": team,
            "starts_at": free[0]["starts_at"],
            "duration_minutes": 30,
            "channel": "in_person",
            "location_id": location,
            "participants": [{"client_id": client_id, "notice_given_at": (starts - timedelta(days=10)).isoformat()}],
        }
        try:
            booked = await self.world.api.send(
                "POST", "coaching", "/appointments", coach, body, key=self.world.key("joblokal", day["date"], location)
            )
        except ApiError as error:
            if error.status in (409, 422):
                return
            raise
        self.counts["joblokal_consultations"] += 1
        await self.world.clock.until(starts.astimezone(BERLIN).date() + timedelta(days=1))
        missed = self.world.rng("joblokal", booked["appointment_id"]).random() < 0.1
        attendance = {"client_id": client_id, "attendance": "missed" if missed else "attended"}
        path = f"/appointments/{booked['appointment_id']}/attendance"
        try:
            await self.world.api.send("PUT", "coaching", path, coach, attendance, key=self.world.key("attended", path))
        except ApiError as error:
            if error.status not in (403, 404, 409, 422):
                raise
            return
        if missed:
            self.counts["sessions_missed"] += 1
            self._hear_later(booked["appointment_id"], client_id, office_id)

    # --- hearings ------------------------------------------------------------------------------------------

    def _hear_later(self, appointment_id: str, client_id: str, office_id: str) -> None:
        task = asyncio.create_task(self.hear(appointment_id, client_id, office_id))
        self._hearings.add(task)
        task.add_done_callback(self._hearings.discard)

    async def hear(self, appointment_id: str, client_id: str, office_id: str) -> None:
        """Wait for the hearing the miss opened, record the statement on its calendar's opening day, decide."""
        incident, decider = hearing_of(appointment_id, client_id), benefits_decider(office_id)
        loop = asyncio.get_running_loop()
        deadline, pause = loop.time() + HEARING_PATIENCE, 1.0
        while True:  # the miss travels coaching → Kafka → the bridge → Temporal: wait for the hearing, not a time
            try:
                opened = await self.world.api.get("journeys", f"/hearings/{incident}", decider)
                break
            except ApiError as error:
                if error.status not in (404, 503):
                    raise
            if loop.time() + pause > deadline:
                self.counts["hearings_not_opened"] += 1
                return
            await asyncio.sleep(pause)
            pause = min(pause * 1.5, 15.0)
        self.counts["hearings_opened"] += 1
        statement = {"received_on": opened.get("opened_on") or datetime.now(BERLIN).date().isoformat()}
        self.decided += 1
        outcome = "reduction" if self.decided % REDUCTION_EVERY == 0 else "important_reason"
        try:
            path = f"/hearings/{incident}"
            await self.world.api.send("POST", "journeys", f"{path}/statement", decider, statement, key=f"{path}-s")
            await self.world.api.send("POST", "journeys", f"{path}/decision", decider, {"outcome": outcome}, key=path)
        except ApiError as error:
            if error.status not in (409, 422, 502):
                raise
            self.counts["hearings_refused"] += 1
            return
        self.counts[f"hearings_{outcome}"] += 1


def programme_lines(counts: dict[str, int]) -> list[str]:
    """What the programme desks did, from the simulator's notebook (the figures themselves are reporting's)."""
    c = counts
    return [
        f"  Joboffensive: {c.get('joboffensive_proposed', 0)} proposed, {c.get('joboffensive_enrolled', 0)} enrolled "
        "after the team lead's confirmation",
        f"  Gemeinsam: {c.get('cohort_members', 0)} members, {c.get('cohort_sessions', 0)} weekly sessions booked; "
        f"attended {c.get('sessions_attended', 0)}, excused {c.get('sessions_excused', 0)}, "
        f"missed {c.get('sessions_missed', 0)}; {c.get('cohort_in_work', 0)} in work",
        f"  JobLokal: {c.get('joblokal_consultations', 0)} team consultations of three coaches",
        f"  Gemeinsam at the end: {c.get('cohort_continuing', 0)} continuing, {c.get('cohort_dropped_out', 0)} "
        "dropped out",
        f"  Joboffensive ended: {c.get('participations_ended_in_work', 0)} in work, "
        f"{c.get('participations_ended_completed', 0)} back to standard after its usual time",
        f"  invitations with the notice of legal consequences: {c.get('invitations_with_notice', 0)} booked, "
        f"{c.get('invitations_attended', 0)} attended, {c.get('invitations_missed', 0)} missed",
        f"  hearings after a missed appointment: {c.get('hearings_opened', 0)} opened, "
        f"{c.get('hearings_important_reason', 0)} important reason accepted, {c.get('hearings_reduction', 0)} "
        f"reduced, {c.get('hearings_refused', 0)} refused",
    ]
