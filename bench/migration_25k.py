"""Bulk migration through the whole platform: N generated legacy records (default 25,000) as processes.

Run: `python -m bench.migration_25k [--records N] [--batch B] [--parallel P]`

The local stack of `make run` on free ports and a throw-away data dir (Kafka, Temporal dev server with SQLite,
intake, coaching, placement, benefits, reporting as uvicorn processes, the worker with its bridge). The records
(`bench/migration_records.py`: a realistic mix) go to intake's `POST /imports` in batches of B, P batches in
flight, as `lotse-migrate` sends them. Intake registers them (250 per transaction, duplicates checked),
coaching opens their cases (with the imported case manager where the ratio allows), placement records current
employments, benefits adds them to their households, and the bridge starts a journey per client.

import      records/s from the first batch sent until the last report came back (target: N in ≤ 60 s)
journeys    until Temporal's visibility counts a ClientJourney for every registered client (target ≤ 5 min),
            and journeys started/s over that time
bare        the bridge's signal-with-start for the same number of new clients (at most 2,000), 64 in flight,
            from this process on the same server in the same run, once before the import and once after the
            journeys run (on their own task queue, so they are not counted as journeys): the raw limit;
            journeys/bare is the ratio against each
"""

from __future__ import annotations

import argparse
import asyncio
import dataclasses
import os
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from temporalio.client import Client
from temporalio.service import RPCError

from bench.bridge_starts import KAFKA_LIB_DIR, time_bare
from bench.migration_records import generate
from deploy.launcher.stack import LocalStack, StackConfig
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.auth.tokens import issue
from workflows.bridge import TEMPORAL_TRANSIENT
from workflows.settings import BridgeSettings
from workflows.startup import connect

BARE_MAX = 2000


def operator_token(keys: Path) -> str:
    user = StaffUser("migration-bench", frozenset({Role.OPERATOR}), frozenset({ALL_OFFICES}))
    return issue((keys / "jwt-signing-key.pem").read_bytes(), user, "lotse-dev", "lotse", timedelta(hours=2))


async def import_all(url: str, token: str, records: list[dict[str, Any]], batch: int, parallel: int) -> list[Any]:
    batches = [records[i : i + batch] for i in range(0, len(records), batch)]
    limit, results = asyncio.Semaphore(parallel), [list[Any]() for _ in batches]
    headers = {"Authorization": f"Bearer {token}"}
    async with httpx.AsyncClient(base_url=url, headers=headers, timeout=900) as http:

        async def send(n: int) -> None:
            async with limit:
                body = {"source": f"bench batch {n}", "records": batches[n]}
                reply = await http.post("/imports", json=body)
                reply.raise_for_status()
                results[n] = reply.json()["records"]

        await asyncio.gather(*(send(n) for n in range(len(batches))))
    return [r for rs in results for r in rs]


async def journeys_running(temporal: Client, expected: int, timeout: float = 3600) -> float:
    query = "WorkflowType = 'ClientJourney' AND TaskQueue = 'journeys'"
    async with asyncio.timeout(timeout):
        while await _count(temporal, query) < expected:  # noqa: ASYNC110 (polling visibility)
            await asyncio.sleep(0.5)
    return time.perf_counter()


async def _count(temporal: Client, query: str) -> int:
    """A count the server could not answer in time (a busy machine) is asked again: -1 until then."""
    try:
        return (await temporal.count_workflows(query)).count
    except RPCError as error:
        if error.status not in TEMPORAL_TRANSIENT:
            raise
        return -1


async def stage_counts(temporal: Client) -> dict[str, int]:
    counts = {}
    for stage in ("registered", "coaching", "employed"):
        query = f"WorkflowType = 'ClientJourney' AND TaskQueue = 'journeys' AND JourneyStage = '{stage}'"
        counts[stage] = (await temporal.count_workflows(query)).count
    return counts


async def measure(stack: LocalStack, records: list[dict[str, Any]], args: argparse.Namespace) -> None:
    c = stack.config
    keys = c.data_dir / "keys"
    temporal = await connect(
        BridgeSettings(temporal_address=f"127.0.0.1:{c.temporal_port}", codec_key_file=keys / "payload-codec.key")
    )
    url = f"http://127.0.0.1:{c.service_ports['intake']}"
    # The raw limit before and after: the machine's load changes over a run this long, and a ratio against a
    # figure taken at another load says more about the machine than about the bridge.
    bare_n = min(len(records), BARE_MAX)
    before_s, _ = await time_bare(temporal, bare_n, 64)
    started = time.perf_counter()
    results = await import_all(url, operator_token(keys), records, args.batch, args.parallel)
    imported = time.perf_counter()
    outcomes = Counter(r["outcome"] for r in results)
    registered = outcomes["registered"] + outcomes["duplicate"]
    print(f"imported {len(records)} in {imported - started:.1f} s; waiting for {registered} journeys", flush=True)
    running = await journeys_running(temporal, registered)
    stages = await stage_counts(temporal)
    after_s, _ = await time_bare(temporal, bare_n, 64)
    bare = (bare_n / before_s, bare_n / after_s)
    report(len(records), outcomes, imported - started, running - started, registered, bare, stages)


def report(
    n: int,
    outcomes: Counter[str],
    import_s: float,
    journeys_s: float,
    journeys: int,
    bare: tuple[float, float],
    stages: Any,
) -> None:
    load = os.getloadavg()
    print(f"N = {n} legacy records, Python {sys.version.split()[0]}, load average {load[0]:.1f} {load[1]:.1f}")
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print(f"{'what':<44}{'per s':>10}{'seconds':>10}")
    print(f"{'import (POST /imports, report back)':<44}{n / import_s:>10.1f}{import_s:>10.1f}")
    print(f"{'journeys running (from the first batch)':<44}{journeys / journeys_s:>10.1f}{journeys_s:>10.1f}")
    rate = journeys / journeys_s
    print(f"{'bare signal-with-start, before the import':<44}{bare[0]:>10.1f}")
    print(f"{'bare signal-with-start, after the journeys':<44}{bare[1]:>10.1f}")
    print(f"journeys/bare = {rate / bare[0]:.2f} against before, {rate / bare[1]:.2f} against after")
    print("journeys by stage right after: " + ", ".join(f"{k} {v}" for k, v in stages.items()))
    print(f"targets: import ≤ 60 s ({'met' if import_s <= 60 else 'missed'}), "
          f"all journeys ≤ 300 s ({'met' if journeys_s <= 300 else 'missed'})")  # fmt: skip


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=25_000, help="legacy records to import (default 25,000)")
    parser.add_argument("--batch", type=int, default=500, help="records per POST /imports (default 500)")
    parser.add_argument("--parallel", type=int, default=2, help="batches in flight (default 2)")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    records = generate(args.records)
    with tempfile.TemporaryDirectory(prefix="lotse-bench-migration-") as tmp:
        config = dataclasses.replace(StackConfig.on_free_ports(Path(tmp), KAFKA_LIB_DIR), startup_seconds=600)
        stack = LocalStack(config)
        try:
            stack.start()
            asyncio.run(measure(stack, records, args))
        finally:
            stack.stop()


if __name__ == "__main__":
    main()
