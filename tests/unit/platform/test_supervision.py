"""A supervised loop that crashes is logged and started again; it never silently disappears."""

from __future__ import annotations

import asyncio
import logging

from services.platform.supervision import supervise


async def test_a_loop_that_crashes_is_logged_with_its_traceback_and_started_again_until_stopped(caplog):
    stop = asyncio.Event()
    runs = 0
    crashes: list[tuple[str, float]] = []

    async def loop() -> None:
        nonlocal runs
        runs += 1
        if runs <= 2:
            raise RuntimeError(f"bug number {runs}")
        stop.set()

    with caplog.at_level(logging.ERROR, logger="services.platform.supervision"):
        await asyncio.wait_for(
            supervise("the loop", loop, stop, lambda exc, delay: crashes.append((str(exc), delay)), first_backoff=0.01),
            timeout=5,
        )

    assert runs == 3
    assert crashes == [("bug number 1", 0.01), ("bug number 2", 0.02)]
    assert "the loop crashed; restarting" in caplog.text and "RuntimeError: bug number 2" in caplog.text


async def test_a_loop_that_returns_without_being_asked_to_stop_is_started_again(caplog):
    stop = asyncio.Event()
    runs = 0

    async def loop() -> None:
        nonlocal runs
        runs += 1
        if runs == 2:
            stop.set()

    await asyncio.wait_for(supervise("the loop", loop, stop, first_backoff=0.01), timeout=5)
    assert runs == 2
    assert "returned although it was not asked to stop" in caplog.text
