"""Journeys started per second through intake, against bare Temporal workflow starts on the same server.

Run: `python -m bench.journeys [--clients N] [--concurrency C]`

Everything runs as `make run` runs it, started by the project's launcher (`deploy/launcher/stack.py`)
on free ports and a throw-away data dir: Kafka, the Temporal dev server, the codec server, the four
services and the journey worker as separate processes (without the simulator).

journeys  N clients are registered through intake's `POST /clients`, C requests in flight. Each one is
          a database transaction with an outbox row; the relay publishes `ClientRegisteredV1`; the bridge
          in the worker process signals-with-start `journey-<client_id>` (encrypted payloads). Timed from
          the first POST until Temporal's visibility counts all N new journeys (a count query every 50 ms).
bare      N workflows of a type no worker polls are started directly with the Temporal client, C in
          flight, timed the same way (until visibility counts them): the server's own start limit.
          Measured before and after the journeys (whose activities then keep the machine busy); the mean.

journeys/bare is the share of the bare start rate that the whole path keeps; the rest goes to HTTP,
SQLite, the outbox relay, Kafka and the bridge (which commits its offsets only after Temporal accepted
each signal-with-start). Every journey then goes on to ask coaching for a case manager, as in the demo.
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
from pathlib import Path

import httpx
import temporalio
from temporalio.client import Client

from deploy.launcher.stack import LocalStack, StackConfig
from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import issue

REPO_ROOT = Path(__file__).resolve().parents[1]
KAFKA_LIB_DIR = REPO_ROOT / ".local" / "kafka" / "lib"
POSTCODES = ("24321", "24306", "24211", "24226", "29221")  # Lütjenburg, Plön, Preetz, Heikendorf, Celle
BARE_TASK_QUEUE = "bench-no-worker"


@dataclass(frozen=True)
class Result:
    clients: int
    journeys_seconds: float
    intake_seconds: float  # until intake had answered every POST /clients
    bare_seconds: float
    bare_call_seconds: float  # until every start call had returned (before visibility caught up)

    @property
    def journeys_rate(self) -> float:
        return self.clients / self.journeys_seconds

    @property
    def bare_rate(self) -> float:
        return self.clients / self.bare_seconds


# --- the platform ----------------------------------------------------------------------------------


@contextlib.contextmanager
def running_platform(tmp: Path, seconds_per_month: float | None = None) -> Iterator[LocalStack]:
    """The whole platform as `make run` starts it, on free ports under `tmp`."""
    config = StackConfig.on_free_ports(tmp, KAFKA_LIB_DIR, seconds_per_month)
    stack = LocalStack(config)
    try:
        stack.start()
        yield stack
    finally:
        stack.stop()


def staff_headers(stack: LocalStack, *roles: Role) -> dict[str, str]:
    key = (stack.config.data_dir / "keys" / "jwt-signing-key.pem").read_bytes()
    token = issue(key, StaffUser("bench", frozenset(roles), frozenset({"*"})), "lotse-dev", "lotse")
    return {"Authorization": f"Bearer {token}"}


def service_url(stack: LocalStack, name: str) -> str:
    return f"http://127.0.0.1:{stack.config.service_ports[name]}"


def client_body(n: int) -> dict[str, object]:
    return {
        "person": {"given_name": "Bench", "family_name": f"Client {n}", "birth_date": "1990-05-17"},
        "residence_postcode": POSTCODES[n % len(POSTCODES)],
        "target_groups": ["long_term_unemployed"],
        "consent": True,
    }


async def bounded(count: int, concurrency: int, one: Callable[[int], Awaitable[object]]) -> None:
    limit = asyncio.Semaphore(concurrency)

    async def run(n: int) -> None:
        async with limit:
            await one(n)

    await asyncio.gather(*(run(n) for n in range(count)))


# --- the two measurements --------------------------------------------------------------------------


async def count(temporal: Client, workflow_type: str) -> int:
    return (await temporal.count_workflows(f"WorkflowType = '{workflow_type}'")).count


async def visible(temporal: Client, workflow_type: str, expected: int, timeout: float = 600) -> float:
    """perf_counter() once visibility counts `expected` workflows of the type."""
    async with asyncio.timeout(timeout):
        while await count(temporal, workflow_type) < expected:  # noqa: ASYNC110 (polling another process)
            await asyncio.sleep(0.05)
    return time.perf_counter()


async def register(http: httpx.AsyncClient, intake: str, headers: dict[str, str], n: int, run: str) -> None:
    response = await http.post(
        f"{intake}/clients", json=client_body(n), headers={**headers, "Idempotency-Key": f"bench-{run}-{n:06d}"}
    )
    response.raise_for_status()


async def time_journeys(stack: LocalStack, temporal: Client, clients: int, concurrency: int) -> tuple[float, float]:
    """Seconds until every journey is visible, and until intake had answered every registration."""
    intake, headers = service_url(stack, "intake"), staff_headers(stack, Role.INTAKE_CLERK)
    run = uuid.uuid4().hex[:8]
    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=concurrency)) as http:
        before = await count(temporal, "ClientJourney")
        await bounded(3, 3, lambda n: register(http, intake, headers, n, f"{run}-warm"))  # connections, relay lease
        await visible(temporal, "ClientJourney", before + 3)
        before += 3
        started = time.perf_counter()
        await bounded(clients, concurrency, lambda n: register(http, intake, headers, n, run))
        answered = time.perf_counter() - started
        return await visible(temporal, "ClientJourney", before + clients) - started, answered


async def time_bare(temporal: Client, clients: int, concurrency: int) -> tuple[float, float]:
    async def start(_: int) -> None:
        await temporal.start_workflow("BenchBareStart", id=f"bench-bare-{uuid.uuid4()}", task_queue=BARE_TASK_QUEUE)

    await bounded(3, 3, start)  # warm-up
    before = await count(temporal, "BenchBareStart")
    started = time.perf_counter()
    await bounded(clients, concurrency, start)
    called = time.perf_counter()
    return await visible(temporal, "BenchBareStart", before + clients) - started, called - started


async def measure(stack: LocalStack, clients: int, concurrency: int) -> Result:
    """Bare starts before and after the journeys (the journeys' own activities load the machine afterwards):
    the bare figure is the mean of both."""
    assert stack.temporal is not None
    temporal = await Client.connect(stack.temporal.target)
    bare_before, calls_before = await time_bare(temporal, clients, concurrency)
    journeys, answered = await time_journeys(stack, temporal, clients, concurrency)
    bare_after, calls_after = await time_bare(temporal, clients, concurrency)
    return Result(clients, journeys, answered, (bare_before + bare_after) / 2, (calls_before + calls_after) / 2)


# --- output ----------------------------------------------------------------------------------------


def report(result: Result, args: argparse.Namespace) -> None:
    print(
        f"N = {result.clients} clients, {args.concurrency} requests in flight, Python {sys.version.split()[0]}, "
        f"temporalio {temporalio.__version__}, Temporal dev server (SQLite), whole platform on one machine"
    )
    print(f"{'path':<40}{'per s':>10}{'seconds':>10}")
    print(f"{'journeys via POST /clients → visible':<40}{result.journeys_rate:>10.1f}{result.journeys_seconds:>10.2f}")
    print(
        f"{'  of which intake answered all POSTs':<40}{result.clients / result.intake_seconds:>10.1f}"
        f"{result.intake_seconds:>10.2f}"
    )
    print(f"{'bare workflow starts → visible':<40}{result.bare_rate:>10.1f}{result.bare_seconds:>10.2f}")
    print(
        f"{'bare start calls returned':<40}{result.clients / result.bare_call_seconds:>10.1f}"
        f"{result.bare_call_seconds:>10.2f}"
    )
    print(f"journeys/bare = {result.journeys_rate / result.bare_rate:.2f}")


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--clients", type=int, default=500, help="journeys to start (default 500)")
    parser.add_argument("--concurrency", type=int, default=16, help="requests in flight (default 16)")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-") as tmp, running_platform(Path(tmp)) as stack:
        result = asyncio.run(measure(stack, args.clients, args.concurrency))
    report(result, args)


if __name__ == "__main__":
    main()
