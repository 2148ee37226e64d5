"""Run an async client call (aiokafka, asyncpg, temporalio) from synchronous launcher code."""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Coroutine
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

T = TypeVar("T")


def run_blocking(make: Callable[[], Coroutine[Any, Any, T]], timeout: float | None = None) -> T:
    """Run the coroutine made by `make` to completion on a fresh event loop and return its result.

    Launcher methods are synchronous so that scripts and sync pytest fixtures can use
    them; they are also called from async tests, where `asyncio.run` is refused because
    a loop is already running. In that case the coroutine runs on a loop in a helper
    thread (the caller's loop is blocked meanwhile, which is fine for start-up work).
    """

    async def bounded() -> T:
        return await asyncio.wait_for(make(), timeout)

    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(bounded())
    with ThreadPoolExecutor(max_workers=1, thread_name_prefix="launcher") as pool:
        return pool.submit(asyncio.run, bounded()).result()
