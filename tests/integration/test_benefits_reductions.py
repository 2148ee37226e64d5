"""Reductions over HTTP and Kafka on SQLite and PostgreSQL: determined after a hearing → change decision → the
payment run pays the reduced amount; the period's end and a lift restore it (§§ 31a, 31b, 32, 65a SGB II)."""

from __future__ import annotations

from datetime import datetime, timedelta
from decimal import Decimal
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

import pytest

from contracts import topics
from services.benefits.tables import PaymentRow, ReductionRow
from services.platform.auth.staff import Role
from tests.integration.test_benefits import clerk, registered_household, stored
from tests.support.kafka_reading import envelopes, read_until
from tests.support.running_service import running_service

JULY = "2026-07-01"
FULL = Decimal("1103.00")  # a single adult: 563 € Regelbedarf + 450 € rent + 90 € heating


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def worker(tokens) -> dict[str, str]:
    return tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")


async def granted_single(benefits, bootstrap: str, tokens) -> tuple[UUID, UUID]:
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    body = {
        "month": JULY,
        "members": [{"client_id": str(client_id), "role": "adult", "birth_date": "1986-02-11"}],
        "housing": {"rent": "450.00", "heating": "90.00", "appropriate_rent": "475.00"},
    }
    response = await benefits.http.put(f"/households/{household_id}", json=body, headers=clerk(tokens))
    assert response.status_code == 200 and response.json()["decision"]["monthly_amount"] == str(FULL), response.text
    return household_id, client_id


async def determine(benefits, tokens, household_id: UUID, client_id: UUID, **terms: object):
    """As the hearing workflow determines, naming the authorised person and the day decided (a July 2026 day: a
    clerk's own determination is dated today)."""
    body = {
        "client_id": str(client_id),
        "incident": "missed_appointment",
        "determined_on": "2026-07-24",
        "determined_by": "staff-1",
        **terms,
    }
    headers = {**worker(tokens), "Idempotency-Key": f"r-{uuid4()}"}
    return await benefits.http.post(f"/households/{household_id}/reductions", json=body, headers=headers)


async def paid(benefits, tokens, household_id: UUID, month: str) -> Decimal:
    """The month's payment run (its batches API, as the MonthlyPaymentRun workflow calls it) for this household."""
    done = False
    while not done:
        response = await benefits.http.post(
            f"/payment-runs/{month[:7]}/batches",
            json={"limit": 500},
            headers={**worker(tokens), "Idempotency-Key": f"p-{uuid4()}"},
        )
        assert response.status_code == 200, response.text
        done = response.json()["done"]
    (payment,) = [p for p in await stored(benefits, PaymentRow, household_id) if p.month.isoformat() == month]
    return payment.amount


async def test_a_repeated_missed_appointment_in_july_2026_is_paid_reduced_by_30_percent_for_one_month(
    benefits, kafka_server, tokens
):
    """§ 32 Abs. 1 S. 1, Abs. 2 S. 2 n.F.: the first miss reduces nothing, the repeated one 30 % of 563 € = 168.90 €
    in the month after the determination (§ 31b Abs. 1 S. 1); September is decided back to the full amount."""
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await granted_single(benefits, bootstrap, tokens)
    first = await determine(benefits, tokens, household_id, client_id, occurred_on="2026-07-02")
    assert first.status_code == 201, first.text
    assert (first.json()["consequence"], first.json()["decision_id"]) == ("no_reduction", None)
    second = await determine(benefits, tokens, household_id, client_id, occurred_on="2026-07-20")
    assert second.status_code == 201, second.text
    reduction = second.json()
    assert (reduction["percent"], reduction["first_month"], reduction["months"]) == ("30", "2026-08-01", 1)
    assert reduction["change_months"] == ["2026-08-01", "2026-09-01"]
    assert reduction["determined_by"] == "staff-1"  # the authorised person the hearing named
    assert reduction["monthly_reduction"] == "168.90"

    decision = (await benefits.http.get(f"/decisions/{reduction['decision_id']}", headers=clerk(tokens))).json()
    assert (decision["kind"], decision["cause"], decision["monthly_amount"]) == (
        "change",
        "reduction_determined",
        "934.10",
    )
    assert decision["recomputed_identically"] is True
    lines = [line for line in decision["result"]["explanation"] if line["kind"] == "reduction"]
    assert lines and "§ 32 Abs. 1 S. 1, Abs. 2 S. 2 SGB II" in lines[0]["paragraph"]
    # § 31b Abs. 1 S. 1: determined in July, reduced from August — July's run, even after the determination, pays
    # what the decision for July said
    assert await paid(benefits, tokens, household_id, JULY) == FULL
    assert await paid(benefits, tokens, household_id, "2026-08-01") == Decimal("934.10")

    ended = await benefits.http.post(
        f"/households/{household_id}/reductions/{reduction['reduction_id']}/months",
        json={"month": "2026-09-01"},
        headers=clerk(tokens),
    )
    assert ended.status_code == 200 and ended.json()["monthly_amount"] == str(FULL), ended.text
    assert await paid(benefits, tokens, household_id, "2026-09-01") == FULL

    def ours(records):
        return [e for e in envelopes(records) if getattr(e.data, "household_id", None) == household_id]

    events = ours(await read_until(bootstrap, topics.ENTITLEMENTS.name, lambda rs: len(ours(rs)) >= 6))
    kinds = [e.type.split(".")[-2] for e in events]
    assert kinds.count("reduction_determined") == 2 and kinds.count("reduction_lifted") == 1
    announced = next(e.data for e in events if e.type.endswith("reduction_determined.v1") and e.data.decision_id)
    assert announced.monthly_reduction == Decimal("168.90") and announced.first_month.isoformat() == "2026-08-01"


async def test_a_breach_in_june_2026_keeps_the_old_ten_percent_even_when_determined_in_july(
    benefits, kafka_server, tokens
):
    """§ 65a Abs. 2: the date of the breach picks §§ 31a, 31b a.F.: 10 % of 563 € = 56.30 € for one month."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    response = await determine(
        benefits, tokens, household_id, client_id, incident="breach_of_duty", occurred_on="2026-06-30"
    )
    assert response.status_code == 201, response.text
    assert (response.json()["percent"], response.json()["months"]) == ("10", 1)
    assert "§ 65a Abs. 2" in response.json()["paragraph"]
    assert await paid(benefits, tokens, household_id, "2026-08-01") == FULL - Decimal("56.30")


async def test_a_breach_reduction_is_lifted_by_staff_once_the_duty_is_fulfilled(benefits, kafka_server, tokens):
    """§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 n.F.: 30 % for three months, lifted from September after fulfilment in
    August; a second lift is a conflict."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    reduction = (
        await determine(benefits, tokens, household_id, client_id, incident="breach_of_duty", occurred_on="2026-07-03")
    ).json()
    assert (reduction["percent"], reduction["months"]) == ("30", 3)
    path = f"/households/{household_id}/reductions/{reduction['reduction_id']}/lift"
    lifted = await benefits.http.post(path, json={"fulfilled_on": "2026-08-14"}, headers=clerk(tokens))
    assert lifted.status_code == 200, lifted.text
    assert lifted.json()["lifted_from"] == "2026-09-01"
    again = await benefits.http.post(path, json={"fulfilled_on": "2026-08-15"}, headers=clerk(tokens))
    assert again.status_code == 409
    assert await paid(benefits, tokens, household_id, "2026-09-01") == FULL
    (row,) = await stored(benefits, ReductionRow, household_id)
    assert (row.lifted_by, row.lifted_on.isoformat()) == ("staff-1", "2026-08-14")


async def test_a_determination_after_six_months_is_refused_naming_the_field(benefits, kafka_server, tokens):
    """§ 31b Abs. 1 S. 3."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    late = await determine(
        benefits, tokens, household_id, client_id, occurred_on="2026-07-02", determined_on="2027-01-03"
    )
    assert late.status_code == 422, late.text
    assert late.json()["errors"][0]["field"] == "determined_on"
    assert await stored(benefits, ReductionRow, household_id) == []


async def test_who_may_determine_a_reduction(benefits, kafka_server, tokens):
    """Benefits clerks of the office in their own name; the hearing workflow only naming the decider."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    body = {"client_id": str(client_id), "incident": "breach_of_duty", "occurred_on": JULY, "determined_on": JULY}
    path = f"/households/{household_id}/reductions"
    coach = tokens.headers(Role.CASE_MANAGER)
    assert (await benefits.http.post(path, json=body, headers=coach)).status_code == 403
    elsewhere = clerk(tokens, offices=("celle",))
    assert (await benefits.http.post(path, json=body, headers=elsewhere)).status_code == 403
    unnamed = await benefits.http.post(path, json=body, headers=worker(tokens))
    assert unnamed.status_code == 422 and unnamed.json()["errors"][0]["field"] == "determined_by"
    named = await benefits.http.post(path, json={**body, "determined_by": "teamlead.kiel"}, headers=worker(tokens))
    assert named.status_code == 201, named.text
    assert named.json()["determined_by"] == "teamlead.kiel"


async def test_a_clerks_determination_is_dated_today_and_only_the_hearing_workflow_names_another_day(
    benefits, kafka_server, tokens
):
    """§ 31b Abs. 1 S. 3: dated back, a late determination would fall inside the six months. A clerk deciding in
    their own name is refused any other day than today (422 naming `determined_on`, nothing stored); dated today
    it is taken; the hearing workflow names the day its hearing decided on (the demo's calendar)."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    today = datetime.now(ZoneInfo("Europe/Berlin")).date()
    path = f"/households/{household_id}/reductions"
    occurred = (today - timedelta(days=3)).isoformat()
    body = {"client_id": str(client_id), "incident": "breach_of_duty", "occurred_on": occurred}
    for other in (today - timedelta(days=1), today + timedelta(days=1)):
        headers = {**clerk(tokens), "Idempotency-Key": f"r-{uuid4()}"}
        dated = await benefits.http.post(path, json={**body, "determined_on": other.isoformat()}, headers=headers)
        assert dated.status_code == 422, dated.text
        assert dated.json()["errors"][0]["field"] == "determined_on" and "today" in dated.text, dated.text
    assert await stored(benefits, ReductionRow, household_id) == []
    headers = {**clerk(tokens), "Idempotency-Key": f"r-{uuid4()}"}
    taken = await benefits.http.post(path, json={**body, "determined_on": today.isoformat()}, headers=headers)
    assert taken.status_code == 201, taken.text
    assert (taken.json()["determined_on"], taken.json()["determined_by"]) == (today.isoformat(), "staff-1")
    named = await determine(benefits, tokens, household_id, client_id, occurred_on=JULY, determined_on="2026-07-24")
    assert named.status_code == 201 and named.json()["determined_on"] == "2026-07-24", named.text


async def test_a_refused_job_a_sperrzeit_and_a_handed_over_determination(benefits, kafka_server, tokens):
    """§ 31a Abs. 7 n.F. (the Regelbedarf lapses: 100 %, two months), § 31b Abs. 1 S. 2 (a Sperrzeit reduces from
    its start, and needs it: 422 naming `sperrzeit_from`), § 31b Abs. 1 S. 1 with § 39 Abs. 1 SGB X (handed over on
    31 July: the reduction starts in August; posted that day it would start in September)."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    refused = await determine(
        benefits,
        tokens,
        household_id,
        client_id,
        incident="work_refusal",
        occurred_on="2026-07-10",
        determined_on="2026-07-31",
        made_known_on="2026-07-31",
    )
    assert refused.status_code == 201, refused.text
    body = refused.json()
    assert (body["percent"], body["months"], body["first_month"]) == ("100", 2, "2026-08-01"), body
    assert "§ 31a Abs. 7" in body["paragraph"]
    before = {"occurred_on": "2026-07-10", "determined_on": "2026-07-31", "made_known_on": "2026-07-30"}
    early = await determine(benefits, tokens, household_id, client_id, **before)
    assert early.status_code == 422 and early.json()["errors"][0]["field"] == "made_known_on", early.text
    sperrzeit = {"incident": "sperrzeit", "occurred_on": "2026-07-03", "determined_on": "2026-07-24"}
    missing = await determine(benefits, tokens, household_id, client_id, **sperrzeit)
    assert missing.status_code == 422 and missing.json()["errors"][0]["field"] == "sperrzeit_from", missing.text
    started = await determine(benefits, tokens, household_id, client_id, **sperrzeit, sperrzeit_from="2026-07-04")
    assert started.status_code == 201, started.text
    assert (started.json()["first_month"], started.json()["percent"]) == ("2026-07-01", "30")


async def test_a_sperrzeit_from_the_17th_is_paid_reduced_by_days(benefits, kafka_server, tokens):
    """§ 31b Abs. 1 S. 2 with § 41 Abs. 1 S. 2–3: a Sperrzeit from 17 July 2026 (n.F., 30 % for three months,
    17.07.–16.10.) reduces July by 14 of 30 days (168.90 € × 14/30 = 78.82 €), August and September whole, October by
    16 days (90.08 €); the payment run pays each month's amount, November in full."""
    household_id, client_id = await granted_single(benefits, kafka_server.bootstrap_servers, tokens)
    terms = {"incident": "sperrzeit", "occurred_on": "2026-07-10", "sperrzeit_from": "2026-07-17"}
    response = await determine(benefits, tokens, household_id, client_id, **terms)
    assert response.status_code == 201, response.text
    reduction = response.json()
    assert (reduction["from_day"], reduction["until"], reduction["monthly_reduction"]) == (
        "2026-07-17",
        "2026-10-16",
        "78.82",
    )
    assert reduction["change_months"] == ["2026-07-01", "2026-08-01", "2026-10-01", "2026-11-01"]
    decision = (await benefits.http.get(f"/decisions/{reduction['decision_id']}", headers=clerk(tokens))).json()
    (line,) = [line for line in decision["result"]["explanation"] if line["kind"] == "reduction"]
    assert "§ 41 Abs. 1 S. 2–3" in line["paragraph"] and "14 von 30 Tagen (17.07.–31.07.2026)" in line["note"]
    assert decision["recomputed_identically"] is True
    assert await paid(benefits, tokens, household_id, JULY) == FULL - Decimal("78.82")
    path = f"/households/{household_id}/reductions/{reduction['reduction_id']}/months"
    for month, amount in (("2026-08-01", "934.10"), ("2026-10-01", "1012.92"), ("2026-11-01", str(FULL))):
        decided = await benefits.http.post(path, json={"month": month}, headers=clerk(tokens))
        assert decided.status_code == 200 and decided.json()["monthly_amount"] == amount, decided.text
        assert await paid(benefits, tokens, household_id, month) == Decimal(amount)


async def test_a_sperrzeit_is_lifted_by_day_and_the_payment_run_pays_in_full_from_then(benefits, kafka_server, tokens):
    """§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 n.F. with § 31b Abs. 1 S. 2, § 41 Abs. 1 S. 2–3: a Sperrzeit from 17 July
    (30 % for three months by days, 17.07.–16.10.), the duty fulfilled on 10 September: September is reduced for 9
    of 30 days (168.90 € × 9/30 = 50.67 €), October is paid in full — both decided with the lift, no timer needed;
    `reduction_lifted.v1` names the day. A lift
    after the period is over is refused naming `fulfilled_on`; only the household's office sees its reductions."""
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await granted_single(benefits, bootstrap, tokens)
    terms = {"incident": "sperrzeit", "occurred_on": "2026-07-10", "sperrzeit_from": "2026-07-17"}
    reduction = (await determine(benefits, tokens, household_id, client_id, **terms)).json()
    path = f"/households/{household_id}/reductions/{reduction['reduction_id']}"
    decided = await benefits.http.post(f"{path}/months", json={"month": "2026-08-01"}, headers=clerk(tokens))
    assert decided.status_code == 200 and decided.json()["monthly_amount"] == "934.10", decided.text
    assert await paid(benefits, tokens, household_id, "2026-08-01") == Decimal("934.10")

    late = await benefits.http.post(f"{path}/lift", json={"fulfilled_on": "2026-10-20"}, headers=clerk(tokens))
    assert late.status_code == 422 and late.json()["errors"][0]["field"] == "fulfilled_on", late.text
    lifted = await benefits.http.post(f"{path}/lift", json={"fulfilled_on": "2026-09-10"}, headers=clerk(tokens))
    assert lifted.status_code == 200, lifted.text
    assert (lifted.json()["lifted_from"], lifted.json()["lifted_on"]) == ("2026-09-10", "2026-09-10")

    decisions = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
    (september,) = [d for d in decisions if d["cause"] == "reduction_lifted" and d["effective_month"] == "2026-09-01"]
    decision = (await benefits.http.get(f"/decisions/{september['decision_id']}", headers=clerk(tokens))).json()
    (line,) = [line for line in decision["result"]["explanation"] if line["kind"] == "reduction"]
    assert "§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2 SGB II" in line["paragraph"]
    assert "9 von 30 Tagen (01.09.–09.09.2026), aufgehoben ab 10.09.2026" in line["note"]
    assert decision["recomputed_identically"] is True
    assert await paid(benefits, tokens, household_id, "2026-09-01") == FULL - Decimal("50.67")
    # October was decided with the lift, in its transaction: its run pays in full with no further call
    (full,) = [d for d in decisions if d["cause"] == "reduction_lifted" and d["effective_month"] == "2026-10-01"]
    assert (full["monthly_amount"], full["supersedes"]) == (str(FULL), september["decision_id"])
    assert await paid(benefits, tokens, household_id, "2026-10-01") == FULL
    # the hearing workflow's timer for October still asks: deciding it again changes nothing
    october = await benefits.http.post(f"{path}/months", json={"month": "2026-10-01"}, headers=clerk(tokens))
    assert october.status_code == 200 and october.json()["monthly_amount"] == str(FULL), october.text
    again = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
    assert len(again) == len(decisions)

    listed = await benefits.http.get(f"/households/{household_id}/reductions", headers=clerk(tokens))
    assert listed.status_code == 200, listed.text
    assert [(r["reduction_id"], r["lifted_from"]) for r in listed.json()] == [(reduction["reduction_id"], "2026-09-10")]
    elsewhere = await benefits.http.get(f"/households/{household_id}/reductions", headers=clerk(tokens, ("celle",)))
    assert elsewhere.status_code == 403, elsewhere.text

    def ours(records):
        return [e for e in envelopes(records) if getattr(e.data, "household_id", None) == household_id]

    def lifts(records):
        return [e.data for e in ours(records) if e.type.endswith("reduction_lifted.v1")]

    (announced,) = lifts(await read_until(bootstrap, topics.ENTITLEMENTS.name, lambda rs: len(lifts(rs)) >= 1))
    assert (announced.lifted_from.isoformat(), announced.lifted_on_day.isoformat()) == ("2026-09-01", "2026-09-10")
    assert announced.decision_id is not None
