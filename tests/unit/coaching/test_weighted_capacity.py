"""Weighted capacity across a mixed caseload: each case weighs 1/ratio of its programme, a manager is full at 1."""

from __future__ import annotations

from collections import Counter
from fractions import Fraction

import pytest

from services.coaching.domain.programmes import Programme
from services.coaching.domain.staffing import CaseManagerLoad, NoCapacity, caseload_weight, check_room

RATIOS: dict[str | None, int] = {"standard": 150, "u25": 75, "joboffensive": 100, None: 150}


def programme(program_id: str) -> Programme:
    return Programme(program_id, program_id.title(), RATIOS[program_id], 30, 1, None, frozenset())


def manager(caseload: dict[str | None, int]) -> CaseManagerLoad:
    counts: Counter[str | None] = Counter(caseload)
    return CaseManagerLoad("a", frozenset(), sum(counts.values()), caseload_weight(counts, RATIOS.__getitem__))


@pytest.mark.parametrize(
    ("rule", "caseload", "client", "room"),
    [
        ("99 Joboffensive leave room for the 100th", {"joboffensive": 99}, "joboffensive", True),
        ("100 Joboffensive fill a manager", {"joboffensive": 100}, "joboffensive", False),
        ("100 Joboffensive leave no room for a standard client either", {"joboffensive": 100}, "standard", False),
        ("50 Joboffensive, 74 standard: a 75th standard fits", {"joboffensive": 50, "standard": 74}, "standard", True),
        ("50 Joboffensive and 75 standard are full", {"joboffensive": 50, "standard": 75}, "standard", False),
        ("149 standard: one more standard fits", {"standard": 149}, "standard", True),
        ("149 standard: a Joboffensive client (1/100) does not", {"standard": 149}, "joboffensive", False),
        ("74 under-25 clients leave room for a 75th", {"u25": 74}, "u25", True),
        ("30 u25 and 90 standard weigh exactly 1: full", {"u25": 30, "standard": 90}, "standard", False),
        ("cases from before programmes weigh as standard", {None: 149}, "standard", True),
        ("an empty caseload takes anyone", {}, "joboffensive", True),
    ],
)
def test_the_weighted_caseload_decides_who_has_room(rule, caseload, client, room):
    assert manager(caseload).has_room_for(programme(client)) is room, rule


@pytest.mark.parametrize(("load", "room"), [(99, True), (100, False)])
def test_without_a_weight_the_per_programme_ratio_holds(load, room):
    assert CaseManagerLoad("a", frozenset(), load).has_room_for(programme("joboffensive")) is room


def test_a_case_leaving_its_programme_takes_its_weight_with_it():
    before = manager({"standard": 150})
    after = before.without_case_of(programme("standard"))
    assert (after.load, after.weight) == (149, Fraction(149, 150))
    assert after.has_room_for(programme("standard")) and not after.has_room_for(programme("joboffensive"))


def test_a_refusal_names_the_manager_their_weight_and_the_programme():
    with pytest.raises(NoCapacity) as refused:
        check_room(manager({"joboffensive": 100}), programme("standard"))
    assert "100 cases weighing 100.0 %" in str(refused.value) and "1:150" in str(refused.value)
