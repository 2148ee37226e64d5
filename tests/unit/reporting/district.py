"""A synthetic district of two offices over 36 months, seeded, for the report tests (not hand-computed: the
report is checked against compute_figures on the same facts)."""

from __future__ import annotations

import random
from datetime import date
from uuid import uuid4

from services.reporting.domain.facts import District
from services.reporting.domain.months import add_months, window
from tests.unit.reporting.builders import Town

REPORT_MONTH = date(2026, 3, 1)
OFFICES = {"plon": "Plön", "lutjenburg": "Lütjenburg"}
PROGRAMMES = ("standard", "joboffensive", "gemeinsam")


def synthetic_district(people: int = 160, seed: int = 48) -> District:
    rng = random.Random(seed)
    town = Town()
    months = window(REPORT_MONTH, 36)
    for _ in range(people):
        programme, office = rng.choice(PROGRAMMES), rng.choice(list(OFFICES))
        client = town.person(
            office=office, sex=rng.choice(["female", "male"]), programme=programme,
            single_parent=programme == "gemeinsam",
        )  # fmt: skip
        first = rng.randrange(0, 32)
        needy_until = rng.randrange(first + 4, len(months) + 8)
        home = uuid4()
        for m in months[first : min(needy_until, len(months))]:
            subsistence, housing = str(rng.randrange(400, 900)), str(rng.randrange(300, 600))
            town.share(client, m, subsistence, housing, home)  # alone in the household: its whole need share
            town.paid(m, subsistence, housing, office=office, household=home)
        start = add_months(months[first], rng.randrange(0, 4))
        end = add_months(start, rng.randrange(3, 10))
        town.joins(client, programme, start, None if end > REPORT_MONTH else add_months(end, 1) - _DAY)
        for m in months[first:needy_until]:
            if m <= REPORT_MONTH and start <= m:
                town.contacted(client, m, rng.randrange(0, 5))
        if needy_until <= len(months):
            job = months[needy_until - 1]  # taken up while still needy: an integration (§ 5 Abs. 1)
            town.starts_job(
                client, job.replace(day=rng.randrange(1, 28)), rng.choice(["insured", "insured", "marginal"])
            )
            stays = rng.randrange(2, 14)
            town.insured_in(client, [add_months(job, k) for k in range(stays) if add_months(job, k) <= REPORT_MONTH])
    return town.district()


_DAY = date(2026, 1, 2) - date(2026, 1, 1)
