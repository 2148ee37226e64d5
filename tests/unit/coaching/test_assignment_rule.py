"""Who takes a case: caseload ratios per programme (§ 44c Abs. 4 SGB II, seed 003) and specialties (seed 001)."""

from __future__ import annotations

import pytest

from services.coaching.domain.programmes import Programme
from services.coaching.domain.staffing import (
    CaseManagerLoad,
    NoCapacity,
    Specialty,
    StaffMember,
    check_new_case_worker,
    check_room,
    choose_case_manager,
    needs_of,
)
from services.platform.auth.staff import Role
from services.platform.errors import RuleViolation

EO, YOUTH, MIGRATION = Specialty.EQUAL_OPPORTUNITIES, Specialty.YOUTH, Specialty.MIGRATION


def programme(ratio: int, program_id: str = "p") -> Programme:
    return Programme(program_id, program_id, ratio, 30, 1, None, frozenset())


STANDARD, U25, JOBOFFENSIVE = programme(150, "standard"), programme(75, "u25"), programme(100, "joboffensive")


def cm(staff_id: str, load: int, *specialties: Specialty) -> CaseManagerLoad:
    return CaseManagerLoad(staff_id, frozenset(specialties), load)


@pytest.mark.parametrize(
    ("rule", "managers", "groups", "prog", "expected"),
    [
        ("Joboffensive 1:100: the 100th client still fits", [cm("a", 99)], [], JOBOFFENSIVE, "a"),
        ("Joboffensive 1:100: the 101st client is refused", [cm("a", 100)], [], JOBOFFENSIVE, None),
        ("the ratio is the client's programme's: 100 cases leave room under 1:150", [cm("a", 100)], [], STANDARD, "a"),
        ("under 25 (1:75): a manager with 75 cases takes no youth", [cm("a", 75)], ["youth_under_25"], U25, None),
        ("under 25 (1:75): 74 cases leave room", [cm("a", 74)], ["youth_under_25"], U25, "a"),
        ("the lowest load wins", [cm("a", 30), cm("b", 10), cm("c", 20)], [], STANDARD, "b"),
        ("a tie goes to the first staff_id", [cm("b", 10), cm("a", 10)], [], STANDARD, "a"),
        ("a full manager is skipped for the next lowest", [cm("a", 100), cm("b", 99)], [], JOBOFFENSIVE, "b"),
        (
            "seed 001: a single parent goes to the equal-opportunities manager, load notwithstanding",
            [cm("gen", 5), cm("eo", 40, EO)],
            ["single_parent"],
            STANDARD,
            "eo",
        ),
        (
            "seed 001: the specialist full, someone with room still takes the single parent",
            [cm("gen", 5), cm("eo", 100, EO)],
            ["single_parent"],
            JOBOFFENSIVE,
            "gen",
        ),
        (
            "a client without needs goes to a generalist; specialists are kept for those who need them",
            [cm("eo", 1, EO), cm("gen", 50)],
            [],
            STANDARD,
            "gen",
        ),
        (
            "a client without needs goes to a specialist once every generalist is full",
            [cm("eo", 1, EO), cm("gen", 100)],
            ["long_term_unemployed"],
            JOBOFFENSIVE,
            "eo",
        ),
        (
            "a manager covering all needs beats one covering some",
            [cm("eo", 1, EO), cm("both", 60, EO, YOUTH)],
            ["single_parent", "youth_under_25"],
            U25,
            "both",
        ),
        (
            "a manager covering some needs beats one covering none",
            [cm("gen", 1), cm("mig", 60, MIGRATION)],
            ["migrant_or_refugee", "single_parent"],
            STANDARD,
            "mig",
        ),
        ("an office without case managers has no capacity", [], [], STANDARD, None),
    ],
)
def test_the_assignment_rule(rule, managers, groups, prog, expected):
    if expected is None:
        with pytest.raises(NoCapacity, match="caseload ratio"):
            choose_case_manager(managers, needs_of(groups), prog)
    else:
        assert choose_case_manager(managers, needs_of(groups), prog).staff_id == expected, rule


@pytest.mark.parametrize(
    ("groups", "needs"),
    [
        (["single_parent"], {EO}),
        (["youth_under_25", "migrant_or_refugee"], {YOUTH, MIGRATION}),
        (["long_term_unemployed", "older", "unskilled"], set()),
        ([], set()),
    ],
)
def test_target_groups_map_to_the_specialties_a_client_needs(groups, needs):
    assert needs_of(groups) == needs


def member(staff_id: str, office: str, *roles: Role) -> StaffMember:
    return StaffMember(staff_id, office, frozenset(roles), frozenset())


@pytest.mark.parametrize(
    ("candidate", "reason"),
    [
        (None, "unknown staff member"),
        (member("x", "plon", Role.CASE_MANAGER), "works for office 'plon'"),
        (member("x", "lutjenburg", Role.COACH), "is not a case manager"),
    ],
)
def test_a_case_only_changes_to_a_case_manager_of_its_own_office(candidate, reason):
    with pytest.raises(RuleViolation) as refused:
        check_new_case_worker(candidate, "lutjenburg")
    assert refused.value.field == "case_worker_id" and reason in refused.value.reason


def test_a_case_manager_of_the_office_is_accepted_and_a_full_one_refused_with_409():
    accepted = member("x", "lutjenburg", Role.CASE_MANAGER, Role.COACH)
    assert check_new_case_worker(accepted, "lutjenburg") is accepted
    check_room(cm("x", 99), JOBOFFENSIVE)
    with pytest.raises(NoCapacity):
        check_room(cm("x", 100), JOBOFFENSIVE)
