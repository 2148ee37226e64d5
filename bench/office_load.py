"""An office's clients and a case manager's day, loaded in bulk through the services' public APIs.

The people are the simulator's (simulator/population.py: the same seed, names, households and target
groups) and every request is one the simulator's staff make, with its HTTP client (simulator/api.py:
signed staff tokens, Idempotency-Keys, retries). What differs is the pace: the simulator lets each client
arrive on its virtual calendar and live a whole journey meanwhile, which kept the machine busy for 20
minutes and more before an office of 850 was in; here C requests are in flight at once and nothing else
happens, so the office is in within minutes and the pages are then timed on a machine that does only that.

1. staff   case managers are added (`POST /staff`) until the office's capacity covers the clients with
           10 % headroom, as the simulator's team lead does;
2. intake  every client registered (`POST /clients`), partners after the household's first member;
3. wait    until coaching shows a case manager on every case (the journeys assign them);
4. a day   for one case manager: a contact recorded for each client of theirs, two tasks raised per
           client (one overdue, one due next week) and a few phone appointments today.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Awaitable, Callable, Iterable
from datetime import UTC, date, datetime, timedelta
from typing import Any, TypeVar

from simulator.api import Services
from simulator.population import ClientProfile, generate
from simulator.world import case_manager, intake_clerk, team_lead

SEED = 2016  # the simulator's default: the same people as `make run ARGS="--clients 850 --office lutjenburg"`
STAFFED_FOR, CASELOAD_RATIO = "joboffensive", 100  # the intensive ratio the simulator staffs for (seed 003)
HEADROOM = 1.1
APPOINTMENTS_TODAY = 8
T = TypeVar("T")


async def bounded(concurrency: int, items: Iterable[T], one: Callable[[T], Awaitable[object]]) -> None:
    limit = asyncio.Semaphore(concurrency)

    async def run(item: T) -> None:
        async with limit:
            await one(item)

    await asyncio.gather(*(run(item) for item in items))


async def staff_office(api: Services, office: str, clients: int, run_id: str) -> None:
    lead = team_lead(office)
    rows = await api.get("coaching", "/caseloads", lead, params={"office_id": office})
    capacity = sum(
        int((row.get("capacity_by_programme") or {}).get(STAFFED_FOR, row.get("capacity") or 0)) for row in rows
    )
    missing = max(0, -(-(round(clients * HEADROOM) - capacity) // CASELOAD_RATIO))
    for n in range(missing):
        staff_id = f"bench-cm-{office}-{n + 1:02d}"
        body = {"staff_id": staff_id, "office_id": office, "roles": ["case_manager"]}
        await api.send("POST", "coaching", "/staff", lead, body, key=f"bench-{run_id}-staff-{staff_id}")


def registration(profile: ClientProfile, household_id: str | None) -> dict[str, Any]:
    """The simulator's `POST /clients` body for the person (simulator/client_life.py `register`)."""
    availability: dict[str, Any] = {"max_commute_minutes": profile.max_commute_minutes}
    if profile.earliest_daily_start is not None:
        availability["earliest_daily_start"] = profile.earliest_daily_start.strftime("%H:%M")
    if profile.max_weekly_hours is not None:
        availability["max_weekly_hours"] = profile.max_weekly_hours
    person = {
        "given_name": profile.given_name,
        "family_name": profile.family_name,
        "birth_date": profile.birth_date.isoformat(),
    }
    body: dict[str, Any] = {
        "person": person,
        "residence_postcode": profile.postcode,
        "target_groups": list(profile.target_groups),
        "availability": availability,
        "consent": True,
    }
    if household_id is not None:
        body["household_id"] = household_id
    return body


async def register_all(api: Services, office: str, clients: int, run_id: str, concurrency: int) -> int:
    """Every client of the office's population; a partner joins the household of the member registered first."""
    people = generate(SEED, {office: clients}, date.today()).clients
    households: dict[str, str] = {}

    async def register(profile: ClientProfile) -> None:
        body = registration(profile, households.get(profile.joins) if profile.joins else None)
        key = f"bench-{run_id}-registration-{profile.key}"
        answer = await api.send("POST", "intake", "/clients", intake_clerk(office), body, key=key)
        households[profile.key] = answer["household_id"]

    await bounded(concurrency, [p for p in people if p.joins is None], register)
    await bounded(concurrency, [p for p in people if p.joins is not None], register)
    return len(people)


async def cases_of(api: Services, office: str) -> list[dict[str, Any]]:
    """Every case of the office (coaching's worklist, all pages)."""
    found: list[dict[str, Any]] = []
    params: dict[str, Any] = {"office_id": office, "limit": 200}
    while True:
        page = await api.get("coaching", "/cases", team_lead(office), params=params)
        found += page["items"]
        if not page.get("next_cursor"):
            return found
        params["cursor"] = page["next_cursor"]


async def until_assigned(
    api: Services, office: str, clients: int, timeout: float, say: Callable[[str], None]
) -> list[dict[str, Any]]:
    deadline = time.monotonic() + timeout
    while True:
        cases = await cases_of(api, office)
        assigned = [c for c in cases if c.get("case_worker_id")]
        if len(assigned) >= clients:
            return assigned
        if time.monotonic() > deadline:
            raise RuntimeError(f"{len(assigned)} of {clients} cases have a case manager after {timeout:g} s")
        say(f"  {len(cases)} cases, {len(assigned)} with a case manager")
        await asyncio.sleep(2)


async def fill_the_day(
    api: Services, office: str, staff_id: str, client_ids: list[str], run_id: str, concurrency: int
) -> None:
    """A contact per client, an overdue and an open task per client, and phone appointments from 08:00 today."""
    me, now = case_manager(staff_id, office), datetime.now(UTC)

    async def work(client_id: str) -> None:
        key = f"bench-{run_id}-{client_id}"
        contact = {"channel": "phone", "occurred_at": (now - timedelta(days=3)).isoformat()}
        await api.send("POST", "coaching", f"/cases/{client_id}/contacts", me, contact, key=f"{key}-contact")
        for n, due in enumerate((now - timedelta(days=1), now + timedelta(days=7))):
            task = {"kind": "contact_overdue", "due_at": due.isoformat(), "detail": "Rückruf vereinbart"}
            await api.send("POST", "coaching", f"/cases/{client_id}/tasks", me, task, key=f"{key}-task-{n}")

    await bounded(concurrency, client_ids, work)
    morning = datetime.combine(date.today(), datetime.min.time(), UTC) + timedelta(hours=7)
    for n, client_id in enumerate(client_ids[:APPOINTMENTS_TODAY]):
        body = {"starts_at": (morning + timedelta(minutes=30 * n)).isoformat(), "duration_minutes": 30}
        path = f"/cases/{client_id}/appointments"
        await api.send("POST", "coaching", path, me, body | {"channel": "phone"}, key=f"bench-{run_id}-appt-{n}")
