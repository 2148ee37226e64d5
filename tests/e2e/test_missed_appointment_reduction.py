"""A missed appointment in July 2026 through the hearing to the reduced payment, on the running platform.

Every service, Kafka, Temporal and the worker as processes: a single adult with a household and an entitlement
(1,103 € a month), two appointments in July 2026 with the written notice of legal consequences
(Rechtsfolgenbelehrung, § 32 SGB II), both missed → coaching's `appointment_missed.v1` → the bridge opens a hearing
each (§ 24 SGB X) → the letter task → the statement → an authorised person decides: the first miss has an
important reason, the second (the repeated miss) is reduced → benefits' change decision → the payment run.

The hearing decides on the day the test runs (Temporal's clock is the machine's); the reduction runs from the
month after the determination is made known (§ 31b Abs. 1 S. 1; posted, known on the 4th day, § 37 Abs. 2 S. 1
SGB X). Where that month's Regelbedarf is known (`standard_need.yaml`), the payment run pays the reduced amount;
a month without one (2027 until the RBSFV 2027 is added) waits in benefits as a pending decision, as the law
wants no amount guessed — the test asserts whichever the calendar gives.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

from contracts.events import PaymentOrderedV1, ReductionDeterminedV1
from contracts.topics import ENTITLEMENTS, PAYMENTS
from services.benefits.domain.errors import NoRuleForDate
from services.benefits.rule_tables.loading import load_rule_tables
from services.platform.auth.staff import Role
from tests.e2e import steps
from tests.e2e.platform import Platform
from tests.e2e.staff import BERLIN, StaffApps, eventually
from tests.support.kafka_reading import envelopes, read_until
from workflows.hearing.missed import incident_id
from workflows.hearing.rules import plus_months

pytestmark = pytest.mark.e2e

REGELBEDARF = Decimal("563.00")  # level 1, 2026 (§ 20 Abs. 1a SGB II, RBSFV 2026)
FULL = REGELBEDARF + Decimal("450.00") + Decimal("90.00")  # + rent and heating (§ 22), never reduced
# § 32 Abs. 1 S. 1, Abs. 2 S. 2 SGB II n.F. (a miss from 2026-07-01, § 65a Abs. 2): the repeated miss reduces by 30 %
# of the Regelbedarf for one month; the first miss reduces nothing.
REDUCTION = (REGELBEDARF * Decimal("0.30")).quantize(Decimal("0.01"))  # 168.90 €
TUESDAYS_IN_JULY_2026 = (date(2026, 7, 7), date(2026, 7, 21))
# § 31b Abs. 1 S. 3: a reduction may be determined only within six months of the breach. Once July 2026 is past
# that, two Tuesdays two months before the run keep the same rules (new law, § 65a Abs. 2) and the same steps.


def two_tuesdays_to_miss(today: date) -> tuple[date, date]:
    if plus_months(TUESDAYS_IN_JULY_2026[1], 5) > today:
        return TUESDAYS_IN_JULY_2026
    first = plus_months(today.replace(day=1), -2)
    first += timedelta(days=(1 - first.weekday()) % 7)
    return first, first + timedelta(days=14)


def at_nine(day: date) -> datetime:
    return datetime.combine(day, time(9), BERLIN)


def regelbedarf_known(month: date) -> bool:
    try:
        load_rule_tables().rules["standard_need"].value_at(month)
    except NoRuleForDate:
        return False
    return True


async def single_adult_with_entitlement(staff: StaffApps) -> tuple[str, str]:
    client = await steps.register_single_parent(staff, given_name="Jana")
    body = {
        "month": "2026-07-01",
        "members": [{"client_id": client["client_id"], "role": "adult", "birth_date": client["person"]["birth_date"]}],
        "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
    }
    household = await staff.ok("PUT", "benefits", f"/households/{client['household_id']}", steps.BENEFITS, body=body)
    assert household["decision"]["monthly_amount"] == str(FULL), household
    return client["client_id"], client["household_id"]


async def missed_with_notice(staff: StaffApps, client_id: str, worker: str, day: date) -> str:
    """An individual appointment, the notice given a week before, marked missed; returns the appointment id."""
    body = {
        "kind": "individual",
        "office_id": steps.OFFICE,
        "staff_ids": [worker],
        "starts_at": at_nine(day).isoformat(),
        "duration_minutes": 30,
        "channel": "in_person",
        "participants": [{"client_id": client_id, "notice_given_at": at_nine(day - timedelta(days=7)).isoformat()}],
    }
    booked = await staff.ok("POST", "coaching", "/appointments", steps.CASE_MANAGER, body=body, staff_id=worker)
    appointment_id = str(booked["appointment_id"])
    await staff.ok(
        "PUT",
        "coaching",
        f"/appointments/{appointment_id}/attendance",
        steps.CASE_MANAGER,
        body={"client_id": client_id, "attendance": "missed"},
        staff_id=worker,
    )
    return appointment_id


async def hearing_with_letter(staff: StaffApps, incident: UUID) -> dict[str, Any]:
    """The hearing the bridge opened, once it has the household and the letter task."""

    async def ready() -> dict[str, Any] | None:
        state = await staff.ok("GET", "journeys", f"/hearings/{incident}", steps.CASE_MANAGER)
        ok = state and state["facts"]["household_id"] and state["letter_task_id"]
        return state if ok else None

    return await eventually(ready, timeout=60)


async def heard_and_decided(staff: StaffApps, incident: UUID, outcome: str, today: date) -> dict[str, Any]:
    # A hearing on the platform's compressed calendar counts its days from the miss: the statement is dated the
    # day it opened on that calendar (`opened_on`), as the demo's desk does; on the real calendar, today.
    state = await staff.ok("GET", "journeys", f"/hearings/{incident}", steps.CASE_MANAGER)
    received_on = (state or {}).get("opened_on") or str(today)
    await staff.ok(
        "POST", "journeys", f"/hearings/{incident}/statement", steps.CASE_MANAGER, body={"received_on": received_on}
    )
    decided: dict[str, Any] = await staff.ok(
        "POST",
        "journeys",
        f"/hearings/{incident}/decision",
        steps.BENEFITS,
        body={"outcome": outcome},
        staff_id="lutjenburg-lb-07",
    )
    return decided


async def announced(platform: Platform, topic: str, wanted: Any) -> Any:
    """The first event of `topic` that `wanted` accepts, read from the beginning by a plain consumer."""
    records = await read_until(
        platform.bootstrap, topic, lambda rs: any(wanted(e.data) for e in envelopes(rs)), timeout=60
    )
    return next(e.data for e in envelopes(records) if wanted(e.data))


async def paid(platform: Platform, staff: StaffApps, household_id: str, month: date) -> Decimal:
    """The month's payment run through its batches (as the MonthlyPaymentRun workflow calls them); the amount
    as benefits ordered it (`payment_ordered.v1`, once per household and month)."""
    path = f"/payment-runs/{month:%Y-%m}/batches"
    while not (await staff.ok("POST", "benefits", path, Role.OPERATOR, body={"limit": 500}))["done"]:
        pass
    payment = await announced(
        platform,
        PAYMENTS.name,
        lambda e: isinstance(e, PaymentOrderedV1) and str(e.household_id) == household_id and e.month == month,
    )
    return Decimal(payment.amount)


async def test_a_repeated_missed_appointment_in_july_2026_goes_through_the_hearing_to_a_reduced_payment(
    platform: Platform,
):
    async with httpx.AsyncClient(timeout=30) as http:
        staff = StaffApps(platform, http)
        today = datetime.now(BERLIN).date()
        misses = two_tuesdays_to_miss(today)
        client_id, household_id = await single_adult_with_entitlement(staff)
        worker = await steps.assigned_case_worker(staff, client_id)
        first, second = [
            incident_id(UUID(await missed_with_notice(staff, client_id, worker, day)), UUID(client_id))
            for day in misses
        ]

        opened = await hearing_with_letter(staff, first)
        assert (opened["status"], opened["facts"]["household_id"]) == ("awaiting_statement", household_id)
        assert (opened["facts"]["occurred_on"], opened["facts"]["consecutive_misses"]) == (misses[0].isoformat(), 1)
        case = await staff.ok("GET", "coaching", f"/cases/{client_id}", steps.CASE_MANAGER)
        assert "hearing_letter" in [t["kind"] for t in case["open_tasks"]]
        accepted = await heard_and_decided(staff, first, "important_reason", today)
        assert (accepted["status"], accepted["reduction"]) == ("closed_no_reduction", None)

        repeated = await hearing_with_letter(staff, second)
        assert (repeated["facts"]["occurred_on"], repeated["facts"]["consecutive_misses"]) == (misses[1].isoformat(), 2)
        reducing = await heard_and_decided(staff, second, "reduction", today)
        assert reducing["decision"]["decided_by"] == "lutjenburg-lb-07"  # a person decided, after the hearing
        reduction = reducing["reduction"]
        # § 31b Abs. 1 S. 1: from the month after it is made known (posted on the decision's day, known on the 4th
        # day); on the platform's compressed calendar the hearing decides on its own calendar's day.
        decided_on = date.fromisoformat(reducing["decision"].get("decided_on") or str(today))
        month = plus_months((decided_on + timedelta(days=4)).replace(day=1), 1)
        assert (reducing["status"], reduction["consequence"]) == ("reducing", "reduction")
        assert reduction["first_month"] == str(month)
        assert reduction["change_months"] == [str(month), str(plus_months(month, 1))]  # one month only

        determined = await announced(
            platform,
            ENTITLEMENTS.name,
            lambda e: isinstance(e, ReductionDeterminedV1) and str(e.reduction_id) == reduction["reduction_id"],
        )
        assert (determined.percent, determined.months, determined.first_month) == (Decimal(30), 1, month)
        journey: dict[str, Any] = await eventually(
            lambda: _reduction_in_force(staff, client_id, reduction["reduction_id"])
        )
        assert journey["hearings_open"] == []
        # The month the hearing decides in — on its own calendar — is paid in full: the reduction never reaches back
        # (§ 31b Abs. 1 S. 1).
        decision_month = decided_on.replace(day=1)
        if regelbedarf_known(month):
            assert determined.monthly_reduction == REDUCTION and determined.decision_id is not None
            decision = await staff.ok("GET", "benefits", f"/decisions/{determined.decision_id}", steps.BENEFITS)
            assert (decision["kind"], decision["cause"]) == ("change", "reduction_determined")
            assert Decimal(decision["monthly_amount"]) == FULL - REDUCTION  # 934.10 €
            assert await paid(platform, staff, household_id, month) == FULL - REDUCTION
        else:  # no Regelbedarf for that year yet: nothing is guessed, the change waits for its figures
            assert determined.decision_id is None
            household = await staff.ok("GET", "benefits", f"/households/{household_id}", steps.BENEFITS)
            pending = {(p["month"], p["cause"]) for p in household["pending_decisions"]}
            assert (str(month), "reduction_determined") in pending, pending
        if regelbedarf_known(decision_month):
            assert await paid(platform, staff, household_id, decision_month) == FULL


async def _reduction_in_force(staff: StaffApps, client_id: str, reduction_id: str) -> dict[str, Any] | None:
    state = await steps.journey_state(staff, client_id)
    return state if reduction_id in state["reductions_in_force"] and not state["hearings_open"] else None
