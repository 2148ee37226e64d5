"""`python -m simulator`: staff and employers of the demo district, over the running services' HTTP APIs."""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from simulator import district
from simulator.run import Options, Simulation, default_seconds_per_month

DEFAULT_CLIENTS = 60
DEFAULT_MONTHS = 16
DEFAULT_SEED = 2016  # the year Lütjenburg's office reopened with case managers and coaches (seed 000)
DEFAULT_URLS = {
    "intake": "http://127.0.0.1:8001",
    "coaching": "http://127.0.0.1:8002",
    "placement": "http://127.0.0.1:8003",
    "benefits": "http://127.0.0.1:8004",
    "journeys": "http://127.0.0.1:8005",
    "reporting": "http://127.0.0.1:8006",  # the § 48a figures the demo prints
}


def add_simulation_arguments(parser: argparse.ArgumentParser) -> None:
    """The options `lotse-stack run` shares with `python -m simulator`."""
    parser.add_argument(
        "--clients",
        type=int,
        default=DEFAULT_CLIENTS,
        help=f"clients to simulate, split over the offices by their seed figures "
        f"(default {DEFAULT_CLIENTS}; --clients 850 --office lutjenburg is Lütjenburg's caseload)",
    )
    parser.add_argument(
        "--office",
        action="append",
        choices=district.DEMO_DISTRICT,
        dest="offices",
        help="simulate only this office (repeatable; default: Kreis Plön and Celle)",
    )
    parser.add_argument(
        "--seconds-per-month",
        type=float,
        default=None,
        help="real seconds per simulated month (default: 10, or clients/15 when more)",
    )
    parser.add_argument("--months", type=int, default=DEFAULT_MONTHS, help="simulated months")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same people and decisions")


def seconds_per_month(args: argparse.Namespace) -> float:
    return float(args.seconds_per_month or default_seconds_per_month(args.clients))


def options_from(args: argparse.Namespace, urls: dict[str, str], keys: Path) -> Options:
    return Options(
        offices=tuple(args.offices or district.DEMO_DISTRICT),
        clients=args.clients,
        seconds_per_month=seconds_per_month(args),
        months=args.months,
        seed=args.seed,
        concurrency=args.concurrency,
        urls=urls,
        signing_key_file=keys / "jwt-signing-key.pem",
        run_id=args.run_id or f"{args.seed}-{int(time.time()):x}",
        today=date.today(),
    )


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="python -m simulator", description=__doc__)
    add_simulation_arguments(p)
    p.add_argument("--concurrency", type=int, default=12, help="HTTP requests in flight at most")
    p.add_argument(
        "--keys",
        type=Path,
        default=Path(".local/data/keys"),
        help="directory with the local signing key of `make run` (jwt-signing-key.pem)",
    )
    p.add_argument("--run-id", default=None, help="part of every Idempotency-Key (default: seed and start time)")
    for service, url in DEFAULT_URLS.items():
        p.add_argument(f"--{service}-url", default=url)
    return p


def main(argv: Sequence[str] | None = None) -> None:
    args = parser().parse_args(argv)
    urls = {service: getattr(args, f"{service}_url") for service in DEFAULT_URLS}
    options = options_from(args, urls, args.keys)
    if not options.signing_key_file.exists():
        sys.exit(f"simulator: no signing key at {options.signing_key_file} (start the stack with `make run` first)")
    try:
        asyncio.run(Simulation(options, lambda line: print(line, flush=True)).run())
    except KeyboardInterrupt:
        print("simulator: stopped", file=sys.stderr)
        os._exit(130)


if __name__ == "__main__":
    main()
