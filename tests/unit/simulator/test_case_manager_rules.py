"""What the simulated case managers decide: participation endings, cohort outcomes, invitations with the notice
of legal consequences (§ 32 SGB II) and how many miss them (rules and assumptions: simulator/calibration.py)."""

from __future__ import annotations

import random
from datetime import date

from simulator.calibration import (
    INVITATION_WITH_NOTICE_SHARE,
    JOBOFFENSIVE_USUAL_MONTHS,
    NO_SHOW_SHARE,
    cohort_outcome,
    invited_with_notice,
    missed,
    participation_ending,
)
from simulator.rounds import months_between


def test_a_hired_joboffensive_participant_ends_in_work_whenever_hired():
    assert participation_ending("joboffensive", "employed", 1) == "in_work"
    assert participation_ending("joboffensive", "sustained", 9) == "in_work"


def test_a_joboffensive_participant_without_a_job_is_back_in_standard_after_the_usual_time_not_before():
    assert participation_ending("joboffensive", "coaching", JOBOFFENSIVE_USUAL_MONTHS - 1) is None
    assert participation_ending("joboffensive", "ready", JOBOFFENSIVE_USUAL_MONTHS) == "completed"


def test_base_programmes_and_gemeinsam_are_not_ended_by_the_rounds():
    """Standard and u25 are where an ended case returns; Gemeinsam ends with its cohort."""
    for programme in ("standard", "u25", "gemeinsam", None):
        assert participation_ending(programme, "employed", 12) is None


def test_a_cohort_members_outcome_follows_the_clients_state():
    assert [cohort_outcome(p) for p in ("employed", "sustained", "coaching", "ready", "stopped")] == [
        "in_work",
        "in_work",
        "continuing",
        "continuing",
        "dropped_out",
    ]


def test_months_in_a_programme_are_calendar_months():
    assert months_between(date(2025, 10, 14), date(2026, 4, 1)) == 6
    assert months_between(date(2026, 4, 1), date(2026, 4, 30)) == 0


def test_about_one_month_in_five_brings_an_invitation_and_about_one_in_eight_invitees_misses():
    rng = random.Random(2016)
    draws = [rng.random() for _ in range(20_000)]
    invited = sum(map(invited_with_notice, draws)) / len(draws)
    misses = sum(map(missed, draws)) / len(draws)
    assert abs(invited - INVITATION_WITH_NOTICE_SHARE) < 0.01
    assert abs(misses - NO_SHOW_SHARE) < 0.01
    assert invited_with_notice(0.0) and not invited_with_notice(INVITATION_WITH_NOTICE_SHARE)
    assert missed(0.0) and not missed(NO_SHOW_SHARE)
