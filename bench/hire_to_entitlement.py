"""Latency from a hire to the benefits decision on Kafka, against a bare Kafka round trip, at a steady load.

Run: `python -m bench.hire_to_entitlement [--rate R] [--hires N]`

The platform runs as `make run` runs it (launcher, free ports, throw-away data dir, without the simulator).
N single-adult households are registered at intake and entered at benefits (untimed). Then N hires are
sent to placement's `POST /employments` at R per second, open loop (each at its planned instant, whether
or not earlier ones have finished). A plain aiokafka consumer reads `benefits.entitlements.v1`, as an
outside system would, and notes when the `EntitlementChangedV1`/`EntitlementEndedV1` naming each
employment arrives. The path: placement's transaction and outbox → relay → Kafka → benefits' consumer
(inbox, decision, outbox, one transaction) → relay → Kafka → the reader.

raw   the same number of records, at the same rate, from an idempotent producer (acks=all) to a bench
      topic on the same broker, read by the same kind of consumer: one Kafka hop, the floor of the path.

Printed: p50, p90, p99 and max of both, and hire/raw per percentile.
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import tempfile
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

import aiokafka
import httpx
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord

from bench.journeys import bounded, client_body, running_platform, service_url, staff_headers
from contracts.envelope import InvalidEnvelope, from_record
from contracts.events import EntitlementChangedV1, EntitlementEndedV1
from contracts.topics import ENTITLEMENTS
from deploy.launcher.stack import LocalStack
from services.platform.auth.staff import Role

SETUP_CONCURRENCY = 8
KeyOf = Callable[[ConsumerRecord[bytes, bytes]], str | None]


@dataclass(frozen=True)
class Latencies:
    name: str
    seconds: list[float]

    def percentile(self, p: int) -> float:
        return (
            statistics.quantiles(self.seconds, n=100, method="inclusive")[p - 1]
            if len(self.seconds) > 1
            else self.seconds[0]
        )


class Reader:
    """A plain consumer that notes when each awaited key first arrives (perf_counter)."""

    def __init__(self, bootstrap: str, topic: str, key_of: KeyOf) -> None:
        self.consumer = AIOKafkaConsumer(
            topic, bootstrap_servers=bootstrap, auto_offset_reset="latest", enable_auto_commit=False, group_id=None
        )
        self.key_of = key_of
        self.arrived: dict[str, float] = {}

    async def start(self) -> None:
        await self.consumer.start()
        await self.consumer.seek_to_end()
        for partition in self.consumer.assignment():
            await self.consumer.position(partition)  # resolve "latest" before anything is sent

    async def run(self) -> None:
        while True:
            batch = await self.consumer.getmany(timeout_ms=100)
            now = time.perf_counter()
            for records in batch.values():
                for record in records:
                    key = self.key_of(record)
                    if key is not None:
                        self.arrived.setdefault(key, now)

    async def wait_for(self, keys: set[str], timeout: float) -> None:
        async with asyncio.timeout(timeout):
            while not keys <= self.arrived.keys():  # noqa: ASYNC110 (another task fills it)
                await asyncio.sleep(0.05)


def employment_of(record: ConsumerRecord[bytes, bytes]) -> str | None:
    """The employment an entitlement decision names (as an outside system parses the CloudEvent)."""
    try:
        event = from_record(record.key, list(record.headers), record.value).data
    except InvalidEnvelope:
        return None
    if isinstance(event, EntitlementChangedV1 | EntitlementEndedV1) and event.employment_id:
        return str(event.employment_id)
    return None


def record_key(record: ConsumerRecord[bytes, bytes]) -> str | None:
    return record.key.decode() if record.key else None


# --- set-up (untimed) ------------------------------------------------------------------------------


async def households(stack: LocalStack, http: httpx.AsyncClient, count: int) -> list[str]:
    """`count` registered single adults with an entered household; their client ids."""
    intake, benefits = service_url(stack, "intake"), service_url(stack, "benefits")
    clerk, benefits_clerk = staff_headers(stack, Role.INTAKE_CLERK), staff_headers(stack, Role.BENEFITS_CLERK)
    month = datetime.now(UTC).date().replace(day=1) - timedelta(days=1)
    clients: list[str] = []

    async def one(n: int) -> None:
        client = (await http.post(f"{intake}/clients", json=client_body(n), headers=clerk)).raise_for_status().json()
        body = {
            "month": month.replace(day=1).isoformat(),
            "members": [{"client_id": client["client_id"], "role": "adult", "birth_date": "1990-05-17"}],
            "housing": {"rent": "480.00", "heating": "85.00", "appropriate_rent": "520.00"},
        }
        url = f"{benefits}/households/{client['household_id']}"
        while (await http.put(url, json=body, headers=benefits_clerk)).status_code == 404:  # noqa: ASYNC110
            await asyncio.sleep(0.1)  # benefits has not consumed the registration yet
        clients.append(client["client_id"])

    await bounded(count, SETUP_CONCURRENCY, one)
    return clients


async def employer(stack: LocalStack, http: httpx.AsyncClient) -> str:
    body = {"name": "Bench GmbH", "office_id": "plon", "postcode": "24306"}
    response = await http.post(
        f"{service_url(stack, 'placement')}/employers", json=body, headers=staff_headers(stack, Role.PLACEMENT_OFFICER)
    )
    return str(response.raise_for_status().json()["employer_id"])


# --- the two measurements --------------------------------------------------------------------------


async def time_hires(stack: LocalStack, clients: list[str], rate: float) -> Latencies:
    reader = Reader(stack.config.bootstrap, ENTITLEMENTS.name, employment_of)
    await reader.start()
    reading = asyncio.create_task(reader.run())
    sent: dict[str, float] = {}
    start = datetime.now(UTC).date().replace(day=1)
    headers = staff_headers(stack, Role.PLACEMENT_OFFICER)
    try:
        async with httpx.AsyncClient(timeout=60) as http:
            employer_id = await employer(stack, http)

            async def hire(n: int, client_id: str) -> None:
                await asyncio.sleep(n / rate)
                body = {
                    "client_id": client_id,
                    "employer_id": employer_id,
                    "start_date": start.isoformat(),
                    "weekly_hours": "30",
                    "gross_monthly_pay": "1807.00",
                    "net_monthly_pay": "1420.00",
                    "first_pay_date": (start + timedelta(days=27)).isoformat(),
                    "subject_to_social_insurance": True,
                }
                began = time.perf_counter()
                response = await http.post(f"{service_url(stack, 'placement')}/employments", json=body, headers=headers)
                sent[str(response.raise_for_status().json()["employment_id"])] = began

            await asyncio.gather(*(hire(n, c) for n, c in enumerate(clients)))
        await reader.wait_for(set(sent), timeout=120)
    finally:
        reading.cancel()
        await reader.consumer.stop()
    return Latencies("hire → entitlement event", [reader.arrived[k] - sent[k] for k in sent])


async def time_raw(bootstrap: str, topic: str, count: int, rate: float) -> Latencies:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, enable_idempotence=True)
    await producer.start()
    await producer.send_and_wait(topic, b"warm-up", key=b"warm-up")  # creates the topic, starts the producer
    reader = Reader(bootstrap, topic, record_key)
    await reader.start()
    reading = asyncio.create_task(reader.run())
    sent: dict[str, float] = {}
    try:

        async def send(n: int) -> None:
            await asyncio.sleep(n / rate)
            key = f"raw-{n}"
            sent[key] = time.perf_counter()
            await producer.send_and_wait(topic, b"{}", key=key.encode())

        await asyncio.gather(*(send(n) for n in range(count)))
        await reader.wait_for(set(sent), timeout=60)
    finally:
        reading.cancel()
        await reader.consumer.stop()
        await producer.stop()
    return Latencies("bare produce → consume", [reader.arrived[k] - sent[k] for k in sent])


async def measure(stack: LocalStack, raw_topic: str, hires: int, rate: float) -> tuple[Latencies, Latencies]:
    async with httpx.AsyncClient(timeout=60) as http:
        clients = await households(stack, http, hires + 3)
    await time_hires(stack, clients[:3], rate)  # warm-up: connections, relay leases, consumer positions
    hire = await time_hires(stack, clients[3:], rate)
    raw = await time_raw(stack.config.bootstrap, raw_topic, hires, rate)
    return hire, raw


# --- output ----------------------------------------------------------------------------------------


def report(hire: Latencies, raw: Latencies, args: argparse.Namespace) -> None:
    print(
        f"N = {args.hires} hires at {args.rate:g}/s (open loop), Python {sys.version.split()[0]}, "
        f"aiokafka {aiokafka.__version__}, whole platform on one machine (SQLite)"
    )
    print(f"{'path':<28}{'p50 ms':>9}{'p90 ms':>9}{'p99 ms':>9}{'max ms':>9}")
    for series in (hire, raw):
        p50, p90, p99 = (series.percentile(p) * 1000 for p in (50, 90, 99))
        print(f"{series.name:<28}{p50:>9.0f}{p90:>9.0f}{p99:>9.0f}{max(series.seconds) * 1000:>9.0f}")
    ratios = "  ".join(f"p{p} {hire.percentile(p) / raw.percentile(p):.1f}" for p in (50, 90, 99))
    print(f"hire/raw: {ratios}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--hires", type=int, default=150, help="timed hires (default 150)")
    parser.add_argument("--rate", type=float, default=5.0, help="hires per second (default 5)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp, running_platform(Path(tmp)) as stack:
        assert stack.kafka is not None
        raw_topic = f"bench.raw.{uuid.uuid4().hex[:8]}"
        stack.kafka.ensure_topics([raw_topic])  # the broker creates no topics on its own
        hire, raw = asyncio.run(measure(stack, raw_topic, args.hires, args.rate))
    report(hire, raw, args)


if __name__ == "__main__":
    main()
