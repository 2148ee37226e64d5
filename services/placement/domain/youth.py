"""The apprenticeship rate: the share of an office's apprenticeship seekers of a year who got a place. No I/O.

The Kreis Gütersloh wants an apprenticeship for every third apprenticeship seeker. A seeker counts in the
calendar year their search began (`seeking_since`); they count as placed once an apprenticeship of theirs
started on or after that day, whenever it started.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

GOAL = Fraction(1, 3)


@dataclass(frozen=True)
class ApprenticeshipRate:
    office_id: str
    year: int
    seekers: int
    placed: int

    @property
    def rate(self) -> float | None:
        return round(self.placed / self.seekers, 4) if self.seekers else None

    @property
    def goal(self) -> float:
        return round(float(GOAL), 4)

    @property
    def meets_goal(self) -> bool | None:
        return Fraction(self.placed, self.seekers) >= GOAL if self.seekers else None


def is_placed(seeking_since: date, apprenticeship_starts: list[date]) -> bool:
    return any(start >= seeking_since for start in apprenticeship_starts)
