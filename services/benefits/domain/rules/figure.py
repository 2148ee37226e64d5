"""Statutory figures as data: each value is valid for a date range and names its source."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Generic, TypeVar

from services.benefits.domain.errors import NoRuleForDate

T = TypeVar("T")


@dataclass(frozen=True)
class Figure(Generic[T]):
    """One value of a rule, valid from `valid_from` to `valid_to` (inclusive; None = open)."""

    value: T
    valid_from: date
    valid_to: date | None
    source: str

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
