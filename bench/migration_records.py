"""Generated legacy records for the migration benchmark: a Jobcenter's caseload as the import format takes it.

A realistic mix, reproducible by seed: every office of the district by its postcodes, households of two for
one record in six (the second member shares the legacy household key), target groups and obstacles, an
availability constraint for one in four, the case manager and programme of the legacy system for one in
three (round robin over each office's case managers), a current employment for one in ten, an open
appointment for one in five; one in a hundred is a second record of a person already in the file (a typo
in the name: a duplicate), one in fifty is refused (a postcode outside the district).
"""

from __future__ import annotations

import json
import random
from datetime import date, datetime, time, timedelta
from itertools import cycle
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

REPO = Path(__file__).resolve().parents[1]
GIVEN = ["Anna", "Lena", "Marie", "Sophie", "Mia", "Jonas", "Lukas", "Finn", "Paul", "Ali", "Olga", "Jörg", "Ümit"]
FAMILY = ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Schäfer",
          "Koch", "Bauer", "Richter", "Klein", "Wolf", "Schröder", "Neumann", "Schwarz", "Yılmaz", "Nowak"]  # fmt: skip
GROUPS = ["single_parent", "long_term_unemployed", "migrant_or_refugee", "unskilled", "older"]
OBSTACLES = ["debts", "missing_qualification", "childcare", "mobility", "language"]


def offices() -> dict[str, list[str]]:
    data = json.loads((REPO / "services/intake/data/offices.json").read_text(encoding="utf-8"))
    return {o["office_id"]: o["postcodes"] for o in data["offices"]}


def case_managers() -> dict[str, list[str]]:
    data = json.loads((REPO / "services/coaching/data/staff.json").read_text(encoding="utf-8"))
    found: dict[str, list[str]] = {}
    for s in data["staff"]:
        if "case_manager" in s["roles"]:
            found.setdefault(s["office_id"], []).append(s["staff_id"])
    return found


def generate(count: int, seed: int = 13, prefix: str = "GT") -> list[dict[str, Any]]:
    """`prefix` starts every legacy id and household key: files of different prefixes share no record."""
    rng = random.Random(seed)
    postcodes, managers = offices(), {o: cycle(m) for o, m in case_managers().items()}
    records: list[dict[str, Any]] = []
    while len(records) < count:
        n = len(records)
        office = rng.choice(sorted(postcodes))
        record = _person(rng, prefix, n, office, rng.choice(postcodes[office]), managers[office])
        records.append(record)
        if n % 6 == 0 and len(records) < count:  # a partner in the same household
            partner = _person(rng, prefix, n + 1, office, record["residence_postcode"], managers[office])
            partner["household_key"] = record["household_key"] = f"{prefix}-BG-{n:06d}"
            records.append(partner)
        if n % 100 == 7 and len(records) < count:  # the same person again, with a typo
            twin = json.loads(json.dumps(record))
            twin["legacy_id"] = f"{prefix}-{n:06d}-b"
            twin["person"]["family_name"] = twin["person"]["family_name"].replace("ü", "ue").replace("ö", "oe") + "n"
            records.append(twin)
    return records[:count]


def _appointment_at(n: int) -> datetime:
    """Tuesdays in 2027 between 8:00 and 11:30 (Lütjenburg opens 8:00–12:30): the case managers' slots spread, so
    coaching books most of them (two records of one case manager may still meet: a refusal, as in real data)."""
    slot = n // 5
    day = date(2027, 1, 12) + timedelta(days=7 * (slot % 40))
    return datetime.combine(day, time(8, 0), ZoneInfo("Europe/Berlin")) + timedelta(minutes=30 * ((slot // 40) % 8))


def _person(rng: random.Random, prefix: str, n: int, office: str, postcode: str, managers: Any) -> dict[str, Any]:
    born = date(1962, 1, 1) + timedelta(days=rng.randrange(365 * 45))
    record: dict[str, Any] = {
        "legacy_id": f"{prefix}-{n:06d}",
        "person": {"given_name": rng.choice(GIVEN), "family_name": rng.choice(FAMILY), "birth_date": born.isoformat()},
        "residence_postcode": postcode,
        "sex": rng.choice(["female", "male", "not_stated"]),
        "consent": True,
        "target_groups": sorted(set(rng.sample(GROUPS, rng.randrange(3)))),
        "obstacles": sorted(set(rng.sample(OBSTACLES, rng.randrange(3)))),
    }
    if n % 4 == 1:
        record["availability"] = {"earliest_daily_start": "08:00", "max_weekly_hours": 30}
    if n % 3 == 0:
        record["case_manager_id"], record["program_id"] = next(managers), "standard"
    if n % 10 == 3:
        start = date(2026, 1, 1) + timedelta(days=rng.randrange(300))
        record["employment"] = {"started_on": start.isoformat(), "weekly_hours": "38.5", "monthly_gross": "2600.00",
                                "monthly_net": "1880.00", "employer_key": f"AG-{rng.randrange(400):04d}"}  # fmt: skip
    if n % 5 == 2:
        record["appointments"] = [{"starts_at": _appointment_at(n).isoformat(), "kind": "consultation"}]
    if n % 50 == 11:
        record["residence_postcode"] = "10115"  # Berlin: outside the district, refused
    return record
