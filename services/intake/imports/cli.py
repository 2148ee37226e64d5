"""`lotse-migrate`: import a file of existing client records through intake's `POST /imports`, in batches.

    lotse-migrate records.csv --url http://127.0.0.1:8001 --token "$(lotse-token --role operator)" [--dry-run]

Each batch goes through the same endpoint (and so the same registration) as every other import; a progress
bar counts the records, a table sums up the outcomes, and `--report` writes one line per record (legacy id,
outcome, client number, fields and reasons) for the operator to act on. Exit status 1 when a record was refused.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from itertools import islice
from pathlib import Path
from typing import Any

import httpx
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn
from rich.table import Table

from services.intake.imports.files import kind_of, read_records

BATCH = 500  # well under intake's body limit (1 MiB) for records of the format
ATTEMPTS = 5  # a batch intake answered with 503 (its database busy) is sent again, waiting as Retry-After says


def main(argv: Sequence[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    text = args.file.read_text(encoding="utf-8-sig")
    records = list(read_records(text, kind_of(args.file.name)))
    token = args.token or os.environ.get("LOTSE_TOKEN")
    if not token:
        print("lotse-migrate: an operator's token is needed (--token or LOTSE_TOKEN)", file=sys.stderr)
        return 2
    console = Console(stderr=True)
    with httpx.Client(base_url=args.url, headers=_headers(token), timeout=args.timeout) as http:
        results = _run(http, records, args, console)
    _summary(console, results, args.dry_run)
    if args.report:
        args.report.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in results), encoding="utf-8")
    return 1 if any(r["outcome"] == "refused" for r in results) else 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="lotse-migrate", description="Import existing client records (CSV, JSONL)")
    parser.add_argument("file", type=Path, help="records as .csv or .jsonl (the format: README, Bulk migration)")
    parser.add_argument("--url", default="http://127.0.0.1:8001", help="intake's base URL")
    parser.add_argument("--token", default=None, help="an operator's bearer token (default: $LOTSE_TOKEN)")
    parser.add_argument("--dry-run", action="store_true", help="check every record as a real run would")
    parser.add_argument("--batch", type=int, default=BATCH, help="records per request (at most 1000)")
    parser.add_argument("--report", type=Path, default=None, help="write the report, one JSON line per record")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds to wait for one batch")
    return parser


def _headers(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def _run(http: httpx.Client, records: list[dict[str, Any]], args: argparse.Namespace, console: Console) -> list[Any]:
    results: list[Any] = []
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=console) as progress:
        task = progress.add_task("Prüfen" if args.dry_run else "Importieren", total=len(records))
        for first, batch in _batches(records, args.batch):
            source = f"{args.file.name} records {first + 1}-{first + len(batch)}"
            reply = _post(http, {"source": source, "dry_run": args.dry_run, "records": batch})
            results.extend(reply.json()["records"])
            progress.advance(task, len(batch))
    return results


def _post(http: httpx.Client, body: dict[str, Any], sleep: Any = time.sleep) -> httpx.Response:
    """Sending a batch again is safe: an import is idempotent by legacy id, and a 503 changed nothing."""
    for attempt in range(1, ATTEMPTS + 1):
        reply = http.post("/imports", json=body)
        if reply.status_code != 503 or attempt == ATTEMPTS:
            break
        sleep(float(reply.headers.get("Retry-After", "2")))
    reply.raise_for_status()
    return reply


def _batches(records: list[dict[str, Any]], size: int) -> Iterator[tuple[int, list[dict[str, Any]]]]:
    it, first = iter(records), 0
    while batch := list(islice(it, size)):
        yield first, batch
        first += len(batch)


def _summary(console: Console, results: list[Any], dry_run: bool) -> None:
    table = Table(title="Probelauf" if dry_run else "Import")
    table.add_column("Ergebnis")
    table.add_column("Datensätze", justify="right")
    for outcome, n in sorted(Counter(r["outcome"] for r in results).items()):
        table.add_row(outcome, str(n))
    console.print(table)
    for r in results:
        if r["outcome"] == "refused":
            reasons = "; ".join(f"{e['field']}: {e['reason']}" for e in r["errors"])
            console.print(f"[bold]{r['legacy_id']}[/bold] abgelehnt – {reasons}", highlight=False)


if __name__ == "__main__":
    sys.exit(main())
