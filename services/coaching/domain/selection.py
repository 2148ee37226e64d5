"""Selecting market-near clients for a programme with limited places (Joboffensive, seed 003). No I/O here.

A proposal, never an enrolment: a team lead confirms each client (or a page of them) and only then are they
enrolled. The criteria use only what coaching holds in clear:

Excluded (each with its reason):
- `in_programme`: the client already takes part in a programme (a transfer is the case manager's call);
- `not_eligible`: the programme's target groups or age do not admit the client;
- `open_obstacle:childcare`, `open_obstacle:language`: an obstacle of the cooperation plan that keeps the client
  from taking up work at once and is not resolved (identified, referred, in progress).

Ranked by points (each shown as a component):
- `readiness`: ready for placement +50; in coaching with an agreed cooperation plan +20;
- `obstacles`: −10 for each other ordinary obstacle not resolved (debts, mobility, missing qualification);
- `recent_contact`: last contact within 30 days +15, within 90 days +5;
- `target_groups`: long-term unemployed −15, unskilled −10.
Ties: the earlier case first, then by client id.

Health and addiction obstacles are special-category data (GDPR Art. 9), sealed with the plan: the selection
never reads them, and a team lead sees only the components above. Coaching knows no work history beyond its
own case; a case manager's readiness declaration is where that judgement enters.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from uuid import UUID

from services.coaching.domain.model import CaseStatus, Obstacle, ObstacleKind, ObstacleStatus
from services.coaching.domain.programmes import Programme

EXCLUDING_OBSTACLES = frozenset({ObstacleKind.CHILDCARE, ObstacleKind.LANGUAGE})
READINESS_POINTS = {CaseStatus.READY_FOR_PLACEMENT: 50}
PLAN_AGREED_POINTS = 20
OBSTACLE_POINTS = -10
CONTACT_POINTS = ((timedelta(days=30), 15), (timedelta(days=90), 5))
TARGET_GROUP_POINTS = {"long_term_unemployed": -15, "unskilled": -10}


@dataclass(frozen=True)
class Candidate:
    """An active case as the selection sees it."""

    client_id: UUID
    status: CaseStatus
    target_groups: frozenset[str]
    under_25: bool | None
    obstacles: tuple[Obstacle, ...]  # the ordinary ones of the newest plan, kinds and statuses only
    plan_agreed: bool
    last_contact_at: datetime | None
    opened_at: datetime
    in_programme: str | None = None


@dataclass(frozen=True)
class Proposal:
    client_id: UUID
    score: int
    components: dict[str, int]


@dataclass(frozen=True)
class Exclusion:
    client_id: UUID
    reasons: list[str]


@dataclass(frozen=True)
class Selection:
    considered: int
    proposals: list[Proposal]
    eligible: int  # how many could be proposed (proposals are the best `limit` of them)
    excluded: list[Exclusion] = field(default_factory=list)
    excluded_total: int = 0


def exclusions(candidate: Candidate, programme: Programme) -> list[str]:
    reasons = [f"in_programme:{candidate.in_programme}"] if candidate.in_programme else []
    if not programme.admits(candidate.target_groups, candidate.under_25):
        reasons.append("not_eligible")
    open_kinds = sorted(o.kind.value for o in candidate.obstacles if _open(o) and o.kind in EXCLUDING_OBSTACLES)
    return reasons + [f"open_obstacle:{kind}" for kind in open_kinds]


def components(candidate: Candidate, now: datetime) -> dict[str, int]:
    readiness = READINESS_POINTS.get(candidate.status, PLAN_AGREED_POINTS if candidate.plan_agreed else 0)
    since = now - candidate.last_contact_at if candidate.last_contact_at is not None else None
    contact = next((points for within, points in CONTACT_POINTS if since is not None and since <= within), 0)
    return {
        "readiness": readiness,
        "obstacles": OBSTACLE_POINTS * sum(1 for o in candidate.obstacles if _open(o)),
        "recent_contact": contact,
        "target_groups": sum(TARGET_GROUP_POINTS.get(g, 0) for g in candidate.target_groups),
    }


def rank_candidates(
    candidates: Iterable[Candidate], programme: Programme, now: datetime, limit: int, excluded_shown: int
) -> Selection:
    """The best `limit` eligible candidates, ranked, and the first `excluded_shown` excluded ones with reasons."""
    ranked: list[tuple[int, datetime, UUID, dict[str, int]]] = []
    excluded: list[Exclusion] = []
    considered = 0
    for candidate in candidates:
        considered += 1
        if reasons := exclusions(candidate, programme):
            excluded.append(Exclusion(candidate.client_id, reasons))
            continue
        parts = components(candidate, now)
        ranked.append((-sum(parts.values()), candidate.opened_at, candidate.client_id, parts))
    ranked.sort(key=lambda r: (r[0], r[1], r[2]))
    proposals = [Proposal(client_id, -negative, parts) for negative, _, client_id, parts in ranked[:limit]]
    return Selection(considered, proposals, len(ranked), _first(excluded, excluded_shown), len(excluded))


def _open(obstacle: Obstacle) -> bool:
    return obstacle.status is not ObstacleStatus.RESOLVED


def _first(excluded: Sequence[Exclusion], n: int) -> list[Exclusion]:
    return sorted(excluded, key=lambda e: e.client_id)[:n]
