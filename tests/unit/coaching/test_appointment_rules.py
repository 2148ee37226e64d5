"""The pure rules of appointments: clashes, kinds, holidays by Land, consultation slots, weekly series,
consecutive misses, reminders, the calendar feed."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from icalendar import Calendar

from contracts.events import ContactChannel
from services.coaching.domain.appointment_policy import AppointmentPolicy, ReminderPolicy, consultation_dates, holiday
from services.coaching.domain.appointments import (
    AppointmentDetail,
    AppointmentKind,
    AppointmentStatus,
    Booking,
    DoubleBooking,
    Full,
    Participant,
    check_free,
    check_people,
    clashes,
)
from services.coaching.domain.attendance import Attendance, consecutive_misses
from services.coaching.domain.calendar_feed import calendar
from services.coaching.domain.offices import BERLIN, OfficeDirectory
from services.coaching.domain.reminders import Recipient, due, reminders_for
from services.coaching.domain.series import weekly
from services.platform.errors import RuleViolation

DATA = Path(__file__).parents[3] / "services" / "coaching" / "data"
POLICY = AppointmentPolicy.from_data(json.loads((DATA / "appointments.json").read_text(encoding="utf-8")))
OFFICES = OfficeDirectory.from_data(json.loads((DATA / "offices.json").read_text(encoding="utf-8")))
NINE = datetime(2026, 3, 5, 9, 0, tzinfo=BERLIN)
ANNA, BERT = uuid4(), uuid4()


def booking(start: datetime, minutes: int = 30, staff=("cm-1",), clients=(ANNA,), room=None) -> Booking:
    return Booking(start, minutes, frozenset(staff), frozenset(clients), room, uuid4())


def test_a_booking_that_overlaps_names_the_staff_member_the_client_and_the_room_it_clashes_with():
    booked = [booking(NINE, staff=("cm-1", "coach-2"), room="gruppenraum")]
    candidate = booking(NINE + timedelta(minutes=15), staff=("coach-2",), room="gruppenraum")
    assert clashes(candidate, booked) == ["staff coach-2", f"client {ANNA}", "room gruppenraum"]
    with pytest.raises(DoubleBooking) as refused:
        check_free(candidate, booked)
    assert refused.value.what == ["staff coach-2", f"client {ANNA}", "room gruppenraum"]


def test_a_booking_that_starts_when_another_ends_does_not_clash():
    assert clashes(booking(NINE + timedelta(minutes=30)), [booking(NINE)]) == []


def test_a_team_consultation_takes_two_staff_or_more_and_one_client():
    check_people(AppointmentKind.TEAM, ["coach-1", "coach-2", "coach-3"], 1, None)
    with pytest.raises(RuleViolation) as one:
        check_people(AppointmentKind.TEAM, ["coach-1"], 1, None)
    assert one.value.field == "staff_ids"
    with pytest.raises(RuleViolation) as two_clients:
        check_people(AppointmentKind.TEAM, ["coach-1", "coach-2"], 2, None)
    assert two_clients.value.field == "participants"


def test_a_group_session_needs_a_capacity_and_refuses_more_participants_than_it_holds():
    with pytest.raises(RuleViolation):
        check_people(AppointmentKind.GROUP, ["coach-1"], 0, None)
    with pytest.raises(Full):
        check_people(AppointmentKind.GROUP, ["coach-1"], 3, 2)


@pytest.mark.parametrize(
    ("land", "day", "name"),
    [
        ("SH", date(2026, 10, 31), "Reformationstag"),
        ("NI", date(2026, 4, 3), "Karfreitag"),
        ("SH", date(2026, 3, 5), None),
    ],
)
def test_public_holidays_follow_the_land_of_the_office(land, day, name):
    assert holiday(land, day) == name


def test_an_appointment_in_lutjenburg_on_reformation_day_is_refused_naming_the_holiday():
    office = OFFICES.get("lutjenburg")
    assert office is not None
    with pytest.raises(RuleViolation) as refused:
        POLICY.check_not_holiday(office, datetime(2026, 10, 31, 9, tzinfo=BERLIN))
    assert refused.value.field == "starts_at" and "Reformationstag" in refused.value.reason


def test_joblokal_in_wathlingen_falls_on_the_first_wednesday_and_is_booked_in_half_hour_slots():
    celle = OFFICES.get("celle")
    assert celle is not None
    day = celle.consultation_day("wathlingen")
    assert day is not None
    assert consultation_dates(day, date(2026, 2, 1)) == [date(2026, 2, 4)]
    slots = POLICY.slots(day, date(2026, 2, 4))
    assert [s.strftime("%H:%M") for s in (slots[0], slots[-1])] == ["09:00", "12:30"] and len(slots) == 8
    assert POLICY.slots(day, date(2026, 2, 11)) == []
    with pytest.raises(RuleViolation):
        POLICY.check_slot(day, datetime(2026, 2, 4, 9, 15, tzinfo=BERLIN), 30)


def test_a_weekly_series_keeps_its_local_time_across_summer_time_and_leaves_out_holidays():
    first = datetime(2026, 3, 19, 9, 0, tzinfo=BERLIN).astimezone(UTC)  # Thursdays; summer time from 29 March
    plan = weekly(first, date(2026, 5, 21), lambda d: holiday("SH", d) is not None)
    local = [s.astimezone(BERLIN) for s in plan.starts]
    assert {s.strftime("%a %H:%M") for s in local} == {"Thu 09:00"}
    assert plan.skipped == [date(2026, 5, 14)]  # Ascension Day
    assert len(plan.starts) == 9


def test_a_series_longer_than_sixty_weeks_is_refused():
    with pytest.raises(RuleViolation) as refused:
        weekly(NINE, NINE.date() + timedelta(weeks=61), lambda d: False)
    assert refused.value.field == "until"


@pytest.mark.parametrize(
    ("history", "run"),
    [
        ([Attendance.MISSED], 1),
        ([Attendance.MISSED, None, Attendance.MISSED, Attendance.MISSED], 3),
        ([Attendance.MISSED, Attendance.EXCUSED, Attendance.MISSED], 1),
        ([Attendance.MISSED, Attendance.ATTENDED, Attendance.MISSED, Attendance.MISSED], 2),
    ],
)
def test_consecutive_misses_count_back_until_an_attended_or_excused_appointment(history, run):
    assert consecutive_misses(history) == run


def test_reminders_fall_due_the_policys_days_before_and_never_after_the_appointment_began():
    starts = datetime(2026, 3, 10, 9, tzinfo=UTC)
    planned = reminders_for(uuid4(), starts, ["cm-1"], [ANNA], ReminderPolicy(1, 2))
    assert [(r.recipient, r.due_at) for r in planned] == [
        (Recipient.STAFF, starts - timedelta(days=1)),
        (Recipient.CLIENT, starts - timedelta(days=2)),
    ]
    assert [r.recipient for r in due(planned, starts - timedelta(days=1, hours=12), starts)] == [Recipient.CLIENT]
    assert due(planned, starts + timedelta(minutes=1), starts) == []


def _detail(status: AppointmentStatus, sequence: int) -> AppointmentDetail:
    return AppointmentDetail(
        uuid4(),
        AppointmentKind.TEAM,
        status,
        "celle",
        ["coach-1", "coach-2"],
        NINE,
        30,
        ContactChannel.IN_PERSON,
        "wathlingen",
        None,
        None,
        None,
        sequence,
        [Participant(BERT, NINE, None, None, None)],
        None,
        None,
    )


def test_the_calendar_feed_gives_stable_uids_marks_cancellations_and_names_no_client():
    booked, cancelled = _detail(AppointmentStatus.BOOKED, 0), _detail(AppointmentStatus.CANCELLED, 2)
    feed = calendar("coach-1", [booked, cancelled], {"wathlingen": "JobLokal Wathlingen"}, NINE)
    events = Calendar.from_ical(feed).walk("VEVENT")
    assert [str(e["uid"]) for e in events] == [f"{booked.appointment_id}@lotse", f"{cancelled.appointment_id}@lotse"]
    assert [str(e["status"]) for e in events] == ["CONFIRMED", "CANCELLED"] and int(events[1]["sequence"]) == 2
    assert str(events[0]["location"]) == "JobLokal Wathlingen" and "Teamberatung" in str(events[0]["summary"])
    assert str(BERT) not in feed.decode()
