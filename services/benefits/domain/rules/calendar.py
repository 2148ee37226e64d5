"""Date helpers for the rule tables."""

from __future__ import annotations

from datetime import date


def first_day(year: int) -> date:
    return date(year, 1, 1)


def last_day(year: int) -> date:
    return date(year, 12, 31)


REFORM_2026 = date(2026, 7, 1)
"""13. SGB II-Änderungsgesetz ("Neue Grundsicherung") in force."""

BUERGERGELD_2023 = date(2023, 1, 1)
"""Bürgergeld-Gesetz, first stage; our tables start here."""

BUERGERGELD_STAGE_2 = date(2023, 7, 1)
"""Bürgergeld-Gesetz, second stage: today's § 11b bands and § 11b Abs. 2b."""
