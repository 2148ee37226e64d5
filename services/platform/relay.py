"""The outbox relay: publishes committed outbox rows in order, then marks them sent.

A crash between publishing and marking republishes the same event ids; consumers'
inboxes absorb them (at-least-once delivery, exactly-once effects). Sent rows are kept
for a retention period (to answer "was it sent, when?") and then deleted by the leader,
so the table holds the backlog and recent history, not every event ever. The leader also
deletes idempotency keys older than their retention: it is the one housekeeper per database.

Outages of Kafka or of the database (`services.platform.failures.is_transient`) are waited out
with backoff inside `run`; the rows stay pending and go out in order once both are back. Any
other exception ends `run`: the service runs it under `supervise`, which logs the crash and
starts the relay again. `status` says which of these the relay is in (`/health` shows it).
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError
from sqlalchemy import delete, func, select, update
from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from contracts.envelope import to_record
from services.platform.failures import is_transient
from services.platform.outbox import Outbox
from services.platform.plumbing_tables import PlumbingTables
from services.platform.relay_lease import RelayLease
from services.platform.supervision import sleep_unless

log = logging.getLogger(__name__)
Row = dict[str, Any]
PRUNE_INTERVAL = timedelta(minutes=10)  # pruning is housekeeping: only when idle, at most this often


def idempotent_producer(bootstrap_servers: str, client_id: str) -> AIOKafkaProducer:
    return AIOKafkaProducer(
        bootstrap_servers=bootstrap_servers,
        client_id=client_id,
        enable_idempotence=True,  # implies acks=all and keeps order per partition on retries
        linger_ms=5,
        max_batch_size=256 * 1024,
        request_timeout_ms=15_000,
    )


RelayState = Literal["starting", "publishing", "standby", "waiting", "restarting", "stopped"]


@dataclass
class RelayStatus:
    """publishing: holds the lease; standby: another relay does; waiting: out of an outage;
    restarting: crashed, `supervise` starts it again; stopped: the service is shutting down."""

    state: RelayState = "starting"
    since: datetime = field(default_factory=lambda: datetime.now(UTC))
    error: str | None = None  # the type only: /health is public, the log has the whole message
    crashes: int = 0

    def enter(self, state: RelayState, error: BaseException | None = None) -> None:
        if state != self.state:
            self.state, self.since = state, datetime.now(UTC)
        self.error = type(error).__name__ if error is not None else None

    def crashed(self, error: BaseException, _restart_in: float) -> None:
        self.crashes += 1
        self.enter("restarting", error)

    @property
    def healthy(self) -> bool:
        return self.state in ("starting", "publishing", "standby")

    def as_dict(self) -> dict[str, Any]:
        return {"state": self.state, "since": self.since.isoformat(), "error": self.error, "crashes": self.crashes}


class OutboxRelay:
    def __init__(
        self,
        sessions: async_sessionmaker[AsyncSession],
        tables: PlumbingTables,
        outbox: Outbox,
        lease: RelayLease,
        bootstrap_servers: str,
        batch_size: int = 500,
        idle_seconds: float = 0.2,
        retention: timedelta = timedelta(days=7),
        key_retention: timedelta = timedelta(days=7),
    ) -> None:
        self._sessions = sessions
        self._table = tables.outbox
        self._keys = tables.idempotency_keys
        self._outbox = outbox
        self.lease = lease
        self._bootstrap = bootstrap_servers
        self._batch_size = batch_size
        self._idle = idle_seconds
        self._producer: AIOKafkaProducer | None = None
        self._retention = retention
        self._key_retention = key_retention
        self._next_prune = datetime.min.replace(tzinfo=UTC)
        self.is_leader = False
        self.status = RelayStatus()

    async def run(self, stop: asyncio.Event) -> None:
        """Relay until `stop` is set; Kafka or database outages are waited out, anything else is raised."""
        backoff = self._idle
        try:
            while not stop.is_set():
                try:
                    sent = await self.relay_once()
                    self.status.enter("publishing" if self.is_leader else "standby")
                    backoff = self._idle
                except Exception as exc:
                    if not is_transient(exc):
                        raise
                    log.warning(
                        "outbox relay: Kafka or the database is unavailable (%s), retrying in %.1fs", exc, backoff
                    )
                    self.status.enter("waiting", exc)
                    await self._drop_producer()
                    sent, backoff = 0, min(backoff * 2, 10.0)
                if sent == 0:
                    await sleep_unless(stop, backoff)
        except BaseException:
            await self._drop_producer()  # the lease stays: this holder takes it up again on restart
            raise
        await self._drain()
        await self.close()
        self.status.enter("stopped")

    async def _drain(self, seconds: float = 5.0) -> None:
        """On a clean stop, send what was committed meanwhile, so a shutdown does not hold events back."""
        try:
            async with asyncio.timeout(seconds):
                while await self.relay_once():
                    pass
        except Exception as exc:
            if not is_transient(exc):
                raise
            log.warning("outbox relay: stopped with events pending (%s); they go out at the next start", exc)

    async def relay_once(self) -> int:
        """Publish and mark one batch; returns how many rows were sent."""
        self.is_leader = await self.lease.acquire()
        if not self.is_leader:
            return 0
        rows = await self.pending(self._batch_size)
        if rows:
            await self.publish(rows)
            await self.mark_sent(rows)
        elif datetime.now(UTC) >= self._next_prune:
            await self.prune_sent(datetime.now(UTC) - self._retention)
            await self.expire_idempotency_keys(datetime.now(UTC) - self._key_retention)
            self._next_prune = datetime.now(UTC) + PRUNE_INTERVAL
        return len(rows)

    async def prune_sent(self, sent_before: datetime) -> int:
        """Delete rows sent before `sent_before`; unsent rows are never touched."""
        async with self._sessions() as session, session.begin():
            result = await session.execute(
                delete(self._table).where(self._table.c.sent_at.is_not(None), self._table.c.sent_at < sent_before)
            )
        return int(getattr(result, "rowcount", 0) or 0)

    async def expire_idempotency_keys(self, created_before: datetime) -> int:
        """Delete idempotency keys (and their stored replies) created before `created_before`."""
        async with self._sessions() as session, session.begin():
            result = await session.execute(delete(self._keys).where(self._keys.c.created_at < created_before))
        return int(getattr(result, "rowcount", 0) or 0)

    async def pending(self, limit: int) -> list[Row]:
        async with self._sessions() as session:
            result = await session.execute(
                select(self._table).where(self._table.c.sent_at.is_(None)).order_by(self._table.c.position).limit(limit)
            )
            return [dict(r) for r in result.mappings()]

    async def publish(self, rows: Sequence[Row]) -> None:
        producer = await self._started_producer()
        futures = []
        for row in rows:
            record = to_record(self._outbox.envelope_of(row))
            futures.append(await producer.send(row["topic"], record.value, key=record.key, headers=record.headers))
        await asyncio.gather(*futures)

    async def mark_sent(self, rows: Sequence[Row]) -> bool:
        positions = [row["position"] for row in rows]
        async with self._sessions() as session, session.begin():
            if not await self.lease.renew(session):
                log.warning("outbox relay lost its lease; another relay will resend %d rows", len(rows))
                return False
            await session.execute(
                update(self._table).where(self._table.c.position.in_(positions)).values(sent_at=datetime.now(UTC))
            )
        return True

    async def pending_count(self) -> int:
        async with self._sessions() as session:
            result = await session.execute(
                select(func.count()).select_from(self._table).where(self._table.c.sent_at.is_(None))
            )
            return int(result.scalar_one())

    async def close(self) -> None:
        await self._drop_producer()
        if self.is_leader:
            self.is_leader = False
            try:
                await self.lease.release()
            except Exception as exc:
                if not is_transient(exc):
                    raise
                log.warning("outbox relay: lease not released (%s); it expires by itself", exc)

    async def _started_producer(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = idempotent_producer(self._bootstrap, f"{self._outbox.source}-relay")
            try:
                await producer.start()
            except BaseException:
                await producer.stop()
                raise
            self._producer = producer
        return self._producer

    async def _drop_producer(self) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            try:
                await producer.stop()
            except (KafkaError, OSError) as exc:
                log.debug("closing a broken producer: %s", exc)
