"""Field types for what staff type in: refused with a 422 naming the field, never stored odd.

- `Text`: no control characters (NUL, escape sequences, …); tab and newline only in `MultilineText`.
- `StaffDate` / `StaffMoment`: a date or moment staff enter (a contact, an appointment, a birth date)
  lies between 1900 and 2100; a moment carries its offset and is handed on in UTC. The range keeps
  calendar-edge values (`9999-12-31T23:59:59-12:00`) from overflowing when converted.
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, StringConstraints

EARLIEST = date(1900, 1, 1)
LATEST = date(2100, 12, 31)
_LINE_BREAKS = frozenset("\n\r\t")


def _control_characters(value: str, allowed: frozenset[str]) -> list[str]:
    return [
        repr(c)
        for c in value
        if unicodedata.category(c) in {"Cc", "Cf", "Cs"} and c not in allowed and c not in "\u200d"
    ]  # ZWJ joins emoji and some scripts' letters


def _single_line(value: str) -> str:
    if bad := _control_characters(value, frozenset()):
        raise ValueError(f"contains control characters: {', '.join(dict.fromkeys(bad))}")
    return value


def _multiline(value: str) -> str:
    if bad := _control_characters(value, _LINE_BREAKS):
        raise ValueError(f"contains control characters: {', '.join(dict.fromkeys(bad))}")
    return value


def _plausible_date(value: date) -> date:
    if not EARLIEST <= value <= LATEST:
        raise ValueError(f"must lie between {EARLIEST.isoformat()} and {LATEST.isoformat()}")
    return value


def _plausible_moment(value: datetime) -> datetime:
    # Checked on the local date before converting: converting year 9999 at -12:00 to UTC overflows.
    _plausible_date(value.date())
    return value.astimezone(UTC)


Text = Annotated[str, AfterValidator(_single_line)]
MultilineText = Annotated[str, AfterValidator(_multiline)]
StaffDate = Annotated[date, AfterValidator(_plausible_date)]
StaffMoment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
# A staff member's id as the roster and tokens carry it (`lutjenburg-cm-01`): lower-case ASCII, so it can
# travel in headers and idempotency keys.
StaffId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{1,99}$")]
