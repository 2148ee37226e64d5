"""`python -m workflows.bridge_process`: the event→signal bridge alone, one more member of its consumer groups.

The worker process runs a bridge too (unless `LOTSE_WORKER_BRIDGE_IN_WORKER=false`); each process
started from here shares the topics' partitions with it (`lotse-stack run --bridges N`). Reads the
worker's `LOTSE_WORKER_*` settings, of which it needs Temporal, Kafka and the payload codec key.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator

from temporalio.client import Client

from workflows.bridge import JourneyBridge
from workflows.bridge_consumer import consuming
from workflows.settings import BridgeSettings
from workflows.startup import connect, run_until_stopped

log = logging.getLogger("lotse.bridge")


@contextlib.asynccontextmanager
async def journey_bridge(client: Client, settings: BridgeSettings, enabled: bool = True) -> AsyncIterator[None]:
    """The event→signal bridge, consuming until the block ends (nothing when not `enabled`)."""
    if not enabled:
        yield
        return
    bridge = JourneyBridge(client, settings.task_queue, settings.journey_policy())
    async with consuming(
        bridge.subscriptions(),
        settings.kafka_bootstrap_servers,
        settings.bridge_max_in_flight,
        settings.bridge_commit_seconds,
    ):
        yield


async def serve(settings: BridgeSettings, stop: asyncio.Event) -> None:
    client = await connect(settings)
    async with journey_bridge(client, settings):
        log.info("bridge for task queue %r consuming from %s", settings.task_queue, settings.kafka_bootstrap_servers)
        await stop.wait()


def main() -> None:
    settings = BridgeSettings()
    run_until_stopped(lambda stop: serve(settings, stop))


if __name__ == "__main__":
    main()
