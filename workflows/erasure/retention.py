"""When a person's data are past the retention period (no I/O): pure, so the workflow and its tests agree.

The period runs from the end of the case (coaching's `closed_at`), 10 years by default — common practice
for Jobcenter files (Aufbewahrungsfrist) — and is a setting of the sweep, not a constant here.
"""

from __future__ import annotations

from datetime import datetime

DEFAULT_RETENTION_YEARS = 10


def retention_cutoff(now: datetime, years: int = DEFAULT_RETENTION_YEARS) -> datetime:
    """Cases closed before this moment are past retention: the same calendar moment `years` earlier
    (29 February falls back to 28 February)."""
    if years < 1:
        raise ValueError("the retention period is at least one year")
    try:
        return now.replace(year=now.year - years)
    except ValueError:  # 29 February in a year that has none
        return now.replace(year=now.year - years, day=28)


def past_retention(closed_at: datetime, now: datetime, years: int = DEFAULT_RETENTION_YEARS) -> bool:
    return closed_at < retention_cutoff(now, years)
