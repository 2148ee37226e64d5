"""Which offset of a partition the bridge may commit: the first one not yet done.

Records of one partition finish out of order (different clients run in parallel). Kafka's
committed offset says "everything before this is done", so it may only pass a record once
every record before it on the partition is done; a crash then redelivers the rest, which
the journeys drop by event id. No I/O.
"""

from __future__ import annotations

from collections import deque


class PartitionOffsets:
    """The records of one partition taken since it was assigned, and how far they are done."""

    def __init__(self) -> None:
        self._taken: deque[int] = deque()
        self._done: set[int] = set()
        self._committable: int | None = None
        self._committed: int | None = None
        self.revoked = False  # set when the partition is taken away: its lanes stop after their current record

    def take(self, offset: int) -> None:
        self._taken.append(offset)

    def done(self, offset: int) -> None:
        self._done.add(offset)
        while self._taken and self._taken[0] in self._done:
            first = self._taken.popleft()
            self._done.discard(first)
            self._committable = first + 1

    @property
    def pending(self) -> int:
        return len(self._taken)

    def to_commit(self) -> int | None:
        """The offset to commit now, or None when nothing finished since the last commit."""
        return self._committable if self._committable != self._committed else None

    def committed(self, offset: int) -> None:
        self._committed = offset
