"""Start-up shared by the worker processes (`workflows.worker`, `workflows.payments.worker`).

`connect` opens the Temporal client with the payload codec (the key is loaded, never made
here); `run_until_stopped` runs a serve function until SIGINT or SIGTERM.
"""

from __future__ import annotations

import asyncio
import logging
import signal
from collections.abc import Awaitable, Callable

from temporalio.client import Client

from workflows.codec import encrypted_data_converter, load_key
from workflows.settings import BridgeSettings

LOG_FORMAT = "%(asctime)s %(levelname)s %(name)s: %(message)s"


async def connect(settings: BridgeSettings) -> Client:
    converter = encrypted_data_converter(load_key(settings.codec_key_file), settings.payload_keys_dir)
    return await Client.connect(
        settings.temporal_address, namespace=settings.temporal_namespace, data_converter=converter
    )


def run_until_stopped(serve: Callable[[asyncio.Event], Awaitable[None]]) -> None:
    """Logging on, then `serve(stop)` until a signal sets `stop`."""
    logging.basicConfig(level=logging.INFO, format=LOG_FORMAT)

    async def run() -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(sig, stop.set)
        await serve(stop)

    asyncio.run(run())
