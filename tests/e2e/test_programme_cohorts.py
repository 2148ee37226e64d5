"""Programmes on the running platform (every service, Kafka, Temporal, the worker and the bridge as processes):

(a) a Gemeinsam cohort in Lütjenburg's neighbourhood centre — two single parents registered at intake, enrolled
by joining, weekly sessions with attendance, outcomes that end or keep participations; the journeys follow the
programme and the bridge starts the cohort's timer in Temporal, which closes it on the platform's compressed calendar;
(b) a JobLokal consultation day in Wathlingen's town hall — a team consultation of three coaches with one client,
in a bookable slot, attended, and its fact on Kafka.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from itertools import pairwise
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import httpx
import pytest

from contracts.events import AppointmentAttendedV1, AppointmentMissedV1
from contracts.topics import CASES
from services.platform.auth.staff import Role
from tests.e2e import steps
from tests.e2e.conftest import SECONDS_PER_MONTH
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually
from tests.support.kafka_reading import envelopes, read_until
from workflows.cohort.models import CohortTimerState, Stage

pytestmark = pytest.mark.e2e
BERLIN = ZoneInfo("Europe/Berlin")
JOBLOKAL_TEAM = ["celle-coach-01", "celle-coach-02", "celle-cm-04"]  # three coaches, different specialties


def weekday_at(hour: int, days_ahead: range) -> datetime:
    """`hour`:00 on the first working day in `days_ahead` that is no public holiday in Schleswig-Holstein."""
    closed = holidays.country_holidays("DE", subdiv="SH")
    today = datetime.now(BERLIN).date()
    day = next(d for d in (today + timedelta(days=n) for n in days_ahead) if d.weekday() < 5 and d not in closed)
    return datetime.combine(day, time(hour), BERLIN)


async def facts(platform: Platform, wanted: Any) -> list[Any]:
    records = await read_until(platform.bootstrap, CASES.name, lambda rs: any(wanted(e.data) for e in envelopes(rs)))
    return [e.data for e in envelopes(records) if wanted(e.data)]


async def test_a_gemeinsam_cohort_from_enrolment_through_weekly_sessions_with_attendance_to_outcomes(
    platform: Platform,
):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        mothers = [await steps.register_single_parent(staff, name) for name in ("Hanna", "Merle")]
        workers = [await steps.assigned_case_worker(staff, m["client_id"]) for m in mothers]
        first_session = weekday_at(10, range(15, 22))
        body = {
            "program_id": "gemeinsam",
            "office_id": steps.OFFICE,
            "name": "Gemeinsam e2e",
            "first_session_at": first_session.isoformat(),
            "duration_minutes": 90,
            "room_id": "lutjenburg-stadtteiltreff",
            "capacity": 20,
            "staff_ids": [workers[0]],
        }
        lead = {"staff_id": workers[0]}
        opened = await staff.ok("POST", "coaching", "/cohorts", Role.CASE_MANAGER, body=body, **lead)
        cohort_id = opened["cohort"]["cohort_id"]
        for mother in mothers:
            member = {"client_id": mother["client_id"], "notice_given_at": datetime.now(BERLIN).isoformat()}
            path = f"/cohorts/{cohort_id}/members"
            await staff.ok("POST", "coaching", path, Role.CASE_MANAGER, body=member, **lead)

        hanna, merle = (m["client_id"] for m in mothers)
        sessions = [s["appointment_id"] for s in opened["sessions"][:2]]
        attendance = [
            (sessions[0], hanna, "attended"),
            (sessions[0], merle, "attended"),
            (sessions[1], merle, "missed"),
        ]
        for appointment_id, client_id, what in attendance:
            path = f"/appointments/{appointment_id}/attendance"
            await staff.ok(
                "PUT", "coaching", path, Role.CASE_MANAGER, body={"client_id": client_id, "attendance": what}
            )
        on = first_session.date().isoformat()
        outcomes = [(hanna, "in_work"), (merle, "continuing")]
        for client_id, outcome in outcomes:
            path = f"/cohorts/{cohort_id}/members/{client_id}/outcome"
            await staff.ok("PUT", "coaching", path, Role.CASE_MANAGER, body={"outcome": outcome, "on": on}, **lead)

        async def journeys_follow() -> bool:
            states = [await steps.journey_state(staff, c) for c in (hanna, merle)]
            return [s["program_id"] for s in states] == ["standard", "gemeinsam"]

        await eventually(journeys_follow, timeout=40)  # Hanna's participation ended in work, Merle's runs on
        missed = await facts(platform, lambda e: isinstance(e, AppointmentMissedV1) and str(e.client_id) == merle)
        assert (missed[0].notice_given, missed[0].consecutive_misses) == (True, 1)
        attended = await facts(platform, lambda e: isinstance(e, AppointmentAttendedV1) and str(e.client_id) == hanna)
        assert str(attended[0].appointment_id) == sessions[0]

        temporal = await platform.temporal()
        timer = temporal.get_workflow_handle(f"cohort-{cohort_id}")

        async def timer_closed() -> CohortTimerState | None:
            """The platform's worker runs on its compressed calendar (a month of SECONDS_PER_MONTH): the timer
            closes the cohort about eight compressed months after the bridge started it (patch
            `cohort-compressed-calendar`)."""
            try:
                state = await timer.query("state", result_type=CohortTimerState)
            except Exception:  # not started by the bridge yet
                return None
            return state if state.stage == Stage.CLOSED else None

        state = await eventually(timer_closed, timeout=12 * SECONDS_PER_MONTH + 30)
        assert state.ends_on.isoformat() == opened["cohort"]["ends_on"]
        assert state.closed is not None and [str(c) for c in state.closed.ended] == [merle]  # Hanna ended in work
        cohort = await staff.ok("GET", "coaching", f"/cohorts/{cohort_id}", Role.CASE_MANAGER)
        assert cohort["cohort"]["status"] == "closed"
        assert sorted(m["outcome"] for m in cohort["members"]) == ["continuing", "in_work"]


async def test_a_joblokal_consultation_day_in_the_town_hall_with_three_coaches_and_one_client(platform: Platform):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        body = {
            "person": {"given_name": "Jens", "family_name": "Wieczorek", "birth_date": "1979-09-02"},
            "residence_postcode": "29221",
            "target_groups": [],
            "consent": True,
        }
        client = await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=body)
        await steps.assigned_case_worker(staff, client["client_id"])
        month = datetime.now(BERLIN).date().replace(day=1)
        days: list[dict[str, Any]] = []
        tomorrow = (datetime.now(BERLIN).date() + timedelta(days=1)).isoformat()
        for _ in range(3):  # this month's day may be over: the next one
            query = {"office_id": "celle", "month": month.isoformat()}
            found = await staff.ok("GET", "coaching", "/consultation-days", Role.COACH, params=query)
            days = [d for d in found if d["location_id"] == "wathlingen" and d["date"] >= tomorrow]
            if days:
                break
            month = (month + timedelta(days=32)).replace(day=1)
        day = days[0]["date"]
        slots = await staff.ok("GET", "coaching", f"/consultation-days/wathlingen/{day}/slots", Role.COACH)
        slot = next(s for s, then in pairwise(slots) if s["free"] and then["free"])  # 60 min: two 30-min slots
        team = {
            "kind": "team",
            "office_id": "celle",
            "staff_ids": JOBLOKAL_TEAM,
            "starts_at": slot["starts_at"],
            "duration_minutes": 60,
            "channel": "in_person",
            "location_id": "wathlingen",
            "participants": [{"client_id": client["client_id"], "notice_given_at": datetime.now(BERLIN).isoformat()}],
        }
        booked = await staff.ok("POST", "coaching", "/appointments", Role.COACH, body=team, staff_id="celle-coach-01")
        assert sorted(booked["staff_ids"]) == sorted(JOBLOKAL_TEAM) and booked["location_id"] == "wathlingen"
        after = await staff.ok("GET", "coaching", f"/consultation-days/wathlingen/{day}/slots", Role.COACH)
        taken = {s["starts_at"] for s in after if not s["free"]}
        assert slot["starts_at"] in taken  # the town hall is one room: the slot is gone for everyone
        clash = await staff.call("POST", "coaching", "/appointments", Role.COACH, body=team, staff_id="celle-coach-02")
        assert clash.status_code == 409 and "staff celle-coach-01" in clash.json()["clashes"]

        path = f"/appointments/{booked['appointment_id']}/attendance"
        body = {"client_id": client["client_id"], "attendance": "attended"}
        await staff.ok("PUT", "coaching", path, Role.COACH, body=body, staff_id="celle-coach-02")
        appointment_id = booked["appointment_id"]
        attended = await facts(
            platform, lambda e: isinstance(e, AppointmentAttendedV1) and str(e.appointment_id) == appointment_id
        )
        assert (str(attended[0].client_id), attended[0].office_id) == (client["client_id"], "celle")
        feed = await staff.ok("GET", "coaching", f"/appointments/{booked['appointment_id']}", Role.COACH)
        assert [p["attendance"] for p in feed["participants"]] == ["attended"]
