"""The duplicate detector: its precision and recall on a generated register, and the time of its check.

Run: `python -m bench.duplicates_quality [--seed 13] [--timing] [--clients 25000] [--checks 200] [--sqlite]`

quality  The register of bench/duplicate_register.py (5,000 people, 600 second registrations with known
         mistakes, 600 look-alikes), each registration checked against those before it exactly as intake
         checks (`near_birth_dates`, `possible_duplicates`). Prints precision and recall at THRESHOLD, the
         same at other thresholds (why THRESHOLD is where it is), the duplicates missed and the look-alikes
         proposed, by kind.
timing   `--timing`: a throwaway PostgreSQL cluster (or SQLite with `--sqlite`) holding `--clients` existing
         clients; each of `--checks` registrations (a third second registrations, a third look-alikes, a
         third new people) inserts its client row and runs the check of a registration (`flag_duplicates`:
         the narrowing query on the indexed birth date, the scoring, the pairs stored), timed, then rolls
         back. Against the bare indexed lookup of one birth date on a connection of the same engine. p50/p95
         after ten warm-up checks; the ratio check/raw is what the ~fifty dates, the scoring and the
         pair rows add to one index probe.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import tempfile
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from uuid import uuid4

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncEngine
from sqlmodel import col

from bench.duplicate_register import (
    LOOK_ALIKE_KINDS,
    Registration,
    duplicate,
    look_alike,
    measure,
    person,
    register,
    scored_pairs,
)
from bench.worklists import percentiles, timed
from deploy.launcher.postgres import PostgresCluster
from deploy.launcher.process import free_ports
from services.intake.app import DEFINITION as INTAKE
from services.intake.domain.duplicates import THRESHOLD, OnFile
from services.intake.tables import ClientRow
from services.intake.use_cases.duplicates import flag_duplicates
from services.platform.auth.tokens import generate_key_pair
from services.platform.migrations import upgrade_async
from services.platform.privacy.keys import ensure_key_ring
from services.platform.service_app import build_runtime
from services.platform.settings import ServiceSettings


def report_quality(seed: int) -> None:
    people = register(seed)
    scored = scored_pairs(people)
    quality = measure(people, scored=scored)
    print(f"register: {len(people)} registrations, {quality.true_pairs} pairs of one person")
    print(f"threshold {THRESHOLD}: precision {quality.precision:.3f} recall {quality.recall:.3f} "
          f"({quality.correct} of {quality.proposed} proposed are one person)")  # fmt: skip
    print("duplicates missed, by kind:", dict(sorted(quality.missed_by_kind.items())) or "none")
    print("look-alikes proposed, by kind:", dict(sorted(quality.false_by_kind.items())) or "none")
    print(f"{'threshold':>10}{'precision':>11}{'recall':>8}{'proposed':>10}")
    for threshold in (70, 75, 80, 85, 90):
        q = measure(people, threshold=threshold, scored=scored)
        print(f"{threshold:>10}{q.precision:>11.3f}{q.recall:>8.3f}{q.proposed:>10}")


def _row(p: OnFile, now: datetime) -> dict[str, object]:
    values = asdict(p)
    return {
        **{k: values[k] for k in ("client_id", "client_number", "given_name", "family_name", "birth_date", "sex")},
        "postcode": p.postcode,
        "office_id": "lutjenburg",
        "household_id": uuid4(),
        "target_groups": [],
        "special_categories": "k1:not-opened-in-the-benchmark",
        "consent_given_at": now,
        "registered_at": now,
        "registered_on": now.date(),
        "registered_by": "bench",
    }


def newcomers(rng: random.Random, existing: list[OnFile], count: int) -> list[OnFile]:
    made: list[OnFile] = []
    while len(made) < count:
        base, number = rng.choice(existing), len(existing) + len(made)
        match len(made) % 3:
            case 0:
                found = duplicate(rng, base, number)
                made += [found[0]] if found else []
            case 1:
                made.append(look_alike(rng, rng.choice(LOOK_ALIKE_KINDS), base, number))
            case _:
                made.append(person(rng, number))
    return made


class _Rollback(Exception):
    pass


async def time_checks(url: str, keys: Path, clients: int, checks: int) -> None:
    await upgrade_async("intake", url)
    _, public_key = generate_key_pair(keys)
    settings = ServiceSettings(
        service_name="intake",
        database_url=url,
        jwt_public_key_file=public_key,
        data_key_file=ensure_key_ring(keys / "intake-data.key"),
    )
    runtime = build_runtime(INTAKE, settings)
    rng, now = random.Random(25), datetime.now(UTC)
    existing = [Registration(person(rng, n), uuid4(), "original").on_file for n in range(clients)]
    async with runtime.engine.begin() as connection:
        for start in range(0, clients, 2000):
            await connection.execute(insert(ClientRow), [_row(p, now) for p in existing[start : start + 2000]])
    coming = newcomers(rng, existing, checks + 10)
    found: list[int] = []

    async def one_check(n: int) -> None:
        try:
            async with runtime.uow.transaction() as tx:
                await tx.session.execute(insert(ClientRow), [_row(coming[n], now)])
                started = asyncio.get_running_loop().time()
                found.append(len(await flag_duplicates(tx, coming[n])))
                checked.append(asyncio.get_running_loop().time() - started)
                raise _Rollback
        except _Rollback:
            pass

    checked: list[float] = []
    await timed(checks, one_check)
    raw = await timed(checks, lambda n: bare_lookup(runtime.engine, coming[n]))
    (p50, p95), (r50, r95) = percentiles(checked[10:]), percentiles(raw)
    print(f"check of a registration against {clients} clients ({checks} checks, {sum(found[10:])} pairs found)")
    print(f"{'':<36}{'p50 ms':>9}{'p95 ms':>9}")
    print(f"{'flag_duplicates':<36}{p50:>9.2f}{p95:>9.2f}")
    print(f"{'bare indexed lookup of one date':<36}{r50:>9.2f}{r95:>9.2f}")
    print(f"ratio check/raw (p50): {p50 / r50:.1f}")
    await runtime.engine.dispose()


async def bare_lookup(engine: AsyncEngine, p: OnFile) -> None:
    async with engine.connect() as connection:
        (await connection.execute(select(ClientRow).where(col(ClientRow.birth_date) == p.birth_date))).all()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seed", type=int, default=13)
    parser.add_argument("--timing", action="store_true")
    parser.add_argument("--clients", type=int, default=25_000)
    parser.add_argument("--checks", type=int, default=200)
    parser.add_argument("--sqlite", action="store_true")
    args = parser.parse_args()
    report_quality(args.seed)
    if not args.timing:
        return
    with tempfile.TemporaryDirectory(prefix="bench-duplicates-") as directory:
        if args.sqlite:
            url = f"sqlite+aiosqlite:///{directory}/intake.db"
            asyncio.run(time_checks(url, Path(directory) / "keys", args.clients, args.checks))
            return
        (port,) = free_ports(1)
        with PostgresCluster(Path(directory) / "postgres", port, ephemeral=True) as cluster:
            cluster.create_database("intake")
            asyncio.run(time_checks(cluster.dsn("intake"), Path(directory) / "keys", args.clients, args.checks))


if __name__ == "__main__":
    main()
