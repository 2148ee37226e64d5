"""Intake's import alone, on SQLite and PostgreSQL: records/s in batches against one transaction per record.

Run: `python -m bench.migration_import [--records N] [--baseline M] [--database sqlite|postgres|both]`

Intake runs in this process as `make run` runs it (its app, its outbox relay, a real Kafka broker from the
launcher) on a fresh database; N generated legacy records (`bench/migration_records.py`) go to `POST /imports`
in requests of 500 records, as `lotse-migrate` sends them, one after the other.

batched   the import as it is: a transaction per 250 records, a savepoint per record (`use_cases.import_batch`)
single    the same code with batches of one record on the first M records of another file: one transaction
          per record, as before batching — the limit that batching lifts; batched/single is the speed-up
stmts     SQL statements per record of the batched import (executemany counted once: one round trip)
cpu       this process's CPU time per record (the database's too on SQLite): a figure the machine's load
          changes much less than the wall time
relay     from the import's end until the relay has published every outbox row (it runs during the import
          too): the relay keeps up when this is a small fraction of the import's time
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path
from typing import Any

import httpx
from sqlalchemy import event

from bench.migration_records import generate
from bench.outbox_relay import database, kafka
from services.intake.app import create_app
from services.intake.use_cases import imports
from services.platform.auth.staff import ALL_OFFICES, Role, StaffUser
from services.platform.auth.tokens import generate_key_pair, issue
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import ServiceRuntime
from services.platform.settings import ServiceSettings

REQUEST = 500


async def send(http: httpx.AsyncClient, records: Sequence[dict[str, Any]], source: str) -> int:
    registered = 0
    for start in range(0, len(records), REQUEST):
        body = {"source": f"{source} {start}", "records": list(records[start : start + REQUEST])}
        reply = await http.post("/imports", json=body)
        reply.raise_for_status()
        registered += sum(1 for r in reply.json()["records"] if r["outcome"] in ("registered", "duplicate"))
    return registered


async def drained(runtime: ServiceRuntime) -> float:
    while await runtime.relay.pending_count() > 0:  # noqa: ASYNC110 (polling the outbox the relay empties)
        await asyncio.sleep(0.05)
    return time.perf_counter()


async def measure(settings: ServiceSettings, token: str, args: argparse.Namespace) -> dict[str, float]:
    await upgrade_async("intake", settings.database_url)
    app = create_app(settings)
    headers = {"Authorization": f"Bearer {token}"}
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        client = httpx.AsyncClient(transport=transport, base_url="http://intake", headers=headers, timeout=900)
        async with client as http:
            runtime: ServiceRuntime = app.state.runtime
            statements = [0]
            event.listen(
                runtime.engine.sync_engine,
                "before_cursor_execute",
                lambda *_: statements.__setitem__(0, statements[0] + 1),
            )
            started, cpu = time.perf_counter(), time.process_time()
            registered = await send(http, generate(args.records), "batched")
            imported, cpu = time.perf_counter(), time.process_time() - cpu
            counted = statements[0]
            relayed = await drained(runtime)
            batch, imports.BATCH = imports.BATCH, 1  # the same code, one transaction per record
            try:
                single_started = time.perf_counter()
                await send(http, generate(args.baseline, seed=7, prefix="S"), "single")
                single = time.perf_counter() - single_started
            finally:
                imports.BATCH = batch
    return {
        "batched": args.records / (imported - started),
        "seconds": imported - started,
        "registered": registered,
        "single": args.baseline / single,
        "relay": relayed - imported,
        "stmts": counted / args.records,
        "cpu": cpu / args.records * 1000,
    }


def run_backend(backend: str, tmp: Path, bootstrap: str, args: argparse.Namespace) -> dict[str, float]:
    private, public = generate_key_pair(tmp / "keys")
    user = StaffUser("migration-bench", frozenset({Role.OPERATOR}), frozenset({ALL_OFFICES}))
    token = issue(private.read_bytes(), user, "lotse-dev", "lotse", timedelta(hours=2))
    with database(backend, tmp) as url:
        settings = ServiceSettings(
            service_name="intake",
            database_url=url,
            kafka_bootstrap_servers=bootstrap,
            jwt_public_key_file=public,
            data_key_file=ensure_key_ring(tmp / "keys" / "intake-data.key"),
        )
        return asyncio.run(measure(settings, token, args))


def report(results: dict[str, dict[str, float]], args: argparse.Namespace) -> None:
    load = os.getloadavg()
    print(f"N = {args.records} records (single: {args.baseline}), Python {sys.version.split()[0]}, "
          f"load average {load[0]:.1f} {load[1]:.1f}")  # fmt: skip
    columns = (
        ("batched/s", 11),
        ("seconds", 9),
        ("single/s", 10),
        ("ratio", 7),
        ("stmts", 7),
        ("cpu ms", 8),
        ("relay s", 9),
        ("registered", 12),
    )
    print(f"{'database':<10}" + "".join(f"{name:>{width}}" for name, width in columns))
    for backend, r in results.items():
        print(
            f"{backend:<10}{r['batched']:>11.0f}{r['seconds']:>9.1f}{r['single']:>10.1f}"
            f"{r['batched'] / r['single']:>7.1f}{r['stmts']:>7.1f}{r['cpu']:>8.2f}{r['relay']:>9.2f}"
            f"{r['registered']:>12.0f}"
        )


def parse_args(argv: Sequence[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--records", type=int, default=25_000, help="records to import in batches (default 25000)")
    parser.add_argument("--baseline", type=int, default=500, help="records one transaction each (default 500)")
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    return parser.parse_args(argv)


def main(argv: Sequence[str] | None = None) -> None:
    args = parse_args(argv)
    backends = ["sqlite", "postgres"] if args.database == "both" else [args.database]
    with tempfile.TemporaryDirectory(prefix="lotse-bench-import-") as tmp, kafka(Path(tmp)) as server:
        results = {b: run_backend(b, Path(tmp) / b, server.bootstrap_servers, args) for b in backends}
    report(results, args)


if __name__ == "__main__":
    main()
