"""The monthly payment run end to end: Temporal dev server, the benefits service as its own process on
PostgreSQL with its outbox relay, Kafka. A roll of 17,500 households (Gütersloh's monthly payments) plus
three the run must refuse; each household paid once per month whatever crashes in between."""

from __future__ import annotations

import asyncio
import os
import sys
import uuid
from collections import Counter
from datetime import date, timedelta

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine
from temporalio.api.sdk.v1 import WorkflowMetadata
from temporalio.client import Client
from temporalio.worker import Replayer

from contracts import topics
from deploy.launcher.process import ManagedProcess
from services.platform.database import create_engine
from services.platform.migrations import upgrade_async
from tests.support.kafka_reading import envelopes, eventually, read_until
from tests.support.payment_roll import Roll, failures_of, generated_roll, paid_twice, payment_count, payments_of, seed
from tests.support.service_process import REPO_ROOT, ServiceProcess
from workflows.codec import encrypted_data_converter, ensure_key, load_key
from workflows.payments.calendar import berlin_date
from workflows.payments.models import RunOptions, RunResult, RunState, TriggerInput, TriggerOutcome
from workflows.payments.schedule import ensure_schedule, start_run
from workflows.payments.worker import payment_worker
from workflows.payments.workflow import MonthlyPaymentRun, PaymentRunTrigger
from workflows.settings import WorkerSettings

HOUSEHOLDS = 17_500
pytestmark = pytest.mark.postgres


class Stack:
    def __init__(
        self,
        roll: Roll,
        engine: AsyncEngine,
        benefits: ServiceProcess,
        settings: WorkerSettings,
        client: Client,
        bootstrap: str,
    ) -> None:
        self.roll, self.engine, self.benefits = roll, engine, benefits
        self.settings, self.client, self.bootstrap = settings, client, bootstrap

    def worker_process(self, task_queue: str, log_dir) -> ManagedProcess:
        """A payments worker in its own process (`python -m workflows.payments.worker`), to be killed."""
        env = {
            **os.environ,
            "LOTSE_WORKER_TEMPORAL_ADDRESS": self.settings.temporal_address,
            "LOTSE_WORKER_CODEC_KEY_FILE": str(self.settings.codec_key_file),
            "LOTSE_WORKER_JWT_SIGNING_KEY_FILE": str(self.settings.jwt_signing_key_file),
            "LOTSE_WORKER_BENEFITS_URL": self.settings.benefits_url,
        }
        argv = [sys.executable, "-m", "workflows.payments.worker", "--task-queue", task_queue, "--no-schedule"]
        return ManagedProcess("payments-worker", argv, log_dir / "payments-worker.log", env=env, cwd=REPO_ROOT)


@pytest.fixture(scope="module")
async def stack(postgres_cluster, kafka_server, temporal_server, tokens, tmp_path_factory):
    name = f"payrun_{uuid.uuid4().hex[:10]}"
    await asyncio.to_thread(postgres_cluster.create_database, name)
    url = postgres_cluster.dsn(name)
    await upgrade_async("benefits", url)
    roll = generated_roll(HOUSEHOLDS, unknown_office=2, over_limit=1)
    engine = create_engine(url)
    await seed(engine, roll.rows)
    logs = tmp_path_factory.mktemp("payment-run")
    benefits = await asyncio.to_thread(
        ServiceProcess("benefits", url, kafka_server.bootstrap_servers, tokens.public_key, logs, consumers=False).start
    )
    settings = WorkerSettings(
        temporal_address=temporal_server.target,
        codec_key_file=logs / "codec.key",
        jwt_signing_key_file=tokens.private_key,
        benefits_url=benefits.url,
    )
    key = load_key(ensure_key(settings.codec_key_file))
    client = await Client.connect(temporal_server.target, data_converter=encrypted_data_converter(key))
    yield Stack(roll, engine, benefits, settings, client, kafka_server.bootstrap_servers)
    await asyncio.to_thread(benefits.stop)
    await engine.dispose()


def queue() -> str:
    return f"payments-{uuid.uuid4().hex[:8]}"


async def announced(stack: Stack, run_id: str) -> list:
    """The PaymentOrderedV1 events of one run for this roll's households, read until each was announced."""
    households = {r["household_id"] for r in stack.roll.rows}  # other tests pay other rolls, maybe the same month
    ours: list = []
    parsed = 0

    def everyone(records) -> bool:
        nonlocal parsed  # parse each record once, not the whole topic on every poll
        ours.extend(
            e
            for e in envelopes(records[parsed:])
            if getattr(e.data, "run_id", None) == run_id and e.data.household_id in households
        )
        parsed = len(records)
        return len({e.data.household_id for e in ours}) >= HOUSEHOLDS

    await read_until(stack.bootstrap, topics.PAYMENTS.name, everyone, timeout=90)
    return ours


async def assert_each_household_paid_once(stack: Stack, month: date) -> None:
    payments = await payments_of(stack.engine, month)
    assert len(payments) == HOUSEHOLDS and not paid_twice(payments)
    assert {h for _, h, _ in payments} == {r["household_id"] for r in stack.roll.payable}
    assert sum(a for _, _, a in payments) == stack.roll.sum()
    assert set(await failures_of(stack.engine, month)) == {r["household_id"] for r in stack.roll.refused}


async def test_the_month_pays_every_household_once_reconciles_and_announces_each_payment_once(stack):
    month, task_queue = date(2031, 1, 1), queue()
    options = RunOptions(batch_size=500, pages_per_activity=4, shards=2, continue_as_new_after=2)
    async with payment_worker(stack.client, stack.settings, task_queue):
        handle = await start_run(stack.client, month, options, task_queue=task_queue, prefix=f"t{task_queue}")
        result = await handle.result()
        progress = await handle.query("progress", result_type=RunState)

        assert result.state.totals.paid_count == HOUSEHOLDS and result.state.totals.failed_count == 3
        assert result.state.totals.paid_sum == stack.roll.sum()
        assert result.state.continued_as_new >= 2 and progress.finished
        details = (await handle.query("__temporal_workflow_metadata", result_type=WorkflowMetadata)).current_details
        assert details.startswith(
            f"t{task_queue}-2031-01: paid 17,500 of ~17,503 ({stack.roll.sum():,} EUR), 3 failed; cursor done"
        )
        assert details.endswith("reconciled: True")
        replayer = Replayer(
            workflows=[MonthlyPaymentRun, PaymentRunTrigger], data_converter=stack.client.data_converter
        )
        await replayer.replay_workflow(await handle.fetch_history())  # deterministic with shards, continue-as-new
        report = result.report
        assert (report.paid_count, report.failed_count, report.paid_sum) == (HOUSEHOLDS, 3, stack.roll.sum())
        assert report.reconciliation.reconciled and report.reconciliation.payable_count == HOUSEHOLDS + 3
        assert {o.office_id: o.paid_count for o in report.offices if o.paid_count} == {
            office: HOUSEHOLDS // 5 for office in ("celle", "heikendorf", "lutjenburg", "plon", "preetz")
        }
        assert sorted(f.reason[:20] for f in report.failures) == ["amount 12500.00 EUR ", *["office 'gutersloh' h"] * 2]
        await assert_each_household_paid_once(stack, month)

        events = await announced(stack, "payments-2031-01")
        assert len(events) == HOUSEHOLDS  # no duplicates without a crash
        assert Counter(e.data.household_id for e in events).most_common(1)[0][1] == 1
        assert sum(e.data.amount for e in events) == stack.roll.sum()

        again = await start_run(
            stack.client, month, options, task_queue=task_queue, prefix=f"t{task_queue}", again=True
        )
        rerun: RunResult = await again.result()
        assert again.result_run_id != handle.result_run_id
        assert rerun.state.totals.paid_count == 0 and rerun.report.paid_count == HOUSEHOLDS
        assert await payment_count(stack.engine, month) == HOUSEHOLDS


async def test_a_run_whose_worker_and_service_crash_midway_resumes_and_pays_everyone_exactly_once(stack, tmp_path):
    month, task_queue = date(2031, 2, 1), queue()
    options = RunOptions(
        batch_size=500,
        pages_per_activity=15,
        heartbeat_timeout=timedelta(seconds=3),
        request_timeout=timedelta(seconds=2.5),
        retry_max_interval=timedelta(seconds=2),
    )
    first_worker = stack.worker_process(task_queue, tmp_path).start()
    handle = await start_run(stack.client, month, options, task_queue=task_queue, prefix=f"t{task_queue}")

    await eventually(lambda: paid_at_least(stack, month, 3_000), timeout=60, interval=0.05)
    first_worker.kill()  # mid-activity: its heartbeats stop, the attempt times out after 3 s
    second_worker = stack.worker_process(task_queue, tmp_path).start()
    await eventually(lambda: paid_at_least(stack, month, 9_000), timeout=60, interval=0.05)
    stack.benefits.kill()  # mid-batch: the open transaction rolls back, the relay stops mid-send
    await asyncio.sleep(1)
    await asyncio.to_thread(stack.benefits.start)
    try:
        result = await asyncio.wait_for(handle.result(), timeout=120)
    finally:
        second_worker.stop()

    assert result.state.resumed_from_heartbeat >= 2
    assert result.state.totals.paid_count == HOUSEHOLDS  # exact: replayed batches answer from the idempotency store
    assert result.report.reconciliation.reconciled
    await assert_each_household_paid_once(stack, month)
    await assert_announced_once(stack, "payments-2031-02")


async def test_a_run_terminated_midway_is_started_again_and_pays_only_the_rest(stack):
    month, task_queue = date(2031, 3, 1), queue()
    options = RunOptions(batch_size=500, pages_per_activity=15)
    async with payment_worker(stack.client, stack.settings, task_queue):
        first = await start_run(stack.client, month, options, task_queue=task_queue, prefix=f"t{task_queue}")
        await eventually(lambda: paid_at_least(stack, month, 6_000), timeout=60, interval=0.05)
        await first.terminate("operator stopped the run")
        paid_before = await payment_count(stack.engine, month)
        # Same id: a terminated run may be started again (ALLOW_DUPLICATE_FAILED_ONLY). Its activity may still
        # be finishing a batch until its next heartbeat — the database keeps the two from paying anyone twice.
        second = await start_run(stack.client, month, options, task_queue=task_queue, prefix=f"t{task_queue}")
        result = await asyncio.wait_for(second.result(), timeout=120)

    assert second.result_run_id != first.result_run_id
    assert 0 < result.state.totals.paid_count <= HOUSEHOLDS - paid_before
    assert result.report.paid_count == HOUSEHOLDS and result.report.reconciliation.reconciled
    await assert_each_household_paid_once(stack, month)
    await assert_announced_once(stack, "payments-2031-03")


async def assert_announced_once(stack: Stack, run_id: str) -> None:
    events = await announced(stack, run_id)
    # The relay delivers at least once: a crash may resend an event, never mint a second payment.
    assert len({e.id for e in events}) == len({e.data.payment_id for e in events}) == HOUSEHOLDS
    assert len({e.data.household_id for e in events}) == HOUSEHOLDS


async def paid_at_least(stack: Stack, month: date, count: int) -> bool:
    return await payment_count(stack.engine, month) >= count


async def test_the_trigger_starts_the_months_run_once_from_its_first_working_day(stack):
    task_queue = queue()
    prefix = f"t{task_queue}"
    async with payment_worker(stack.client, stack.settings, task_queue):

        async def trigger(day: date) -> TriggerOutcome:
            return await stack.client.execute_workflow(
                PaymentRunTrigger.run,
                TriggerInput(today=day, run_id_prefix=prefix),
                id=f"{prefix}-trigger-{day}",
                task_queue=task_queue,
            )

        holiday = await trigger(date(2030, 5, 1))  # a Wednesday, Tag der Arbeit
        assert (holiday.started, holiday.first_working_day) == (None, date(2030, 5, 2))
        due = await trigger(date(2030, 5, 2))
        assert due.started == f"{prefix}-2030-05"
        later = await trigger(date(2030, 5, 3))
        assert later.started is None and "already running or has completed" in later.note

        result = await stack.client.get_workflow_handle(due.started, result_type=RunResult).result()
        assert result.report.paid_count == 0 and result.report.reconciliation.reconciled  # nobody owed in 2030


async def test_the_schedule_fires_on_the_first_weekdays_at_six_in_berlin_and_passes_its_date_on(stack):
    task_queue, schedule_id = queue(), f"monthly-payment-run-{uuid.uuid4().hex[:8]}"
    trigger = TriggerInput(run_id_prefix=f"t{task_queue}")
    await ensure_schedule(stack.client, schedule_id=schedule_id, task_queue=task_queue, trigger=trigger)
    handle = stack.client.get_schedule_handle(schedule_id)
    try:
        await handle.pause(note="operator: hold the run")
        await ensure_schedule(stack.client, schedule_id=schedule_id, task_queue=task_queue, trigger=trigger)  # deploy
        schedule = (await handle.describe()).schedule
        assert schedule.state.paused and schedule.state.note == "operator: hold the run"
        await handle.unpause()
        (calendar,) = schedule.spec.calendars
        assert schedule.spec.time_zone_name == "Europe/Berlin"
        assert [(r.start, r.end) for r in calendar.day_of_month] == [(1, 7)]
        assert [(r.start, r.end) for r in calendar.day_of_week] == [(1, 5)]
        assert [r.start for r in calendar.hour] == [6] and schedule.policy.overlap.name == "SKIP"

        async with payment_worker(stack.client, stack.settings, task_queue):
            await handle.trigger()
            await eventually(lambda: recent_action(handle), timeout=30)
            action = await recent_action(handle)
            outcome = await stack.client.get_workflow_handle(
                action.action.workflow_id, result_type=TriggerOutcome
            ).result()
            assert outcome.today == berlin_date(action.scheduled_at)
            if outcome.started:  # due this month: the run pays nobody (the roll is for 2031)
                run = await stack.client.get_workflow_handle(outcome.started, result_type=RunResult).result()
                assert run.report.paid_count == 0
    finally:
        await handle.delete()


async def recent_action(handle):
    actions = (await handle.describe()).info.recent_actions
    return actions[-1] if actions else None
