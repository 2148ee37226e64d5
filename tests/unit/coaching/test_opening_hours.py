"""In-person business inside opening hours, Europe/Berlin: Lütjenburg daily 08:00–12:30, Thursday also
14:00–18:00 (seed 000); Celle's JobLokal consultation day once a month in a town hall (seed 001)."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from services.coaching.app import load_reference
from services.platform.errors import RuleViolation

BERLIN = ZoneInfo("Europe/Berlin")
OFFICES = load_reference().offices
LUTJENBURG, CELLE = OFFICES.get("lutjenburg"), OFFICES.get("celle")


def berlin(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=BERLIN)


# January 2026: the 12th is a Monday, the 14th a Wednesday, the 15th a Thursday, the 17th a Saturday.
@pytest.mark.parametrize(
    ("at", "minutes", "inside"),
    [
        (berlin("2026-01-15 14:00"), 0, True),  # Thursday afternoon: open (seed 000)
        (berlin("2026-01-14 14:00"), 0, False),  # Wednesday afternoon: closed
        (berlin("2026-01-12 08:00"), 0, True),  # opening time is inside
        (berlin("2026-01-12 07:59"), 0, False),
        (berlin("2026-01-12 12:29"), 0, True),
        (berlin("2026-01-12 12:30"), 0, False),  # closing time is exclusive
        (berlin("2026-01-15 17:59"), 0, True),
        (berlin("2026-01-15 18:00"), 0, False),
        (berlin("2026-01-17 10:00"), 0, False),  # Saturday
        (berlin("2026-01-12 12:00"), 30, True),  # an appointment ending at closing time fits
        (berlin("2026-01-12 12:15"), 30, False),  # … one running past it does not
        (berlin("2026-01-15 12:00"), 150, False),  # nor one spanning the lunch break
        (datetime(2026, 1, 15, 13, 0, tzinfo=UTC), 0, True),  # 13:00 UTC = 14:00 CET on a Thursday
        (datetime(2026, 7, 13, 11, 0, tzinfo=UTC), 0, False),  # 11:00 UTC = 13:00 CEST: closed in summer
        (datetime(2026, 7, 16, 12, 0, tzinfo=UTC), 60, True),  # 12:00 UTC = 14:00 CEST on a Thursday
    ],
)
def test_lutjenburg_is_open_as_the_seed_says(at, minutes, inside):
    if inside:
        LUTJENBURG.check_in_person("starts_at", at, minutes)
    else:
        with pytest.raises(RuleViolation) as refused:
            LUTJENBURG.check_in_person("starts_at", at, minutes)
        assert refused.value.field == "starts_at"


def test_the_refusal_names_the_field_and_lists_the_hours():
    with pytest.raises(RuleViolation) as refused:
        LUTJENBURG.check_in_person("occurred_at", berlin("2026-01-14 14:00"))
    assert refused.value.field == "occurred_at"
    assert refused.value.reason == (
        "Wed 2026-01-14 14:00 is outside the opening hours of Lütjenburg: Mon 08:00–12:30; Tue 08:00–12:30; "
        "Wed 08:00–12:30; Thu 08:00–12:30, 14:00–18:00; Fri 08:00–12:30 (Europe/Berlin)"
    )


# January 2026: the 7th is the first Wednesday, the 14th the second, the 21st the third.
@pytest.mark.parametrize(
    ("location", "at", "inside"),
    [
        ("wathlingen", berlin("2026-01-07 10:00"), True),
        ("wathlingen", berlin("2026-01-14 10:00"), False),  # not Wathlingen's week
        ("bergen", berlin("2026-01-14 10:00"), True),
        ("hambuehren", berlin("2026-01-21 09:00"), True),
        ("hambuehren", berlin("2026-01-21 13:00"), False),
    ],
)
def test_joblokal_consultation_days_are_once_a_month_per_town_hall(location, at, inside):
    if inside:
        CELLE.check_in_person("starts_at", at, 30, location)
    else:
        with pytest.raises(RuleViolation, match="consultation hours"):
            CELLE.check_in_person("starts_at", at, 30, location)


def test_an_unknown_consultation_location_is_refused_naming_location_id():
    with pytest.raises(RuleViolation) as refused:
        LUTJENBURG.check_in_person("starts_at", berlin("2026-01-12 09:00"), 30, "wathlingen")
    assert refused.value.field == "location_id"
