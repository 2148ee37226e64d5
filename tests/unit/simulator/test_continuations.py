"""The benefits desk's continuation applications (Weiterbewilligung, § 37 Abs. 2, § 41 Abs. 3 SGB II)."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date

from simulator.calibration import CALIBRATION
from simulator.continuations import continuation_line, filing_month, period_to_continue

JULY = date(2026, 7, 1)


def decision(kind: str, end: str) -> dict[str, object]:
    return {"kind": kind, "approval_period": {"start": "2025-08-01", "end": end, "months": 12}}


def test_a_household_in_need_applies_in_its_periods_last_month_and_a_few_apply_late() -> None:
    """§ 37 Abs. 2: a late application loses the months before its own; the share late is the calibration's."""
    months = [filing_month(JULY, random.Random(seed)) for seed in range(4000)]
    late = [m for m in months if m != JULY]
    assert abs(len(late) / len(months) - CALIBRATION.late_continuation_share) < 0.015
    assert set(late) == {date(2026, 9, 1), date(2026, 10, 1)}  # one or two months lost (August is not)


def test_nobody_files_late_when_the_calibration_says_so() -> None:
    never = replace(CALIBRATION, late_continuation_share=0.0)
    assert {filing_month(JULY, random.Random(seed), never) for seed in range(200)} == {JULY}


def test_the_period_to_continue_is_the_latest_decisions_unless_the_entitlement_ended() -> None:
    """A change keeps the period it changes (§ 48 SGB X); after an end a new application is a first one."""
    granted, changed = decision("grant", "2026-07-31"), decision("change", "2026-07-31")
    assert period_to_continue([granted, changed]) == JULY
    assert period_to_continue([granted, decision("end", "2026-07-31")]) is None
    assert period_to_continue([]) is None


def test_the_desks_line_counts_what_it_filed() -> None:
    line = continuation_line({"continuations_filed": 40, "continuations_late": 2, "continuations_granted": 38})
    assert "40 continuation applications (2 after the period ended), 38 granted" in line
