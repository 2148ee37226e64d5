"""Who takes a case: case managers with specialties, each under the caseload ratio of the client's programme.

The rule (§ 44c Abs. 4 SGB II caseload ratios; seed 001 for specialties):
- Candidates are the office's case managers with room: a manager with `load` clients may take a
  client of programme P only if `load < P.caseload_ratio` (Joboffensive 1:100: the 101st is refused).
- The best fit wins: for a client with needs (target group → specialty, e.g. single parent →
  equal opportunities), managers covering all needs first, then those covering some, then the
  rest, so nobody is refused while someone has room. A client without needs goes to a generalist
  first; specialists are kept for the clients who need them ("ausschließlich", seed 001).
- Within the best fit, the lowest current load; ties broken by staff_id for determinism.
- Nobody with room: `NoCapacity` (HTTP 409).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from services.coaching.domain.programmes import Programme
from services.platform.auth.staff import Role
from services.platform.errors import Conflict, RuleViolation

STAFF_ROLES = frozenset({Role.CASE_MANAGER, Role.COACH})


class Specialty(StrEnum):
    EQUAL_OPPORTUNITIES = "equal_opportunities"  # Chancengleichheit, family–work balance (§ 18e SGB II)
    YOUTH = "youth"
    HEALTH = "health"
    MIGRATION = "migration"
    DEBT_COUNSELLING = "debt_counselling"  # referral to Schuldnerberatung (§ 16a Nr. 2 SGB II)
    ADDICTION_COUNSELLING = "addiction_counselling"  # referral to Suchtberatung (§ 16a Nr. 4 SGB II)


NEED_BY_TARGET_GROUP = {
    "single_parent": Specialty.EQUAL_OPPORTUNITIES,
    "youth_under_25": Specialty.YOUTH,
    # Never arrives from intake: the health target group stays there (GDPR Art. 9), and coaching derives no
    # clear-text "needs health support" flag either; a case manager hands such a case to a specialist.
    "health_limitations": Specialty.HEALTH,
    "migrant_or_refugee": Specialty.MIGRATION,
}


class NoCapacity(Conflict):
    """Nobody who could take the case has room under the programme's caseload ratio."""


def needs_of(target_groups: Collection[str]) -> frozenset[Specialty]:
    return frozenset(NEED_BY_TARGET_GROUP[g] for g in target_groups if g in NEED_BY_TARGET_GROUP)


@dataclass(frozen=True)
class StaffMember:
    staff_id: str
    office_id: str
    roles: frozenset[Role]
    specialties: frozenset[Specialty]

    @property
    def is_case_manager(self) -> bool:
        return Role.CASE_MANAGER in self.roles


@dataclass(frozen=True)
class CaseManagerLoad:
    """A case manager and how many active cases they carry now."""

    staff_id: str
    specialties: frozenset[Specialty]
    load: int

    def has_room_for(self, programme: Programme) -> bool:
        return self.load < programme.caseload_ratio


def fit_rank(specialties: frozenset[Specialty], needs: frozenset[Specialty]) -> int:
    """0 is the best fit: all needs covered (or a generalist for a client without needs)."""
    if not needs:
        return 0 if not specialties else 1
    covered = len(needs & specialties)
    return 0 if covered == len(needs) else 1 if covered else 2


def choose_case_manager(
    managers: Iterable[CaseManagerLoad], needs: frozenset[Specialty], programme: Programme
) -> CaseManagerLoad:
    candidates = [m for m in managers if m.has_room_for(programme)]
    if not candidates:
        raise NoCapacity(
            f"no case manager in the office has room under the caseload ratio "
            f"1:{programme.caseload_ratio} of {programme.name}"
        )
    return min(candidates, key=lambda m: (fit_rank(m.specialties, needs), m.load, m.staff_id))


def check_new_case_worker(member: StaffMember | None, office_id: str) -> StaffMember:
    """A case may only change to a known case manager of the case's own office (HTTP 422 otherwise)."""
    if member is None:
        raise RuleViolation("case_worker_id", "unknown staff member")
    if member.office_id != office_id:
        raise RuleViolation("case_worker_id", f"works for office '{member.office_id}', the case is in '{office_id}'")
    if not member.is_case_manager:
        raise RuleViolation("case_worker_id", "is not a case manager")
    return member


def check_room(manager: CaseManagerLoad, programme: Programme) -> None:
    if not manager.has_room_for(programme):
        raise NoCapacity(
            f"{manager.staff_id} carries {manager.load} cases; {programme.name} allows 1:{programme.caseload_ratio}"
        )


def check_staff_member(member: StaffMember, known_offices: Collection[str]) -> None:
    if member.office_id not in known_offices:
        raise RuleViolation("office_id", f"unknown office; known: {', '.join(sorted(known_offices))}")
    if not member.roles or not member.roles <= STAFF_ROLES:
        raise RuleViolation("roles", "coaching staff are case managers and/or coaches")


def roster_from_data(data: Mapping[str, Any]) -> Sequence[StaffMember]:
    return [
        StaffMember(
            r["staff_id"],
            r["office_id"],
            frozenset(Role(x) for x in r["roles"]),
            frozenset(Specialty(s) for s in r["specialties"]),
        )
        for r in data["staff"]
    ]
