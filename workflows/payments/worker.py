"""The payment run's worker: `payment_worker(client, settings)` for the main worker process, or
`python -m workflows.payments.worker` for extra worker processes (Python scales by processes)."""

from __future__ import annotations

import argparse
import asyncio
import logging

from temporalio.client import Client
from temporalio.worker import Worker

from workflows.payments.activities import PaymentActivities
from workflows.payments.schedule import ensure_schedule
from workflows.payments.workflow import TASK_QUEUE, MonthlyPaymentRun, PaymentRunTrigger
from workflows.settings import WorkerSettings
from workflows.startup import connect, run_until_stopped

log = logging.getLogger("lotse.payments")


def payment_worker(client: Client, settings: WorkerSettings, task_queue: str = TASK_QUEUE) -> Worker:
    activities = PaymentActivities(settings)
    return Worker(
        client,
        task_queue=task_queue,
        workflows=[MonthlyPaymentRun, PaymentRunTrigger],
        activities=[activities.plan, activities.pay_pages, activities.report],
    )


async def serve(
    settings: WorkerSettings, stop: asyncio.Event, task_queue: str = TASK_QUEUE, schedule: bool = True
) -> None:
    client = await connect(settings)
    if schedule:
        await ensure_schedule(client, task_queue=task_queue)
    async with payment_worker(client, settings, task_queue):
        log.info("payment worker on task queue %r", task_queue)
        await stop.wait()


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="A worker for the monthly payment run (settings: LOTSE_WORKER_*).")
    parser.add_argument("--task-queue", default=TASK_QUEUE)
    parser.add_argument("--no-schedule", action="store_true", help="do not create/update the schedule")
    args = parser.parse_args(argv)
    settings = WorkerSettings()
    run_until_stopped(lambda stop: serve(settings, stop, args.task_queue, schedule=not args.no_schedule))


if __name__ == "__main__":
    main()
