"""Outbox relay throughput against a bare idempotent aiokafka producer, on a real broker.

Run: `python -m bench.outbox_relay [--events N] [--database sqlite|postgres|both] [--batch-size B]`

What is measured, per database backend, against one Kafka broker started by the
project's launcher (`deploy/launcher`):

relay  N `ClientRegisteredV1` events are written to the intake database through the
       real code path (`uow.transaction()` + `tx.publish`, ~500 events per transaction,
       untimed). Then `relay.relay_once()` runs in a loop until `relay.pending_count()`
       is 0; only that loop is timed. Each batch is a SELECT of pending rows, envelope +
       CloudEvents encoding, an idempotent-producer send of every row with all acks
       awaited, and an UPDATE marking the rows sent (with the lease renewal).
raw    The very same N records (value bytes and headers from `contracts.envelope.to_record`,
       built before timing) go to the same topic from a bare `AIOKafkaProducer` with the
       relay's producer settings, all futures gathered at once.

Both sides get one warm-up event first, so connecting, metadata and the producer id are
not in the figures. relay/raw is the share of the broker's attainable throughput that
the relay keeps: what is lost goes to the database round trips, the per-row encoding
and the relay waiting for every batch's acks before marking it (the price of
at-least-once delivery in order).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import aiokafka
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer, TopicPartition

from contracts.envelope import KafkaRecord, to_record
from contracts.events import ClientRegisteredV1
from contracts.topics import CLIENTS, all_topic_names
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.intake.app import DEFINITION
from services.platform.auth.tokens import generate_key_pair
from services.platform.migrations import upgrade_async
from services.platform.outbox import Outbox
from services.platform.privacy.keys import ensure_key_ring
from services.platform.relay import OutboxRelay
from services.platform.service_app import ServiceRuntime, build_runtime
from services.platform.settings import ServiceSettings

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_LIB_DIR = REPO_ROOT / ".local" / "kafka" / "lib"
WRITE_CHUNK = 500  # events per write transaction


@dataclass(frozen=True)
class Result:
    backend: str
    relay_seconds: float
    raw_seconds: float
    relayed: int  # records the relay put on the topic (broker offsets)
    events: int

    @property
    def relay_rate(self) -> float:
        return self.events / self.relay_seconds

    @property
    def raw_rate(self) -> float:
        return self.events / self.raw_seconds


# --- events and records ------------------------------------------------------------------


def new_event() -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=uuid.uuid4(),
        household_id=uuid.uuid4(),
        office_id="plon",
        target_groups=["u25"],
        registered_at=datetime.now(UTC),
    )


async def write_events(runtime: ServiceRuntime, count: int) -> None:
    """Stage `count` events through the unit of work, WRITE_CHUNK per transaction."""
    for start in range(0, count, WRITE_CHUNK):
        async with runtime.uow.transaction() as tx:
            for _ in range(min(WRITE_CHUNK, count - start)):
                await tx.publish(new_event())


async def pending_records(relay: OutboxRelay, count: int) -> list[KafkaRecord]:
    """The records the relay is about to send, encoded exactly as it encodes them."""
    outbox = Outbox(DEFINITION.tables, source=f"/lotse/{DEFINITION.name}")  # as build_runtime does
    return [to_record(outbox.envelope_of(row)) for row in await relay.pending(count)]


async def topic_size(bootstrap: str, topic: str = CLIENTS.name) -> int:
    """Records on `topic` so far (sum of end offsets)."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        offsets = await consumer.end_offsets([TopicPartition(topic, p) for p in range(CLIENTS.partitions)])
        return sum(offsets.values())
    finally:
        await consumer.stop()


# --- the two measurements --------------------------------------------------------------------


async def drain(relay: OutboxRelay) -> None:
    """relay_once() until nothing is pending (counted only once a round sends nothing)."""
    while await relay.relay_once() or await relay.pending_count():
        pass


async def time_relay(runtime: ServiceRuntime, events: int) -> tuple[float, list[KafkaRecord]]:
    """Seconds to relay `events` rows, and their records for the raw run."""
    await write_events(runtime, 1)
    await drain(runtime.relay)  # warm-up: lease, connection pool, producer start
    await write_events(runtime, events)
    records = await pending_records(runtime.relay, events)
    started = time.perf_counter()
    await drain(runtime.relay)
    return time.perf_counter() - started, records


async def time_raw(bootstrap: str, records: Sequence[KafkaRecord], topic: str = CLIENTS.name) -> float:
    """Seconds for a bare idempotent producer to send `records`, all acks gathered."""
    producer = AIOKafkaProducer(
        bootstrap_servers=bootstrap, enable_idempotence=True, linger_ms=5, max_batch_size=256 * 1024
    )
    await producer.start()
    try:
        await (await producer.send(topic, records[0].value, key=records[0].key, headers=records[0].headers))
        started = time.perf_counter()
        futures = [await producer.send(topic, r.value, key=r.key, headers=r.headers) for r in records]
        await asyncio.gather(*futures)
        return time.perf_counter() - started
    finally:
        await producer.stop()


async def measure(backend: str, settings: ServiceSettings, events: int) -> Result:
    await upgrade_async("intake", settings.database_url)
    runtime = build_runtime(DEFINITION, settings)
    try:
        before = await topic_size(settings.kafka_bootstrap_servers)
        relay_seconds, records = await time_relay(runtime, events)
        relayed = await topic_size(settings.kafka_bootstrap_servers) - before - 1  # minus the warm-up
        raw_seconds = await time_raw(settings.kafka_bootstrap_servers, records)
    finally:
        await runtime.relay.close()
        await runtime.engine.dispose()
    return Result(backend, relay_seconds, raw_seconds, relayed, events)


# --- the stack -----------------------------------------------------------------------------


@contextlib.contextmanager
def kafka(tmp: Path) -> Iterator[KafkaServer]:
    lib_dir = KafkaJars.ensure(KAFKA_LIB_DIR)
    port, controller_port = free_ports(2)
    with KafkaServer(tmp / "kafka", port, controller_port, lib_dir) as server:
        server.ensure_topics(all_topic_names())
        yield server


@contextlib.contextmanager
def database(backend: str, tmp: Path) -> Iterator[str]:
    """A fresh, empty intake database; yields its SQLAlchemy URL."""
    if backend == "sqlite":
        yield f"sqlite+aiosqlite:///{tmp / 'intake.db'}"
        return
    (port,) = free_ports(1)
    with PostgresCluster(tmp / "postgres", port, ephemeral=True) as cluster:
        cluster.create_database("intake")
        yield cluster.dsn("intake")


def run_backend(backend: str, tmp: Path, bootstrap: str, args: argparse.Namespace) -> Result:
    _, public_key = generate_key_pair(tmp / "keys")
    with database(backend, tmp) as url:
        settings = ServiceSettings(
            service_name="intake",
            database_url=url,
            kafka_bootstrap_servers=bootstrap,
            jwt_public_key_file=public_key,
            relay_batch_size=args.batch_size,
            data_key_file=ensure_key_ring(tmp / "keys" / "intake-data.key"),
        )
        return asyncio.run(measure(backend, settings, args.events))


# --- output ----------------------------------------------------------------------------------


def kafka_version() -> str:
    jars = sorted(KAFKA_LIB_DIR.glob("kafka_*.jar"))
    return jars[0].stem.split("-", 1)[1] if jars else "?"


def report(results: Sequence[Result], args: argparse.Namespace) -> None:
    print(
        f"N = {args.events} events, relay batch {args.batch_size}, Python {sys.version.split()[0]}, "
        f"aiokafka {aiokafka.__version__}, Kafka broker {kafka_version()}"
    )
    print(
        f"{'database':<10}{'relay ev/s':>12}{'raw ev/s':>12}{'relay/raw':>11}{'relay s':>9}{'raw s':>8}{'relayed':>9}"
    )
    for r in results:
        print(
            f"{r.backend:<10}{r.relay_rate:>12,.0f}{r.raw_rate:>12,.0f}{r.relay_rate / r.raw_rate:>11.2f}"
            f"{r.relay_seconds:>9.2f}{r.raw_seconds:>8.2f}{r.relayed:>9}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--events", type=int, default=20_000, help="outbox rows to relay (default 20000)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--batch-size", type=int, default=500, help="relay_batch_size (default 500)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    backends = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp_name:
        tmp = Path(tmp_name)
        with kafka(tmp) as server:
            results = [run_backend(b, tmp / b, server.bootstrap_servers, args) for b in backends]
    report(results, args)


if __name__ == "__main__":
    main()
