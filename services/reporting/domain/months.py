"""Calendar months as the Verordnung counts them: a month is its 1st day; windows end with the Bezugsmonat."""

from datetime import date


def first_of_month(day: date) -> date:
    return day.replace(day=1)


def add_months(month: date, count: int) -> date:
    index = month.year * 12 + month.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def window(month: date, length: int) -> list[date]:
    """The `length` months ending with `month` (oldest first): "die vergangenen zwölf Monate" are the
    Bezugsmonat and the eleven before it, as the Federal Employment Agency's statistics count them."""
    return [add_months(month, -back) for back in range(length - 1, -1, -1)]
