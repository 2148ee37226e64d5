"""Journeys the Kafka→Temporal bridge starts per second, against bare Temporal starts on the same server.

Run: `python -m bench.bridge_starts [--records N] [--concurrency C] [--bridges B]`

A real Kafka broker and a real Temporal dev server (SQLite) from the launcher, on free ports and a
throw-away data dir; payloads encrypted with the codec as in production. No worker polls the task
queues: this measures starting journeys, not running them.

bridge  B bridge processes (`python -m workflows.bridge_process`, C records in flight each) join the
        registrations' consumer group; then N `ClientRegisteredV1` records of N clients are published
        to `intake.clients.v1`. Timed from the first record sent until Temporal's visibility counts N
        journeys on the bridge's task queue (a count query every 50 ms), and until the group's
        committed offsets cover all N records.
bare    the same signal-with-start request the bridge makes (`client.start_workflow(ClientJourney.run,
        …, start_signal="fact", id_conflict_policy=USE_EXISTING)`) for N new clients, C in flight, from
        this process, timed the same way. Measured before and after the bridge; the mean.

bridge/bare is the share of the server's start rate the bridge keeps (target ≥ 0.5).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import sys
import tempfile
import time
import uuid
from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import temporalio
from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient
from temporalio.client import Client
from temporalio.common import SearchAttributePair, TypedSearchAttributes, WorkflowIDConflictPolicy

from contracts import topics
from contracts.envelope import Envelope, to_record
from contracts.events import ClientRegisteredV1
from contracts.topics import all_topic_names
from deploy.launcher.bridges import REGISTRATIONS_GROUP, bridge_process, stable_members
from deploy.launcher.kafka import KafkaJars, KafkaServer
from deploy.launcher.process import ManagedProcess, free_ports
from deploy.launcher.temporal import TemporalDevServer
from workflows.bridge import journey_id
from workflows.codec import ensure_key
from workflows.journey.messages import Fact, JourneyStart
from workflows.journey.workflow import ClientJourney
from workflows.search_attributes import OFFICE, STAGE
from workflows.settings import BridgeSettings
from workflows.startup import connect

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_LIB_DIR = REPO_ROOT / ".local" / "kafka" / "lib"


@dataclass(frozen=True)
class Servers:
    kafka: KafkaServer
    temporal: TemporalDevServer
    codec_key: Path
    logs: Path


@dataclass(frozen=True)
class Result:
    records: int
    bridge_seconds: float
    bridge_committed_seconds: float
    bare_seconds: float
    bare_call_seconds: float

    @property
    def bridge_rate(self) -> float:
        return self.records / self.bridge_seconds

    @property
    def bare_rate(self) -> float:
        return self.records / self.bare_seconds


@contextlib.contextmanager
def running_servers(tmp: Path) -> Iterator[Servers]:
    kafka_port, controller, temporal_port = free_ports(3)
    with (
        KafkaServer(tmp / "kafka", kafka_port, controller, KafkaJars.ensure(KAFKA_LIB_DIR)) as kafka,
        TemporalDevServer(tmp / "temporal", temporal_port, None) as temporal,
    ):
        kafka.ensure_topics(all_topic_names())
        yield Servers(kafka, temporal, ensure_key(tmp / "codec.key"), tmp / "logs")


def registration(client_id: uuid.UUID) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=client_id, household_id=uuid.uuid4(), office_id="lutjenburg", registered_at=datetime.now(UTC)
    )


async def bounded(count: int, concurrency: int, one: Callable[[int], Awaitable[object]]) -> None:
    limit = asyncio.Semaphore(concurrency)

    async def run(n: int) -> None:
        async with limit:
            await one(n)

    await asyncio.gather(*(run(n) for n in range(count)))


async def visible(temporal: Client, task_queue: str, expected: int, timeout: float = 900) -> float:
    """perf_counter() once visibility counts `expected` workflows on the task queue."""
    async with asyncio.timeout(timeout):
        while (await temporal.count_workflows(f"TaskQueue = '{task_queue}'")).count < expected:  # noqa: ASYNC110
            await asyncio.sleep(0.05)
    return time.perf_counter()


# --- bare starts -----------------------------------------------------------------------------------


async def time_bare(temporal: Client, records: int, concurrency: int) -> tuple[float, float]:
    """Seconds until visibility counts every start, and until every start call had returned."""
    task_queue = f"bench-bare-{uuid.uuid4().hex[:6]}"

    async def start(_: int) -> None:
        event = registration(uuid.uuid4())
        fact = Fact(
            event_id=uuid.uuid4(),
            event_type=event.type,
            occurred_at=datetime.now(UTC),
            data=event.model_dump(mode="json"),
        )
        await temporal.start_workflow(
            ClientJourney.run,
            JourneyStart(client_id=event.client_id),
            id=journey_id(event.client_id),
            task_queue=task_queue,
            id_conflict_policy=WorkflowIDConflictPolicy.USE_EXISTING,
            start_signal="fact",
            start_signal_args=[fact],
            search_attributes=TypedSearchAttributes(
                [SearchAttributePair(STAGE, "registered"), SearchAttributePair(OFFICE, event.office_id)]
            ),
        )

    started = time.perf_counter()
    await bounded(records, concurrency, start)
    called = time.perf_counter()
    return await visible(temporal, task_queue, records) - started, called - started


# --- through the bridge ----------------------------------------------------------------------------


def bridge_env(servers: Servers, task_queue: str, concurrency: int) -> dict[str, str]:
    return {
        "LOTSE_WORKER_TEMPORAL_ADDRESS": servers.temporal.target,
        "LOTSE_WORKER_KAFKA_BOOTSTRAP_SERVERS": servers.kafka.bootstrap_servers,
        "LOTSE_WORKER_CODEC_KEY_FILE": str(servers.codec_key),
        "LOTSE_WORKER_TASK_QUEUE": task_queue,
        "LOTSE_WORKER_BRIDGE_MAX_IN_FLIGHT": str(concurrency),
    }


async def joined(bootstrap: str, bridges: int, timeout: float = 120) -> None:
    async with asyncio.timeout(timeout):
        while await stable_members(bootstrap) != bridges:  # noqa: ASYNC110 (polling Kafka)
            await asyncio.sleep(0.2)


async def publish(bootstrap: str, records: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True, linger_ms=5)
    await producer.start()
    try:
        sent = []
        for _ in range(records):
            record = to_record(
                Envelope(id=uuid.uuid4(), source="/bench", time=datetime.now(UTC), data=registration(uuid.uuid4()))
            )
            sent.append(await producer.send(topics.CLIENTS.name, record.value, key=record.key, headers=record.headers))
        await asyncio.gather(*sent)
    finally:
        await producer.stop()


async def committed(bootstrap: str) -> int:
    """Records of the registrations topic the bridge's group has committed past (from offset 0)."""
    admin = AIOKafkaAdminClient(bootstrap_servers=bootstrap)
    await admin.start()
    try:
        offsets = await admin.list_consumer_group_offsets(REGISTRATIONS_GROUP)
    finally:
        await admin.close()
    return sum(max(meta.offset, 0) for meta in offsets.values())


async def all_committed(bootstrap: str, records: int, timeout: float = 900) -> float:
    async with asyncio.timeout(timeout):
        while await committed(bootstrap) < records:  # noqa: ASYNC110
            await asyncio.sleep(0.1)
    return time.perf_counter()


async def time_bridge(
    servers: Servers, temporal: Client, records: int, concurrency: int, bridges: int
) -> tuple[float, float]:
    task_queue = f"bench-bridge-{uuid.uuid4().hex[:6]}"
    env = bridge_env(servers, task_queue, concurrency)
    processes: list[ManagedProcess] = [bridge_process(f"bridge-{n}", servers.logs, env).start() for n in range(bridges)]
    bootstrap = servers.kafka.bootstrap_servers
    try:
        await joined(bootstrap, bridges)
        started = time.perf_counter()
        await publish(bootstrap, records)
        seen = await visible(temporal, task_queue, records)
        done = await all_committed(bootstrap, records)
        return seen - started, done - started
    finally:
        for process in processes:
            process.stop()


async def measure(servers: Servers, records: int, concurrency: int, bridges: int) -> Result:
    settings = BridgeSettings(temporal_address=servers.temporal.target, codec_key_file=servers.codec_key)
    temporal = await connect(settings)
    await time_bare(temporal, 20, concurrency)  # warm-up: connections, the namespace's caches
    bare_before, calls_before = await time_bare(temporal, records, concurrency)
    bridge, bridge_committed = await time_bridge(servers, temporal, records, concurrency, bridges)
    bare_after, calls_after = await time_bare(temporal, records, concurrency)
    return Result(records, bridge, bridge_committed, (bare_before + bare_after) / 2, (calls_before + calls_after) / 2)


# --- output ----------------------------------------------------------------------------------------


def report(result: Result, args: argparse.Namespace) -> None:
    print(
        f"N = {result.records} registrations, {args.concurrency} in flight, {args.bridges} bridge process(es), "
        f"Python {sys.version.split()[0]}, temporalio {temporalio.__version__}, Temporal dev server (SQLite)"
    )
    n = result.records
    rows = [
        ("bridge: records → journeys visible", result.bridge_rate, result.bridge_seconds),
        ("bridge: records → offsets committed", n / result.bridge_committed_seconds, result.bridge_committed_seconds),
        ("bare signal-with-start → visible", result.bare_rate, result.bare_seconds),
        ("bare start calls returned", n / result.bare_call_seconds, result.bare_call_seconds),
    ]
    print(f"{'path':<40}{'per s':>10}{'seconds':>10}")
    for name, rate, seconds in rows:
        print(f"{name:<40}{rate:>10.1f}{seconds:>10.2f}")
    print(f"bridge/bare = {result.bridge_rate / result.bare_rate:.2f}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=5000, help="registrations to publish (default 5000)")
    parser.add_argument("--concurrency", type=int, default=64, help="starts in flight, per bridge (default 64)")
    parser.add_argument("--bridges", type=int, default=1, help="bridge processes in the group (default 1)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp, running_servers(Path(tmp)) as servers:
        result = asyncio.run(measure(servers, args.records, args.concurrency, args.bridges))
    report(result, args)


if __name__ == "__main__":
    main()
