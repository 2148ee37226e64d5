"""Field types for what staff type in: refused with a 422 naming the field, never stored odd.

- `Text`: no control characters (NUL, escape sequences, …); tab and newline only in `MultilineText`.
- `StaffDate` / `StaffMoment`: a date or moment staff enter (a contact, an appointment, a birth date)
  lies between 1900 and 2100; a moment carries its offset and is handed on in UTC. The range keeps
  calendar-edge values (`9999-12-31T23:59:59-12:00`) from overflowing when converted.
- `StaffId`, `OfficeId`, `Postcode`: identifiers and postcodes in ASCII only.
- `LocalTime`: a wall-clock time of day without an offset, answered as "HH:MM".
"""

from __future__ import annotations

import unicodedata
from datetime import UTC, date, datetime, time
from typing import Annotated

from pydantic import AfterValidator, AwareDatetime, PlainSerializer, StringConstraints, WithJsonSchema

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


SINGLE_LINE = AfterValidator(_single_line)  # to follow a StringConstraints that strips, in its Annotated
MULTILINE = AfterValidator(_multiline)  # the same for text where tab and newline are allowed
Text = Annotated[str, SINGLE_LINE]
MultilineText = Annotated[str, AfterValidator(_multiline)]
StaffDate = Annotated[date, AfterValidator(_plausible_date)]
StaffMoment = Annotated[AwareDatetime, AfterValidator(_plausible_moment)]
# A staff member's id as the roster and tokens carry it (`lutjenburg-cm-01`): lower-case ASCII, so it can
# travel in headers and idempotency keys.
StaffId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9._-]{1,99}$")]
# An office's id as the offices in services/*/data/ carry it (`lutjenburg`, `plon`): lower-case ASCII, so a
# filter or path parameter can never carry a NUL byte or anything else the database refuses.
OfficeId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,49}$")]
# A German postcode: five ASCII digits; `\d` would let Arabic-Indic and other Unicode digits through.
Postcode = Annotated[str, StringConstraints(pattern=r"^[0-9]{5}$")]


# A time of day on the office's wall clock (Europe/Berlin), e.g. when a shift starts. JSON Schema's `time`
# format demands an offset, which a wall-clock time has not: replies give "HH:MM" and the schema says so.
_CLOCK = r"^([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?$"


def _wall_clock(value: time) -> time:
    if value.tzinfo is not None or value.microsecond:
        raise ValueError("must be a time of day as HH:MM, without an offset")
    return value


def _clock_text(value: time) -> str:
    return value.strftime("%H:%M:%S" if value.second else "%H:%M")


LocalTime = Annotated[
    time,
    AfterValidator(_wall_clock),
    PlainSerializer(_clock_text, return_type=str, when_used="json"),
    WithJsonSchema({"type": "string", "pattern": _CLOCK, "examples": ["08:00"]}),
]
