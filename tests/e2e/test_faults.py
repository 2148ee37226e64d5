"""Journeys in flight survive kill -9 of the worker and of benefits; every effect happens exactly once.

Six single parents are coached and declared ready; three are hired and their monthly checks flow. Then the
journey worker and the benefits service are killed (SIGKILL, as a crash) and three more are hired while they
are down. After a restart every journey reaches sustained employment, and the services' APIs show each
decision, confirmation and task once — even where Kafka carries an event more than once.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections import Counter
from datetime import UTC, date, datetime
from typing import Any

import httpx
import pytest

from contracts.events import EmploymentConfirmedV1, EntitlementChangedV1, EntitlementEndedV1, EntitlementGrantedV1
from contracts.topics import EMPLOYMENTS, ENTITLEMENTS
from tests.e2e import steps
from tests.e2e.conftest import SECONDS_PER_MONTH
from tests.e2e.platform import Platform
from tests.e2e.staff import StaffApps, eventually, months_ago
from tests.support.kafka_reading import envelopes, read_until

pytestmark = pytest.mark.e2e
CLIENTS = 6


async def coached(staff: StaffApps, n: int, today: date) -> dict[str, Any]:
    client = await steps.register_single_parent(staff, given_name=f"Fault{n}")
    await steps.enter_household(staff, client, months_ago(today, 9))
    worker = await steps.assigned_case_worker(staff, client["client_id"])
    await steps.coach_until_ready(staff, client["client_id"], worker)
    await staff.ok("GET", "placement", f"/searches/{client['client_id']}", steps.PLACEMENT)  # the search is open
    return client


class Employers:
    """Answer every open continuation check of the hired clients, month after month, in the background."""

    def __init__(self, staff: StaffApps) -> None:
        self.staff, self.employments = staff, set[str]()
        self.answered: list[tuple[str, date]] = []

    async def run(self) -> None:
        while True:
            with contextlib.suppress(httpx.TransportError, AssertionError):  # a process restarts: ask again
                self.answered += await steps.answer_open_checks(self.staff, self.employments)
            await asyncio.sleep(SECONDS_PER_MONTH / 4)


def restart(platform: Platform, name: str) -> None:
    platform.process(name).start()


async def healthy(platform: Platform, http: httpx.AsyncClient, service: str) -> bool:
    return (await http.get(platform.url(service) + "/health")).status_code == 200


async def test_journeys_complete_and_nothing_is_applied_twice_when_worker_and_benefits_crash(platform: Platform):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        today = datetime.now(UTC).date()
        start = months_ago(today, 8)
        employer = await steps.add_employer(staff, "Wäscherei Nord Lütjenburg")
        vacancy = await steps.add_vacancy(staff, employer["employer_id"], "Wäscherei", "08:30", positions=CLIENTS)
        clients = await asyncio.gather(*(coached(staff, n, today) for n in range(CLIENTS)))
        employers = Employers(staff)
        answering = asyncio.create_task(employers.run())
        try:
            for client in clients[:3]:
                employers.employments.add(await steps.propose_and_hire(staff, client["client_id"], vacancy, start))
            await eventually(lambda: len(employers.answered) >= 3, timeout=60)

            platform.process("worker").kill()
            platform.process("benefits").kill()
            for client in clients[3:]:
                employers.employments.add(await steps.propose_and_hire(staff, client["client_id"], vacancy, start))
            await asyncio.sleep(2 * SECONDS_PER_MONTH)
            restart(platform, "benefits")
            restart(platform, "worker")
            await eventually(lambda: healthy(platform, http, "benefits"), timeout=60)

            states = [
                await eventually(lambda c=c: steps.sustained(staff, c["client_id"]), timeout=180) for c in clients
            ]
        finally:
            answering.cancel()

    for state in states:
        assert len(set(state["confirmed_months"])) == 6 and state["relapses"] == 0
        assert state["continuation_checks_requested"] == 6
    await effects_happened_once(platform, clients, employers.employments)


async def effects_happened_once(platform: Platform, clients: list[dict[str, Any]], employments: set[str]) -> None:
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        checks = await staff.ok(
            "GET",
            "placement",
            "/continuation-checks",
            steps.PLACEMENT,
            params={"office_id": steps.OFFICE, "limit": 500},
        )
        ours = [(c["employment_id"], c["month"]) for c in checks if c["employment_id"] in employments]
        assert len(ours) == len(set(ours)) == 6 * len(employments)
        decisions = [
            d
            for c in clients
            for d in await staff.ok("GET", "benefits", f"/households/{c['household_id']}/decisions", steps.BENEFITS)
        ]
        per_cause = Counter(
            (d["household_id"], d["employment_id"], d["cause"], d["effective_month"]) for d in decisions
        )
        assert max(per_cause.values()) == 1, per_cause
        assert {d["employment_id"] for d in decisions if d["employment_id"]} == employments
        tasks = await staff.ok(
            "GET", "coaching", "/tasks", steps.CASE_MANAGER, params={"office_id": steps.OFFICE, "limit": 500}
        )
        ours_tasks = Counter(
            (t["client_id"], t["kind"], t["due_at"])
            for t in tasks["items"]
            if t["client_id"] in {c["client_id"] for c in clients}
        )
        assert not ours_tasks or max(ours_tasks.values()) == 1, ours_tasks

    households = {c["household_id"] for c in clients}
    announced = await _facts(
        platform,
        ENTITLEMENTS.name,
        lambda e: (
            isinstance(e, EntitlementGrantedV1 | EntitlementChangedV1 | EntitlementEndedV1)
            and str(e.household_id) in households
        ),
        at_least=len(decisions),
    )
    assert {str(e.data.decision_id) for e in announced} == {d["decision_id"] for d in decisions}
    confirmations = await _facts(
        platform,
        EMPLOYMENTS.name,
        lambda e: isinstance(e, EmploymentConfirmedV1) and str(e.employment_id) in employments,
        at_least=6 * len(employments),
    )
    per_month = Counter((str(e.data.employment_id), e.data.month) for e in {e.id: e for e in confirmations}.values())
    assert len(per_month) == 6 * len(employments) and max(per_month.values()) == 1


async def _facts(platform: Platform, topic: str, wanted: Any, at_least: int) -> list[Any]:
    """Envelopes on `topic` that `wanted` accepts (duplicates on the wire included), once `at_least` are there."""
    records = await read_until(
        platform.bootstrap,
        topic,
        lambda rs: len({e.id for e in envelopes(rs) if wanted(e.data)}) >= at_least,
        timeout=60,
    )
    return [e for e in envelopes(records) if wanted(e.data)]
