"""What of a cooperation plan may be stored and shown in clear: ordinary obstacles' kinds and statuses only."""

from __future__ import annotations

from services.coaching.domain.model import Obstacle, ObstacleKind, ObstacleStatus, shareable_obstacles

ADDICTION = Obstacle(ObstacleKind.ADDICTION, ObstacleStatus.REFERRED)
DEBTS = Obstacle(ObstacleKind.DEBTS, ObstacleStatus.REFERRED, "since the gambling started")
HEALTH = Obstacle(ObstacleKind.HEALTH, ObstacleStatus.IDENTIFIED)


def test_health_addiction_and_every_note_are_left_out_of_what_is_shared():
    assert shareable_obstacles([ADDICTION, DEBTS, HEALTH]) == [Obstacle(ObstacleKind.DEBTS, ObstacleStatus.REFERRED)]


def test_a_plan_without_special_category_obstacles_keeps_its_kinds_in_order():
    plan = [
        Obstacle(ObstacleKind.LANGUAGE, ObstacleStatus.IN_PROGRESS, "B1 course"),
        Obstacle(ObstacleKind.CHILDCARE, ObstacleStatus.RESOLVED),
    ]
    assert [(o.kind, o.status, o.note) for o in shareable_obstacles(plan)] == [
        (ObstacleKind.LANGUAGE, ObstacleStatus.IN_PROGRESS, None),
        (ObstacleKind.CHILDCARE, ObstacleStatus.RESOLVED, None),
    ]
