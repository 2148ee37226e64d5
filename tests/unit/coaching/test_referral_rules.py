"""§ 16a SGB II referrals as rules: the four services with the law's numbering, the obstacle each addresses, the
status machine and the obstacle's status following it, the dates of each step."""

from __future__ import annotations

from datetime import date

import pytest

from services.coaching.app import load_reference
from services.coaching.domain.model import Obstacle, ObstacleKind, ObstacleStatus
from services.coaching.domain.referrals import (
    NEXT,
    OBSTACLE_STATUS,
    PARAGRAPH,
    SPECIAL_CATEGORY_KINDS,
    TERMINAL,
    MakeReferral,
    ReferralDetails,
    ReferralKind,
    ReferralStatus,
    StatusStep,
    check_addresses,
    check_new,
    consent_after,
    next_step,
)
from services.platform.errors import Conflict, RuleViolation

S = ReferralStatus
TODAY = date(2026, 12, 2)


def history(*steps: tuple[ReferralStatus, date]) -> tuple[StatusStep, ...]:
    return tuple(StatusStep(status, on, "cm") for status, on in steps)


@pytest.mark.parametrize(
    ("kind", "paragraph", "obstacle"),
    [
        (ReferralKind.CARE, "§ 16a Nr. 1 SGB II", ObstacleKind.CHILDCARE),  # Betreuung von Kindern, Pflege
        (ReferralKind.DEBT_COUNSELLING, "§ 16a Nr. 2 SGB II", ObstacleKind.DEBTS),  # Schuldnerberatung
        (ReferralKind.PSYCHOSOCIAL_CARE, "§ 16a Nr. 3 SGB II", ObstacleKind.HEALTH),  # psychosoziale Betreuung
        (ReferralKind.ADDICTION_COUNSELLING, "§ 16a Nr. 4 SGB II", ObstacleKind.ADDICTION),  # Suchtberatung
    ],
)
def test_each_service_of_16a_carries_its_number_and_addresses_the_plans_obstacle_of_its_kind(kind, paragraph, obstacle):
    assert PARAGRAPH[kind] == paragraph
    plan = [Obstacle(ObstacleKind.LANGUAGE, ObstacleStatus.IDENTIFIED), Obstacle(obstacle, ObstacleStatus.IDENTIFIED)]
    assert check_addresses(kind, plan).kind is obstacle


def test_a_referral_without_the_obstacle_it_addresses_in_the_plan_is_refused_naming_the_kind():
    with pytest.raises(RuleViolation) as refused:
        check_addresses(ReferralKind.DEBT_COUNSELLING, [Obstacle(ObstacleKind.ADDICTION, ObstacleStatus.IDENTIFIED)])
    assert refused.value.field == "kind" and "§ 16a Nr. 2" in refused.value.reason


def test_psychosocial_care_and_addiction_counselling_are_the_special_categories_of_16a():
    # § 16a Nr. 3 and Nr. 4 reveal health and addiction (GDPR Art. 9).
    assert {ReferralKind.PSYCHOSOCIAL_CARE, ReferralKind.ADDICTION_COUNSELLING} == SPECIAL_CATEGORY_KINDS


@pytest.mark.parametrize(
    "path",
    [
        (S.PROPOSED, S.REFERRED, S.FIRST_APPOINTMENT_HELD, S.IN_PROGRESS, S.COMPLETED),
        (S.REFERRED, S.FIRST_APPOINTMENT_HELD, S.COMPLETED),  # one appointment was enough
        (S.PROPOSED, S.DECLINED),
        (S.REFERRED, S.DECLINED),  # before the provider saw the client
        (S.REFERRED, S.BROKEN_OFF),  # never went
        (S.REFERRED, S.FIRST_APPOINTMENT_HELD, S.IN_PROGRESS, S.BROKEN_OFF),
    ],
)
def test_a_referral_moves_forward_along_its_paths(path):
    steps = history((path[0], date(2026, 1, 1)))
    for day, status in enumerate(path[1:], start=2):
        step = StatusStep(status, date(2026, 1, day), "cm")
        assert next_step(steps, step) is True
        steps = (*steps, step)
    assert steps[-1].status in TERMINAL or steps[-1].status is S.COMPLETED


@pytest.mark.parametrize(
    ("current", "wanted"),
    [
        (S.PROPOSED, S.IN_PROGRESS),  # skips the referral itself
        (S.IN_PROGRESS, S.REFERRED),  # backwards
        (S.FIRST_APPOINTMENT_HELD, S.DECLINED),  # once seen, the support is completed or broken off
        (S.COMPLETED, S.IN_PROGRESS),
        (S.DECLINED, S.REFERRED),  # ended: a new referral instead
        (S.BROKEN_OFF, S.COMPLETED),
    ],
)
def test_a_step_out_of_order_is_a_conflict(current, wanted):
    with pytest.raises(Conflict):
        next_step(history((current, date(2026, 1, 1))), StatusStep(wanted, date(2026, 2, 1), "cm"))


def test_the_current_status_again_changes_nothing_and_an_ended_referral_goes_nowhere():
    assert next_step(history((S.REFERRED, date(2026, 1, 5))), StatusStep(S.REFERRED, date(2026, 1, 9), "cm")) is False
    assert all(status not in NEXT for status in TERMINAL)


def test_a_step_dated_before_the_current_status_is_refused_naming_on():
    with pytest.raises(RuleViolation) as refused:
        next_step(history((S.REFERRED, date(2026, 3, 1))), StatusStep(S.FIRST_APPOINTMENT_HELD, date(2026, 2, 1), "cm"))
    assert refused.value.field == "on"


@pytest.mark.parametrize(
    ("status", "obstacle"),
    [
        (S.PROPOSED, None),
        (S.REFERRED, ObstacleStatus.REFERRED),
        (S.FIRST_APPOINTMENT_HELD, ObstacleStatus.REFERRED),
        (S.IN_PROGRESS, ObstacleStatus.IN_PROGRESS),
        (S.COMPLETED, ObstacleStatus.RESOLVED),
        (S.BROKEN_OFF, ObstacleStatus.IDENTIFIED),
        (S.DECLINED, ObstacleStatus.IDENTIFIED),
    ],
)
def test_the_addressed_obstacles_status_follows_the_referral(status, obstacle):
    assert OBSTACLE_STATUS[status] is obstacle


def details() -> ReferralDetails:
    return ReferralDetails(ReferralKind.DEBT_COUNSELLING, None, "Schuldnerberatung", None)


@pytest.mark.parametrize(
    ("command", "field"),
    [
        (MakeReferral(details(), S.IN_PROGRESS, TODAY, None, None), "status"),  # starts proposed or referred
        (MakeReferral(details(), S.REFERRED, date(2026, 12, 3), None, None), "on"),  # not in advance
        (MakeReferral(details(), S.REFERRED, TODAY, TODAY, None), "follow_up_on"),  # after the step
        (MakeReferral(details(), S.REFERRED, TODAY, None, date(2026, 12, 3)), "consent_given_on"),
    ],
)
def test_a_new_referral_is_refused_naming_the_field_that_breaks_a_rule(command, field):
    with pytest.raises(RuleViolation) as refused:
        check_new(command, TODAY)
    assert refused.value.field == field


def test_consent_once_given_keeps_its_first_date():
    assert consent_after(None, date(2026, 1, 5)) == date(2026, 1, 5)
    assert consent_after(date(2026, 1, 5), date(2026, 2, 1)) == date(2026, 1, 5)
    assert consent_after(None, None) is None


def test_every_demo_office_has_a_marked_example_provider_for_each_service_of_16a():
    providers = load_reference().providers
    for office_id in ("plon", "preetz", "heikendorf", "lutjenburg", "celle"):
        offered = providers.of_office(office_id)
        assert {k for p in offered for k in p.kinds} == set(ReferralKind), office_id
        assert all(p.example and "(Beispiel)" in p.name for p in offered), office_id
