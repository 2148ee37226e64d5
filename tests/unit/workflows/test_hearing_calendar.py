"""The hearing's days on the demo's compressed calendar: pinned to the miss's day at the moment the hearing
started, its statement deadline and the six months of § 31b Abs. 1 S. 3 SGB II ("Die Feststellung der Minderung
ist nur innerhalb von sechs Monaten ab dem Zeitpunkt der Pflichtverletzung zulässig.") lie on that calendar."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest

from workflows.hearing import rules
from workflows.hearing.models import Statement, Status
from workflows.journey.policy import REAL_MONTH_SECONDS

from .test_hearing_rules import hearing

STARTED = datetime(2026, 12, 3, 9, 0, tzinfo=UTC)  # the workflow time the hearing started
MISSED_ON = date(2025, 9, 8)  # the demo's miss, months before the machine's today
MONTH = 20.0  # the demo: a month of 30 days in 20 s


def test_on_the_compressed_calendar_the_hearing_opens_on_the_day_of_the_miss():
    calendar = rules.hearing_calendar(MISSED_ON, STARTED, MONTH)
    assert calendar.day(STARTED) == MISSED_ON
    assert rules.statement_due(calendar.day(STARTED), 14) == date(2025, 9, 22)


def test_the_six_months_of_section_31b_end_six_compressed_months_after_the_miss():
    """§ 31b Abs. 1 S. 3: determined until 7 March 2026 (the day before six months from 8 September 2025); on a
    20 s month that day is over about two minutes of worker time after the hearing started."""
    calendar = rules.hearing_calendar(MISSED_ON, STARTED, MONTH)
    deadline = rules.determination_deadline(MISSED_ON, 6)
    assert deadline == date(2026, 3, 7)
    days = (deadline + timedelta(days=1) - MISSED_ON).days  # 181 days of the calendar
    assert rules.over_at(calendar, deadline) == STARTED + timedelta(seconds=days * MONTH / 30)
    assert calendar.day(rules.over_at(calendar, deadline) - timedelta(milliseconds=1)) == deadline
    assert calendar.day(rules.over_at(calendar, deadline)) == deadline + timedelta(days=1)


def test_a_hearing_started_late_dates_its_deadlines_later_on_the_worker_clock_never_earlier():
    """The miss took 30 s through the pipeline: every deadline moves by those 30 s, and the days stay the law's."""
    prompt = rules.hearing_calendar(MISSED_ON, STARTED, MONTH)
    late = rules.hearing_calendar(MISSED_ON, STARTED + timedelta(seconds=30), MONTH)
    deadline = rules.determination_deadline(MISSED_ON, 6)
    assert rules.over_at(late, deadline) - rules.over_at(prompt, deadline) == timedelta(seconds=30)
    due = rules.statement_due(late.day(STARTED + timedelta(seconds=30)), 14)
    assert due == rules.statement_due(prompt.day(STARTED), 14)


def test_the_real_calendar_is_the_worker_clock_as_before():
    calendar = rules.hearing_calendar(MISSED_ON, STARTED, None)
    assert calendar.day(STARTED) == rules.german_date(STARTED)
    deadline = rules.determination_deadline(date(2026, 11, 30), 6)
    assert rules.over_at(calendar, deadline) == rules.end_of_day(deadline)
    month = date(2027, 2, 1)
    assert calendar.worker_moment(rules.decide_month_at(month, 10)) == rules.decide_month_at(month, 10)


def test_a_calendar_of_thirty_real_days_a_month_is_the_real_calendar():
    calendar = rules.hearing_calendar(MISSED_ON, STARTED, REAL_MONTH_SECONDS)
    assert calendar.after(timedelta(days=14)) == timedelta(days=14)


def test_a_statement_is_taken_from_the_day_the_hearing_opened_on_its_calendar():
    """On the compressed calendar the hearing opened on the miss's day, months before the worker's `opened_at`."""
    state = hearing(Status.AWAITING_STATEMENT, occurred_on=MISSED_ON).model_copy(
        update={"opened_at": STARTED, "opened_on": MISSED_ON}
    )
    today = MISSED_ON + timedelta(days=3)
    rules.check_statement(state, Statement(received_on=today, recorded_by="plon-cm-01"), today)
    before = Statement(received_on=MISSED_ON - timedelta(days=1), recorded_by="plon-cm-01")
    with pytest.raises(rules.Refused) as refused:
        rules.check_statement(state, before, today)
    assert refused.value.field == "received_on"
