"""Calendar months as the Verordnung counts them: a month is its 1st day; windows end with the Bezugsmonat."""

from datetime import date


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def month_number(month: date) -> int:
    """Months since year 0: consecutive months have consecutive numbers (what the database counts with too)."""
    return month.year * 12 + month.month - 1


def months_between(first: date, last: date) -> list[date]:
    """`first` … `last`, both included (oldest first)."""
    return window(last, month_number(last) - month_number(first) + 1) if first <= last else []


def window(month: date, length: int) -> list[date]:
    """The `length` months ending with `month` (oldest first): "die vergangenen zwölf Monate" are the
    Bezugsmonat and the eleven before it, as the Federal Employment Agency's statistics count them."""
    return [add_months(month, -back) for back in range(length - 1, -1, -1)]


# How far back a month's figures read: K3 for the month a year before the Bezugsmonat counts the 24 months
# before that one (§ 6 Abs. 1 S. 2), and its Abgang the month before — 37 months; four years leave room.
LOOKBACK = 48


def months_read(month: date) -> tuple[date, date]:
    """The first and the last month whose facts the figures of the Bezugsmonat `month` can depend on."""
    month = first_of_month(month)
    return add_months(month, -LOOKBACK), month
