"""Selecting market-near clients for a programme with limited places: exclusions with reasons, points per
criterion, the best N (Joboffensive, seed 003)."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from uuid import UUID

import pytest

from services.coaching.app import load_reference
from services.coaching.domain.model import CaseStatus, Obstacle, ObstacleKind, ObstacleStatus
from services.coaching.domain.selection import Candidate, components, exclusions, rank_candidates

NOW = datetime(2026, 12, 1, 9, tzinfo=UTC)
CATALOGUE = load_reference().programmes
JOBOFFENSIVE, GEMEINSAM = CATALOGUE.get("joboffensive"), CATALOGUE.get("gemeinsam")


def candidate(n: int, status=CaseStatus.IN_COACHING, groups=(), obstacles=(), plan=False, contact_days=None, **kw):
    return Candidate(
        client_id=UUID(int=n),
        status=status,
        target_groups=frozenset(groups),
        under_25=False,
        obstacles=tuple(obstacles),
        plan_agreed=plan,
        last_contact_at=NOW - timedelta(days=contact_days) if contact_days is not None else None,
        opened_at=NOW - timedelta(days=400 - n),
        **kw,
    )


def obstacle(kind: ObstacleKind, status: ObstacleStatus = ObstacleStatus.IDENTIFIED) -> Obstacle:
    return Obstacle(kind, status)


@pytest.mark.parametrize(
    ("rule", "case", "programme", "reasons"),
    [
        ("already in a programme", candidate(1, in_programme="gemeinsam"), JOBOFFENSIVE, ["in_programme:gemeinsam"]),
        ("Gemeinsam is for single parents", candidate(2), GEMEINSAM, ["not_eligible"]),
        (
            "childcare not arranged",
            candidate(3, obstacles=[obstacle(ObstacleKind.CHILDCARE)]),
            JOBOFFENSIVE,
            ["open_obstacle:childcare"],
        ),
        (
            "language in progress",
            candidate(4, obstacles=[obstacle(ObstacleKind.LANGUAGE, ObstacleStatus.IN_PROGRESS)]),
            JOBOFFENSIVE,
            ["open_obstacle:language"],
        ),
        (
            "childcare resolved",
            candidate(5, obstacles=[obstacle(ObstacleKind.CHILDCARE, ObstacleStatus.RESOLVED)]),
            JOBOFFENSIVE,
            [],
        ),
        ("debts only lower the score", candidate(6, obstacles=[obstacle(ObstacleKind.DEBTS)]), JOBOFFENSIVE, []),
    ],
)
def test_a_client_is_excluded_only_for_a_named_reason(rule, case, programme, reasons):
    assert exclusions(case, programme) == reasons, rule


@pytest.mark.parametrize(
    ("rule", "case", "points"),
    [
        ("ready for placement", candidate(1, status=CaseStatus.READY_FOR_PLACEMENT), {"readiness": 50}),
        ("in coaching with a plan", candidate(2, plan=True), {"readiness": 20}),
        ("a contact last week", candidate(3, contact_days=7), {"recent_contact": 15}),
        ("a contact two months ago", candidate(4, contact_days=60), {"recent_contact": 5}),
        ("a contact half a year ago", candidate(5, contact_days=180), {"recent_contact": 0}),
        (
            "two open obstacles",
            candidate(6, obstacles=[obstacle(ObstacleKind.DEBTS), obstacle(ObstacleKind.MOBILITY)]),
            {"obstacles": -20},
        ),
        (
            "long-term unemployed and unskilled",
            candidate(7, groups=["long_term_unemployed", "unskilled"]),
            {"target_groups": -25},
        ),
    ],
)
def test_each_criterion_gives_its_points(rule, case, points):
    given = components(case, NOW)
    assert {k: v for k, v in given.items() if k in points} == points, rule
    assert all(v == 0 for k, v in given.items() if k not in points), rule


def test_the_best_are_proposed_in_order_and_the_excluded_are_counted():
    cases = [
        candidate(1),  # 0 points
        candidate(2, status=CaseStatus.READY_FOR_PLACEMENT, contact_days=3),  # 65
        candidate(3, plan=True, contact_days=40),  # 25
        candidate(4, obstacles=[obstacle(ObstacleKind.CHILDCARE)]),  # excluded
        candidate(5, plan=True, contact_days=40),  # 25, opened later than 3
    ]
    chosen = rank_candidates(cases, JOBOFFENSIVE, NOW, limit=3, excluded_shown=10)
    assert [(p.client_id.int, p.score) for p in chosen.proposals] == [(2, 65), (3, 25), (5, 25)]
    assert (chosen.considered, chosen.eligible, chosen.excluded_total) == (5, 4, 1)
    assert [(e.client_id.int, e.reasons) for e in chosen.excluded] == [(4, ["open_obstacle:childcare"])]
