"""Lanes: items of one lane handled one after another, different lanes at the same time, a bounded number held.

The bridge's lane is a partition and record key (a client, or a household for benefits), so one
client's facts reach its journey in the order they were published while other clients' facts go
ahead in parallel. `put` waits while `limit` items are held, which holds back fetching from Kafka.
"""

from __future__ import annotations

import asyncio
import logging
from collections import deque
from collections.abc import Awaitable, Callable, Hashable
from typing import Generic, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")


class Lanes(Generic[T]):
    def __init__(self, limit: int, work: Callable[[T], Awaitable[None]]) -> None:
        self._slots = asyncio.Semaphore(limit)
        self._work = work
        self._queues: dict[Hashable, deque[T]] = {}
        self._tasks: dict[Hashable, asyncio.Task[None]] = {}

    async def put(self, lane: Hashable, item: T) -> None:
        await self._slots.acquire()
        queue = self._queues.get(lane)
        if queue is None:
            queue = self._queues[lane] = deque()
            self._tasks[lane] = asyncio.create_task(self._drain(lane, queue), name=f"lane-{lane}")
        queue.append(item)

    @property
    def held(self) -> int:
        return sum(len(queue) for queue in self._queues.values())

    async def finished(self, which: Callable[[Hashable], bool]) -> None:
        """Wait until the lanes that `which` selects have run dry."""
        tasks = [task for lane, task in self._tasks.items() if which(lane)]
        await asyncio.gather(*tasks, return_exceptions=True)

    async def _drain(self, lane: Hashable, queue: deque[T]) -> None:
        try:
            while queue:
                try:
                    await self._work(queue[0])
                except Exception:
                    # `work` settles its own failures; one that escapes is a bug, and the lane must go on.
                    log.exception("lane %s: unhandled failure", lane)
                finally:
                    queue.popleft()
                    self._slots.release()
        finally:
            del self._queues[lane], self._tasks[lane]
