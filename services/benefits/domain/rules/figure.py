"""Statutory figures as data: each value is valid for a date range and names its source.

The figures themselves live in reviewed rule tables (`services/benefits/rule_tables/*.yaml`); the domain only
declares which provisions it needs (`Provision`) and receives their parsed figures once, at start-up.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from services.benefits.domain.errors import NoRuleForDate, RuleTablesNotInstalled
from services.benefits.domain.rules.table_values import TableValue

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)

_installs = [0]  # bumped by every Provision.install: what was derived from the figures before is stale


@dataclass(frozen=True)
class Figure(Generic[T]):
    """One value of a rule, valid from `valid_from` to `valid_to` (inclusive; None = open)."""

    value: T
    valid_from: date
    valid_to: date | None
    source: str
    note: str = ""

    def applies_on(self, on: date) -> bool:
        return self.valid_from <= on and (self.valid_to is None or on <= self.valid_to)


@dataclass(frozen=True)
class Rule(Generic[T]):
    """A named table of figures; lookups outside every range raise NoRuleForDate."""

    name: str
    figures: tuple[Figure[T], ...]

    def at(self, on: date) -> Figure[T]:
        for figure in self.figures:
            if figure.applies_on(on):
                return figure
        raise NoRuleForDate(self.name, on)

    def value_at(self, on: date) -> T:
        return self.at(on).value


class Provision(Generic[T]):
    """A provision whose figures the engine needs: the table `<key>.yaml`, its values read by `decode`.

    Its rule is installed once at start-up (`RuleTables.install`); looking a figure up before that is a
    programming error, not a missing figure.
    """

    __slots__ = ("_by_date", "_rule", "decode", "key", "name")

    def __init__(self, key: str, name: str, decode: Callable[[TableValue], T]) -> None:
        self.key = key
        self.name = name
        self.decode = decode
        self._rule: Rule[T] | None = None
        # The engine asks for the same few months thousands of times; an installed rule never changes, so
        # each date's figure is found once (install() starts afresh).
        self._by_date: dict[date, Figure[T]] = {}

    def __repr__(self) -> str:
        return f"Provision({self.key!r})"

    @property
    def rule(self) -> Rule[T]:
        if self._rule is None:
            raise RuleTablesNotInstalled(self.key)
        return self._rule

    def install(self, rule: Rule[T]) -> None:
        self._rule = rule
        self._by_date = {}
        _installs[0] += 1

    def at(self, on: date) -> Figure[T]:
        try:
            return self._by_date[on]
        except KeyError:
            figure = self._by_date[on] = self.rule.at(on)  # a date without a figure raises and is not kept
            return figure

    def value_at(self, on: date) -> T:
        return self.at(on).value


def derived(compute: Callable[[K], T]) -> Callable[[K], T]:
    """`compute(key)` once per key until the next rule install: for what the engine derives from figures (a
    note, a band's wording) and would otherwise build afresh for every household. Keys are dates, flags and
    small numbers, a handful of each, so the memo stays small; a new install starts it afresh."""
    values: dict[K, T] = {}
    seen = [_installs[0]]

    def lookup(key: K) -> T:
        if seen[0] != _installs[0]:
            values.clear()
            seen[0] = _installs[0]
        try:
            return values[key]
        except KeyError:
            value = values[key] = compute(key)
            return value

    return lookup
