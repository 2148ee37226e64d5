"""Background loops that never silently disappear: a crash is logged and the loop starts again.

A loop waits out the failures it expects (see `services.platform.failures`) itself; what escapes
it is a bug. `supervise` logs that with its traceback, tells `on_crash`, and restarts the loop
after a backoff that doubles with each crash in a row (reset once a run has lasted longer than the
longest backoff), until `stop` is set.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable

log = logging.getLogger(__name__)


async def supervise(
    name: str,
    run: Callable[[], Awaitable[None]],
    stop: asyncio.Event,
    on_crash: Callable[[BaseException, float], None] = lambda _exc, _delay: None,
    first_backoff: float = 0.5,
    max_backoff: float = 30.0,
) -> None:
    backoff = first_backoff
    while not stop.is_set():
        started = time.monotonic()
        try:
            await run()
            if stop.is_set():
                return
            raise RuntimeError(f"{name} returned although it was not asked to stop")
        except Exception as exc:
            if time.monotonic() - started > max_backoff:
                backoff = first_backoff
            log.exception("%s crashed; restarting in %.1fs", name, backoff)
            on_crash(exc, backoff)
            await sleep_unless(stop, backoff)
            backoff = min(backoff * 2, max_backoff)


async def sleep_unless(stop: asyncio.Event, seconds: float) -> None:
    """Sleep `seconds`, or less if `stop` is set meanwhile."""
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(stop.wait(), timeout=seconds)
