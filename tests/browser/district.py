"""What the browser tests find already there: clients, vacancies and households, set up over the services' APIs.

The staff app has no intake desk, so registrations come in as the intake zone's own software sends them; the
tests then do the day's work in the browser. Each test registers clients of its own (names no other test uses),
so the tests share one platform without seeing each other's data.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from services.platform.auth.staff import Role
from tests.e2e import steps
from tests.e2e.staff import StaffApps

BERLIN = ZoneInfo("Europe/Berlin")
LUTJENBURG_POSTCODE = "24321"


async def register(
    staff: StaffApps,
    given_name: str,
    family_name: str,
    *,
    birth_date: str = "1988-06-21",
    earliest_start: str | None = None,
    target_groups: tuple[str, ...] = ("long_term_unemployed",),
) -> dict[str, Any]:
    """A client of Lütjenburg (by the postcode), with the case manager the journey assigns."""
    body: dict[str, Any] = {
        "person": {"given_name": given_name, "family_name": family_name, "birth_date": birth_date},
        "residence_postcode": LUTJENBURG_POSTCODE,
        "target_groups": list(target_groups),
        "consent": True,
    }
    if earliest_start is not None:
        body["availability"] = {"earliest_daily_start": earliest_start, "max_weekly_hours": 30}
    client: dict[str, Any] = await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=body)
    client["case_worker_id"] = await steps.assigned_case_worker(staff, client["client_id"])
    return client


def last_monday_at(hour: int, now: datetime | None = None) -> datetime:
    """`hour`:00 on the last Monday before today, Europe/Berlin."""
    day = (now or datetime.now(UTC)).astimezone(BERLIN).date() - timedelta(days=1)
    while day.weekday() != 0:
        day -= timedelta(days=1)
    return datetime.combine(day, time(hour), BERLIN)


def next_monday_at(hour: int, now: datetime | None = None) -> datetime:
    """`hour`:00 on the first Monday after today, Europe/Berlin."""
    day = (now or datetime.now(UTC)).astimezone(BERLIN).date() + timedelta(days=1)
    while day.weekday() != 0:
        day += timedelta(days=1)
    return datetime.combine(day, time(hour), BERLIN)


def as_typed(moment: datetime) -> str:
    """How a browser's date-and-time field takes a local moment."""
    return moment.strftime("%Y-%m-%dT%H:%M")


def first_of_month(today: date) -> date:
    return today.replace(day=1)
