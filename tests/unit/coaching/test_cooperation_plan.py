"""The cooperation plan (Kooperationsplan, § 15 SGB II): review after six months (§ 15 Abs. 3); health and
addiction obstacles are special-category data (GDPR Art. 9): kinds only, never in events."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.coaching.domain.model import (
    Obstacle,
    ObstacleKind,
    ObstacleStatus,
    check_obstacles,
    review_due,
    visible_obstacles,
)
from services.platform.errors import RuleViolation


@pytest.mark.parametrize(
    ("agreed_at", "due"),
    [
        (datetime(2026, 1, 15, 10, 0, tzinfo=UTC), date(2026, 7, 15)),
        (datetime(2026, 8, 31, 10, 0, tzinfo=UTC), date(2027, 2, 28)),  # no 31 February: the month's last day
        (datetime(2027, 8, 31, 10, 0, tzinfo=UTC), date(2028, 2, 29)),  # leap year
        (datetime(2026, 3, 31, 23, 30, tzinfo=UTC), date(2026, 10, 1)),  # already 1 April in Berlin
    ],
)
def test_the_plan_is_due_for_review_six_months_after_the_agreement(agreed_at, due):
    assert review_due(agreed_at) == due


def test_each_obstacle_kind_appears_once():
    with pytest.raises(RuleViolation, match="repeated: debts") as refused:
        check_obstacles(
            [
                Obstacle(ObstacleKind.DEBTS, ObstacleStatus.IDENTIFIED),
                Obstacle(ObstacleKind.DEBTS, ObstacleStatus.REFERRED),
            ]
        )
    assert refused.value.field == "obstacles"


@pytest.mark.parametrize("kind", [ObstacleKind.HEALTH, ObstacleKind.ADDICTION])
def test_special_category_obstacles_carry_no_free_text(kind):
    with pytest.raises(RuleViolation) as refused:
        check_obstacles(
            [
                Obstacle(ObstacleKind.DEBTS, ObstacleStatus.REFERRED, "Schuldnerberatung Plön"),
                Obstacle(kind, ObstacleStatus.IDENTIFIED, "details"),
            ]
        )
    assert refused.value.field == "obstacles.1.note" and "GDPR Art. 9" in refused.value.reason


def test_other_obstacles_may_carry_a_note_and_special_ones_their_kind():
    obstacles = [
        Obstacle(ObstacleKind.CHILDCARE, ObstacleStatus.IN_PROGRESS, "Kita place from August"),
        Obstacle(ObstacleKind.ADDICTION, ObstacleStatus.REFERRED),
    ]
    assert check_obstacles(obstacles) is None  # accepted: no RuleViolation
    assert visible_obstacles(obstacles, may_see_special=True) == obstacles


def test_special_category_obstacles_are_hidden_from_those_who_do_not_coach_the_client():
    obstacles = [
        Obstacle(ObstacleKind.HEALTH, ObstacleStatus.IDENTIFIED),
        Obstacle(ObstacleKind.LANGUAGE, ObstacleStatus.IN_PROGRESS),
        Obstacle(ObstacleKind.ADDICTION, ObstacleStatus.REFERRED),
    ]
    assert [o.kind for o in visible_obstacles(obstacles, may_see_special=False)] == [ObstacleKind.LANGUAGE]
    assert visible_obstacles(obstacles, may_see_special=True) == obstacles
