"""Months in SQL the same on SQLite and PostgreSQL: a date's month as a number, a set of months as bits.

`month_number` is `domain.months.month_number` in the database. Consecutive months have consecutive numbers, so
"the month before" and "within the 24 months ending with it" are arithmetic on integers, which both databases do
alike, where date arithmetic is spelt differently in each. `months_set` gathers a group's months, each given as
its bit, into one integer (`use_cases/counting.py`).
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import BigInteger, Integer
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.functions import FunctionElement


class month_number(FunctionElement[int]):
    """year × 12 + month − 1 of a DATE column (any day of the month)."""

    type = Integer()
    inherit_cache = True
    name = "month_number"


@compiles(month_number, "sqlite")
def _on_sqlite(element: month_number, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite keeps a DATE as ISO text, 'YYYY-MM-DD'; cutting it is cheaper than strftime.
    day = compiler.process(element.clauses, **kw)
    return f"(CAST(substr({day}, 1, 4) AS INTEGER) * 12 + CAST(substr({day}, 6, 2) AS INTEGER) - 1)"


@compiles(month_number, "postgresql")
def _on_postgresql(element: month_number, compiler: SQLCompiler, **kw: Any) -> str:
    # date_part gives a double; EXTRACT a numeric, six times slower to compute over an office's needy months.
    day = compiler.process(element.clauses, **kw)
    return f"(CAST(date_part('year', {day}) AS INTEGER) * 12 + CAST(date_part('month', {day}) AS INTEGER) - 1)"


@compiles(month_number)
def _in_standard_sql(element: month_number, compiler: SQLCompiler, **kw: Any) -> str:
    day = compiler.process(element.clauses, **kw)
    return f"(CAST(EXTRACT(YEAR FROM {day}) AS INTEGER) * 12 + CAST(EXTRACT(MONTH FROM {day}) AS INTEGER) - 1)"


class months_set(FunctionElement[int]):
    """The bits of a group's rows or-ed into one BIGINT: the months of a person, when each row is one month's bit."""

    type = BigInteger()
    inherit_cache = True
    name = "months_set"


@compiles(months_set, "postgresql")
def _or_on_postgresql(element: months_set, compiler: SQLCompiler, **kw: Any) -> str:
    return f"bit_or({compiler.process(element.clauses, **kw)})"


@compiles(months_set)
def _sum_elsewhere(element: months_set, compiler: SQLCompiler, **kw: Any) -> str:
    # SQLite has no bit_or; a sum is the same as long as no month's bit is in two rows of a group, which the
    # callers guarantee (one needy row per person and month, insured months made distinct by a UNION).
    return f"sum({compiler.process(element.clauses, **kw)})"
