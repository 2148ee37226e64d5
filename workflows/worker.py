"""`python -m workflows.worker`: the Temporal worker for journeys plus the event→signal bridge."""

from __future__ import annotations

import asyncio
import logging
import signal

from faststream.kafka import KafkaBroker
from temporalio.client import Client
from temporalio.worker import Worker

from workflows.bridge import JourneyBridge
from workflows.codec import encrypted_data_converter, load_or_create_key
from workflows.journey.workflow import ClientJourney
from workflows.settings import WorkerSettings

log = logging.getLogger("lotse.worker")
WORKFLOWS = [ClientJourney]


async def connect(settings: WorkerSettings) -> Client:
    converter = encrypted_data_converter(load_or_create_key(settings.codec_key_file))
    return await Client.connect(settings.temporal_address, namespace=settings.temporal_namespace,
                                data_converter=converter)


def journey_worker(client: Client, task_queue: str) -> Worker:
    return Worker(client, task_queue=task_queue, workflows=WORKFLOWS)


async def serve(settings: WorkerSettings, stop: asyncio.Event) -> None:
    client = await connect(settings)
    broker = KafkaBroker(settings.kafka_bootstrap_servers, client_id="journey-bridge", logger=log)
    JourneyBridge(client, settings.task_queue).attach(broker)
    async with journey_worker(client, settings.task_queue):
        await broker.start()
        log.info("worker on task queue %r, bridge consuming from %s", settings.task_queue,
                 settings.kafka_bootstrap_servers)
        await stop.wait()
        await broker.stop()


def main() -> None:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    settings = WorkerSettings()
    stop = asyncio.Event()

    async def run() -> None:
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(settings, stop)

    asyncio.run(run())


if __name__ == "__main__":
    main()
