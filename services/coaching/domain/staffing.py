"""Who takes a case: case managers with specialties, each under the caseload ratio of the client's programme.

The rule (§ 44c Abs. 4 SGB II caseload ratios; seed 001 for specialties):
- Weighted capacity across a mixed caseload: each active case weighs 1/ratio of its programme
  (a Joboffensive client 1/100, a standard one 1/150, an under-25 one 1/75); a case manager is
  full at weight 1. A manager may take a client of programme P only if their weight plus 1/P.ratio
  stays at or below 1 — exact fractions, no rounding. 100 Joboffensive clients fill a manager; so
  do 50 Joboffensive and 75 standard; 100 Joboffensive plus one standard is refused. With every
  case in P this is the per-programme ratio: `load < P.caseload_ratio` (the 101st Joboffensive
  client is refused), which `CaseManagerLoad` without a weight still means.
- The best fit wins: for a client with needs (target group → specialty, e.g. single parent →
  equal opportunities), managers covering all needs first, then those covering some, then the
  rest, so nobody is refused while someone has room. A client without needs goes to a generalist
  first; specialists are kept for the clients who need them ("ausschließlich", seed 001).
- Within the best fit, the lowest current weight, then load; ties broken by staff_id for determinism.
- Nobody with room: `NoCapacity` (HTTP 409).
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from enum import StrEnum
from fractions import Fraction
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
    """A case manager, how many active cases they carry now and what those weigh (1 = full).

    `weight` None: every case is of the programme asked about (the per-programme ratio)."""

    staff_id: str
    specialties: frozenset[Specialty]
    load: int
    weight: Fraction | None = None

    def weight_before(self, programme: Programme) -> Fraction:
        return self.weight if self.weight is not None else Fraction(self.load, programme.caseload_ratio)

    def has_room_for(self, programme: Programme) -> bool:
        return self.weight_before(programme) + Fraction(1, programme.caseload_ratio) <= 1

    def without_case_of(self, programme: Programme) -> CaseManagerLoad:
        """The load once one of their cases, of `programme`, left it (a transfer weighs the case anew)."""
        weight = self.weight_before(programme) - Fraction(1, programme.caseload_ratio)
        return replace(self, load=self.load - 1, weight=weight)


def caseload_weight(counts: Mapping[str | None, int], ratio: Callable[[str | None], int]) -> Fraction:
    """What a caseload weighs: each case 1/ratio of its programme (`ratio(None)`: cases from before programmes)."""
    return sum((Fraction(n, ratio(program_id)) for program_id, n in counts.items()), Fraction(0))


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
            f"1:{programme.caseload_ratio} of {programme.name} (weighted across their caseloads)"
        )
    return min(
        candidates, key=lambda m: (fit_rank(m.specialties, needs), m.weight_before(programme), m.load, m.staff_id)
    )


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
            f"{manager.staff_id} carries {manager.load} cases weighing {_percent(manager.weight_before(programme))} "
            f"of a full caseload; a {programme.name} client (1:{programme.caseload_ratio}) does not fit"
        )


def _percent(weight: Fraction) -> str:
    return f"{float(weight) * 100:.1f} %"


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
