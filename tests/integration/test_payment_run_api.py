"""The payment run's HTTP side on SQLite and PostgreSQL: exactly once per household and month, failures
with reasons, shards that cover the roll, a reconciled report, idempotent retries and who may do what."""

from __future__ import annotations

import asyncio
from datetime import date, datetime, timedelta
from decimal import Decimal
from itertools import pairwise
from uuid import uuid4

import pytest
from sqlalchemy import func, select, update

from services.benefits.app import DEFINITION
from services.benefits.tables import ENTITLEMENT_MONTHS
from services.platform.auth.staff import Role
from tests.support.payment_roll import (
    entitlement,
    failures_of,
    generated_roll,
    paid_twice,
    payments_of,
    seed,
)
from tests.support.running_service import running_service

MONTH = date(2031, 6, 1)
PATH = "/payment-runs/2031-06"
PAYMENT_ORDERED = "de.lotse.benefits.payment_ordered.v1"


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service(
        "benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key, start_consumers=False
    ) as service:  # the outbox relay runs; no consumers needed
        yield service


def worker(tokens):
    return tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")


async def pay_all(benefits, tokens, *, limit: int, after=None, until=None) -> list[dict]:
    """Batches until done, each with its own idempotency key; the replies in order."""
    replies = []
    while True:
        body = {"after": str(after) if after else None, "limit": limit, "until": str(until) if until else None}
        response = await benefits.http.post(
            f"{PATH}/batches", json=body, headers={**worker(tokens), "Idempotency-Key": f"t-{uuid4()}"}
        )
        assert response.status_code == 200, response.text
        replies.append(response.json())
        after = replies[-1]["last_household_id"]
        if replies[-1]["done"]:
            return replies


async def announced(benefits) -> int:
    outbox = DEFINITION.tables.outbox
    async with benefits.runtime.engine.connect() as connection:
        return int(
            await connection.scalar(
                select(func.count()).select_from(outbox).where(outbox.c.event_type == PAYMENT_ORDERED)
            )
            or 0
        )


async def test_each_owed_household_is_paid_once_and_announced_once_however_often_the_month_is_run(benefits, tokens):
    roll = generated_roll(47, unknown_office=2, over_limit=1)
    not_owed = [
        entitlement("plon", Decimal("500.00"), active=False),
        entitlement("plon", Decimal("500.00"), start=date(2031, 7, 1)),
        entitlement("plon", Decimal("0.00")),
    ]
    await seed(benefits.runtime.engine, roll.rows + not_owed)

    first = await pay_all(benefits, tokens, limit=20)
    assert [r["done"] for r in first] == [False, False, True]
    assert sum(r["paid_count"] for r in first) == 47
    assert sum(Decimal(r["paid_sum"]) for r in first) == roll.sum()
    reasons = sorted(f["reason"] for r in first for f in r["failures"])
    assert len(reasons) == 3 and "Vier-Augen-Prinzip" in reasons[0]
    assert reasons[1:] == ["office 'gutersloh' has no cash office (Kasse) to pay from"] * 2

    again = await pay_all(benefits, tokens, limit=7)
    assert sum(r["paid_count"] for r in again) == 0
    payments = await payments_of(benefits.runtime.engine, MONTH)
    assert len(payments) == 47 and not paid_twice(payments)
    assert await announced(benefits) == 47
    assert len(await failures_of(benefits.runtime.engine, MONTH)) == 3

    report = (await benefits.http.get(PATH, headers=tokens.headers(Role.BENEFITS_CLERK))).json()
    assert report["paid_count"] == 47 and Decimal(report["paid_sum"]) == roll.sum()
    assert {o["office_id"]: o["paid_count"] for o in report["offices"]} == {
        "celle": 9,
        "heikendorf": 9,
        "lutjenburg": 9,
        "plon": 10,
        "preetz": 10,
        "gutersloh": 0,
    }
    assert report["reconciliation"] | {"payable_sum": None, "paid_sum": None, "failed_sum": None} == {
        "payable_count": 50,
        "paid_count": 47,
        "failed_count": 3,
        "unaccounted_count": 0,
        "paid_not_payable_count": 0,
        "reconciled": True,
        "payable_sum": None,
        "paid_sum": None,
        "failed_sum": None,
    }


async def test_a_household_fixed_after_the_run_is_paid_by_the_next_run_and_leaves_the_failures(benefits, tokens):
    roll = generated_roll(5, unknown_office=1)
    newcomer = entitlement("celle", Decimal("700.00"))
    await seed(benefits.runtime.engine, roll.rows)
    await pay_all(benefits, tokens, limit=100)
    (failed,) = (await failures_of(benefits.runtime.engine, MONTH)).keys()

    async with benefits.runtime.engine.begin() as connection:
        await connection.execute(
            update(ENTITLEMENT_MONTHS).where(ENTITLEMENT_MONTHS.c.household_id == failed).values(office_id="preetz")
        )
    await seed(benefits.runtime.engine, [newcomer])
    before = (await benefits.http.get(PATH, headers=worker(tokens))).json()["reconciliation"]
    assert before["unaccounted_count"] == 1 and not before["reconciled"]

    replies = await pay_all(benefits, tokens, limit=100)
    assert sum(r["paid_count"] for r in replies) == 2
    assert await failures_of(benefits.runtime.engine, MONTH) == {}
    after = (await benefits.http.get(PATH, headers=worker(tokens))).json()["reconciliation"]
    assert after["paid_count"] == 7 and after["reconciled"]


async def test_the_run_report_gives_its_moments_with_their_timezone(benefits, tokens):
    await seed(benefits.runtime.engine, generated_roll(3).rows)
    await pay_all(benefits, tokens, limit=100)
    report = (await benefits.http.get(PATH, headers=worker(tokens))).json()
    for moment in (report["started_at"], report["last_ordered_at"]):  # OpenAPI says date-time: with an offset
        assert datetime.fromisoformat(moment).utcoffset() == timedelta(0), moment


async def test_shards_of_the_plan_cover_the_roll_without_overlap(benefits, tokens):
    roll = generated_roll(100)
    await seed(benefits.runtime.engine, roll.rows)
    plan = (await benefits.http.get(f"{PATH}/plan", params={"shards": 3}, headers=worker(tokens))).json()
    assert plan["payable_count"] == 100 and Decimal(plan["payable_sum"]) == roll.sum()
    parts = plan["partitions"]
    assert len(parts) == 3 and parts[0]["after"] is None and parts[-1]["until"] is None
    assert all(a["until"] == b["after"] for a, b in pairwise(parts))

    paid = [
        sum(r["paid_count"] for r in await pay_all(benefits, tokens, limit=9, after=p["after"], until=p["until"]))
        for p in parts
    ]
    assert sum(paid) == 100 and min(paid) >= 33
    assert not paid_twice(await payments_of(benefits.runtime.engine, MONTH))


async def test_a_retried_batch_gets_the_first_reply_and_pays_nothing_more(benefits, tokens):
    await seed(benefits.runtime.engine, generated_roll(10).rows)
    headers = {**worker(tokens), "Idempotency-Key": "payments-2031-06/run/0/start"}
    first = await benefits.http.post(f"{PATH}/batches", json={"limit": 6}, headers=headers)
    second = await benefits.http.post(f"{PATH}/batches", json={"limit": 6}, headers=headers)
    assert first.json() == second.json() and second.headers["idempotent-replayed"] == "true"
    assert first.json()["paid_count"] == 6 and await announced(benefits) == 6
    other_month = await benefits.http.post("/payment-runs/2031-07/batches", json={"limit": 6}, headers=headers)
    assert other_month.status_code == 422 and other_month.json()["errors"][0]["field"] == "Idempotency-Key"


@pytest.mark.parametrize("database_backend", ["postgres"])
async def test_concurrent_batches_over_the_same_page_pay_each_household_once(benefits, tokens):
    roll = generated_roll(300)
    await seed(benefits.runtime.engine, roll.rows)
    replies = await asyncio.gather(
        *(
            benefits.http.post(
                f"{PATH}/batches",
                json={"limit": 300},
                headers={**worker(tokens), "Idempotency-Key": f"race-{n}-{uuid4()}"},
            )
            for n in range(4)
        )
    )
    assert [r.status_code for r in replies] == [200] * 4, [r.text for r in replies]
    assert sum(r.json()["paid_count"] for r in replies) == 300
    assert sum(Decimal(r.json()["paid_sum"]) for r in replies) == roll.sum()
    assert len(await payments_of(benefits.runtime.engine, MONTH)) == 300 and await announced(benefits) == 300


async def test_who_may_run_and_read_a_payment_run(benefits, tokens):
    await seed(
        benefits.runtime.engine, [entitlement("plon", Decimal("600.00")), entitlement("celle", Decimal("600.00"))]
    )
    clerk = tokens.headers(Role.BENEFITS_CLERK)
    assert (await benefits.http.post(f"{PATH}/batches", json={}, headers=clerk)).status_code == 403
    one_office = tokens.headers(Role.OPERATOR, offices=("plon",))
    assert (await benefits.http.post(f"{PATH}/batches", json={}, headers=one_office)).status_code == 403
    assert (await benefits.http.get(PATH, headers=clerk)).status_code == 404
    assert (
        await benefits.http.post(f"{PATH}/batches", json={}, headers=tokens.headers(Role.OPERATOR))
    ).status_code == 200

    report = (await benefits.http.get(PATH, headers=tokens.headers(Role.BENEFITS_CLERK, offices=("plon",)))).json()
    assert [o["office_id"] for o in report["offices"]] == ["plon"] and report["paid_count"] == 2
    too_big = await benefits.http.post(f"{PATH}/batches", json={"limit": 5001}, headers=worker(tokens))
    assert too_big.status_code == 422 and too_big.json()["errors"][0]["field"] == "limit"
    not_a_month = await benefits.http.post("/payment-runs/2031-13/batches", json={}, headers=worker(tokens))
    assert not_a_month.json()["errors"] == [
        {"field": "month", "reason": "'2031-13' is not a month in the form YYYY-MM"}
    ]
