"""The monthly report's first PDF of a process against its next ones, with and without the start-up warm-up.

Run: `python -m bench.reporting_first_pdf [--runs N]`

Each run is a fresh Python process (nothing imported, no engine started) that builds one office's monthly report
of a synthetic district (`tests/unit/reporting/district.py`: 80 people, the four trend and programme charts) and
typesets it twice:

cold    the first `render_report` of the process, as the first `GET /reports/monthly` after a start paid it
        before reporting warmed up at start-up
warmed  the same, after `printer.warm_up()` (what reporting's start-up now runs in a thread of its own)
warm    the second render of the same process: the raw limit, what typesetting this report costs at all

first/warm is what the first request pays against every later one (1.0 = nothing paid for being first).
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys

CHILD = """
import json, sys, time
from services.reporting.programme_terms import load_programme_terms
from services.reporting.report import build_report, printer
from tests.unit.reporting.district import PROGRAMMES, REPORT_MONTH, synthetic_district

terms = {k: t for k, t in load_programme_terms().items() if k in PROGRAMMES}
report = build_report(synthetic_district(people=80), REPORT_MONTH, jobcenter="Jobcenter Kreis Plön", office="Plön",
                      office_id="plon", terms=terms, case_managers={p: 1 for p in PROGRAMMES})
warm_up = 0.0
if sys.argv[1] == "warmed":
    started = time.perf_counter(); printer.warm_up(); warm_up = time.perf_counter() - started
started = time.perf_counter(); printer.render_report(report); first = time.perf_counter() - started
started = time.perf_counter(); printer.render_report(report); warm = time.perf_counter() - started
print(json.dumps({"warm_up": warm_up, "first": first, "warm": warm}))
"""


def run(mode: str) -> dict[str, float]:
    done = subprocess.run([sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True)
    figures: dict[str, float] = json.loads(done.stdout.strip().splitlines()[-1])
    return figures


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=3)
    runs = parser.parse_args().runs
    print(f"{'':8} {'warm-up s':>9} {'first s':>8} {'warm s':>7} {'first/warm':>10}   (median of {runs} processes)")
    for mode in ("cold", "warmed"):
        found = [run(mode) for _ in range(runs)]
        warm_up, first, warm = (statistics.median(f[k] for f in found) for k in ("warm_up", "first", "warm"))
        print(f"{mode:8} {warm_up:9.2f} {first:8.2f} {warm:7.2f} {first / warm:10.2f}")


if __name__ == "__main__":
    main()
