"""Which months an operator may start a payment run for. Pure, no I/O.

The run for month M pays M, in advance at its start (§ 42 Abs. 1 SGB II; services/benefits/domain/payment_runs.py),
so the month is named by its first day. An operator may start the next month's run early (a holiday at the turn of
the month), never one further ahead: the roll of a later month can still change with every decision. Past months
are allowed — a run of a completed month pays only households not yet paid, and the demo plays a past calendar.
"""

from __future__ import annotations

from datetime import date

# The first month the benefits rule tables hold a Regelbedarf for (standard_need.yaml, Bürgergeld from 2023-01-01):
# no decision, and so no roll row, can exist before it. A unit test holds this to the shipped tables.
FIRST_MONTH = date(2023, 1, 1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def month_refusal(month: date, today: date) -> str | None:
    """Why no run may be started for `month` on `today` (Berlin), or None."""
    if month.day != 1:
        return f"{month.isoformat()} is not the first day of a month: a run is named by its month's first day"
    if month < FIRST_MONTH:
        return f"{month:%Y-%m} is before {FIRST_MONTH:%Y-%m}, the first month of the rule tables"
    latest = next_month(today.replace(day=1))
    if month > latest:
        return f"{month:%Y-%m} lies beyond next month ({latest:%Y-%m}): its roll is not settled"
    return None
