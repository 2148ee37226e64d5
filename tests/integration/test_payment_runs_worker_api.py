"""The worker's payment runs API (POST /payment-runs, GET /payment-runs/{month}) against the Temporal dev server,
a payments worker and benefits over HTTP on SQLite: an operator starts a past month's run once however often it
is asked, reads its figures, and nobody else may; months the run may not pay are refused naming `month`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import uuid4

import httpx
import pytest
from temporalio.client import Client

from services.platform.auth.staff import Role
from services.platform.database import create_engine
from tests.integration.journey_support import TEST_KEY, serving
from tests.support.kafka_reading import eventually
from tests.support.payment_roll import entitlement, generated_roll, paid_twice, payments_of, seed
from tests.support.staff import TokenIssuer
from workflows.journey_api import create_app
from workflows.payment_runs_api import PaymentRuns
from workflows.payments.calendar import berlin_date
from workflows.payments.run_months import next_month
from workflows.payments.worker import payment_worker
from workflows.settings import WorkerSettings

MONTH = date(2025, 9, 1)  # a month of the demo's past calendar


@dataclass
class Api:
    http: httpx.AsyncClient
    client: Client
    runs: PaymentRuns
    benefits_db: Any


@pytest.fixture(scope="module")
async def api(journey_client, kafka_server, tokens, tmp_path_factory) -> AsyncIterator[Api]:
    public_key = await asyncio.to_thread(Path(tokens.public_key).read_bytes)
    directory = tmp_path_factory.mktemp("payment-runs-api")
    queue = f"payments-{uuid4().hex[:8]}"
    async with serving("benefits", directory, kafka_server.bootstrap_servers, tokens) as benefits:
        settings = WorkerSettings(
            codec_key_file=TEST_KEY, jwt_signing_key_file=tokens.private_key, benefits_url=benefits.url
        )
        runs = PaymentRuns(journey_client, prefix=f"t{queue}", task_queue=queue)  # apart from other tests' runs
        app = create_app(journey_client, public_key, "lotse-dev", "lotse", payment_runs=runs)
        engine = create_engine(f"sqlite+aiosqlite:///{directory / 'benefits.db'}")
        async with (
            payment_worker(journey_client, settings, queue),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://worker", timeout=30) as http,
        ):
            yield Api(http, journey_client, runs, engine)
        await engine.dispose()


def operator(tokens: TokenIssuer) -> dict[str, str]:
    return tokens.headers(Role.OPERATOR, staff_id="operator-1")


async def completed(api: Api, tokens, month: date) -> dict[str, Any]:
    """The run's answer once it has completed (polled, as the demo's payments desk does)."""
    answer: dict[str, Any] = {}

    async def done() -> bool:
        nonlocal answer
        response = await api.http.get(f"/payment-runs/{month:%Y-%m}", headers=operator(tokens))
        assert response.status_code == 200, response.text
        answer = response.json()
        return bool(answer["status"] == "completed")

    await eventually(done, timeout=60, interval=0.5)
    return answer


async def test_the_same_past_month_asked_for_twice_is_one_run_that_pays_each_household_once(api, tokens):
    roll = generated_roll(12, unknown_office=1)
    for row in roll.rows:  # the roll of September 2025 only
        row["period_start"], row["period_end"] = MONTH, date(2025, 9, 30)
    await seed(api.benefits_db, [*roll.rows, entitlement("plon", Decimal("480.00"), start=date(2025, 10, 1))])

    first, second = await asyncio.gather(
        *(api.http.post("/payment-runs", json={"month": "2025-09-01"}, headers=operator(tokens)) for _ in range(2))
    )
    assert {first.status_code, second.status_code} <= {200, 202}, (first.text, second.text)
    assert first.json()["run_id"] == second.json()["run_id"] == api.runs.run_id(MONTH)
    execution = (await api.client.get_workflow_handle(api.runs.run_id(MONTH)).describe()).run_id

    answer = await completed(api, tokens, MONTH)
    assert answer["paid_count"] == 12 and Decimal(answer["paid_sum"]) == roll.sum()
    assert answer["failed_count"] == 1 and answer["reconciled"] is True and answer["expected_count"] == 13

    again = await api.http.post("/payment-runs", json={"month": "2025-09-01"}, headers=operator(tokens))
    assert again.status_code == 200 and again.json() == answer
    assert (await api.client.get_workflow_handle(api.runs.run_id(MONTH)).describe()).run_id == execution
    payments = await payments_of(api.benefits_db, MONTH)
    assert len(payments) == 12 and not paid_twice(payments)
    assert await payments_of(api.benefits_db, date(2025, 10, 1)) == []


async def test_only_an_operator_for_every_office_starts_or_reads_a_run(api, tokens):
    month = date(2024, 3, 1)
    body = {"month": month.isoformat()}
    for headers in (
        tokens.headers(Role.BENEFITS_CLERK),
        tokens.headers(Role.JOURNEY_WORKER),
        tokens.headers(Role.OPERATOR, offices=("plon",)),
    ):
        assert (await api.http.post("/payment-runs", json=body, headers=headers)).status_code == 403
        assert (await api.http.get("/payment-runs/2024-03", headers=headers)).status_code == 403
    assert (await api.http.post("/payment-runs", json=body)).status_code == 401
    missing = await api.http.get("/payment-runs/2024-03", headers=operator(tokens))
    assert missing.status_code == 404, "a refused request started no run"

    started = await api.http.post("/payment-runs", json=body, headers=operator(tokens))
    assert started.status_code in (200, 202) and started.json()["month"] == "2024-03-01"
    answer = await completed(api, tokens, month)
    assert answer["paid_count"] == 0 and answer["reconciled"] is True  # nobody owed: a run that pays nothing


async def test_a_month_the_run_may_not_pay_is_refused_naming_month(api, tokens):
    today = berlin_date(datetime.now(UTC))
    beyond = next_month(next_month(today.replace(day=1)))
    cases = {
        "2025-09-15": "not the first day of a month",
        "2022-12-01": "before 2023-01, the first month of the rule tables",
        beyond.isoformat(): "beyond next month",
    }
    for month, reason in cases.items():
        response = await api.http.post("/payment-runs", json={"month": month}, headers=operator(tokens))
        assert response.status_code == 422, response.text
        (error,) = response.json()["errors"]
        assert error["field"] == "month" and reason in error["reason"], error
    for body in ({"month": "September"}, {}, {"month": "2025-09-01", "shards": 4}):
        response = await api.http.post("/payment-runs", json=body, headers=operator(tokens))
        assert response.status_code == 422, response.text
        assert response.json()["errors"][0]["field"] in ("month", "shards"), response.text
    for path in ("2025-13", "0000-01", "2025-9", "2025-09-02", "٢٠٢٥-09"):
        bad_path = await api.http.get(f"/payment-runs/{path}", headers=operator(tokens))
        assert bad_path.status_code == 422 and bad_path.json()["errors"][0]["field"] == "month", path
    assert (await api.http.get(f"/payment-runs/{beyond:%Y-%m}", headers=operator(tokens))).status_code == 404


async def test_a_supplementary_run_pays_only_the_households_decided_after_the_months_run(api, tokens):
    """§ 42 Abs. 1 SGB II pays a month in advance; a household decided after its month's run is still owed that
    month. A supplementary run of the completed month pays it — and only it: a plain repeat answers the run as it
    is, and nobody is paid twice."""
    month = date(2024, 11, 1)  # a month no other test's entitlement covers
    first_roll = [entitlement("plon", Decimal("700.00"), start=month, end=date(2024, 11, 30)) for _ in range(3)]
    await seed(api.benefits_db, first_roll)
    started = await api.http.post("/payment-runs", json={"month": "2024-11-01"}, headers=operator(tokens))
    assert started.status_code in (200, 202), started.text
    answer = await completed(api, tokens, month)
    assert answer["paid_count"] == 3 and Decimal(answer["paid_sum"]) == Decimal("2100.00")
    first_execution = (await api.client.get_workflow_handle(api.runs.run_id(month)).describe()).run_id

    await seed(api.benefits_db, [entitlement("celle", Decimal("512.30"), start=month, end=date(2024, 11, 30))])
    repeat = await api.http.post("/payment-runs", json={"month": "2024-11-01"}, headers=operator(tokens))
    assert repeat.status_code == 200 and repeat.json()["paid_count"] == 3, "a plain repeat starts nothing"

    body = {"month": "2024-11-01", "supplementary": True}
    supplementary = await api.http.post("/payment-runs", json=body, headers=operator(tokens))
    assert supplementary.status_code in (200, 202), supplementary.text
    answer = await completed(api, tokens, month)
    assert answer["paid_count"] == 4 and Decimal(answer["paid_sum"]) == Decimal("2612.30"), answer
    assert answer["reconciled"] is True
    assert (await api.client.get_workflow_handle(api.runs.run_id(month)).describe()).run_id != first_execution
    payments = await payments_of(api.benefits_db, month)
    assert len(payments) == 4 and not paid_twice(payments)
