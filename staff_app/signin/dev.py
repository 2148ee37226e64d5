"""Sign-in with `make run`: choose a staff member of the demo district; the token is signed with the local key.

The only module of the staff app that touches `services`: the platform's token issuing (as `lotse-token` and
the simulator use it), allowed by one exception in `.importlinter`. In production `dev_keys_dir` is unset and
this module signs nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path
from typing import Any

from services.platform.auth.staff import Role, StaffUser
from services.platform.auth.tokens import issue
from staff_app.sessions import Staff

ISSUER, AUDIENCE = "lotse-dev", "lotse"
LIFETIME = timedelta(hours=8)
ROSTER_READER = StaffUser("staff-app-roster", frozenset({Role.OPERATOR}), frozenset({"*"}))
# Desks every office has besides its case managers and coaches (who come from coaching's roster).
DESKS: tuple[tuple[str, str, tuple[Role, ...]], ...] = (
    ("placement", "Arbeitsvermittlung", (Role.PLACEMENT_OFFICER,)),
    ("benefits", "Leistungssachbearbeitung", (Role.BENEFITS_CLERK,)),
    ("intake", "Eingangszone", (Role.INTAKE_CLERK,)),
    # A team lead reads their office's caseloads and journeys as a case manager does, and its Kennzahlen.
    ("lead", "Teamleitung", (Role.CASE_MANAGER, Role.TEAM_LEAD)),
    # The right of access (Art. 15 GDPR) for the office's people.
    ("privacy", "Datenschutz", (Role.DATA_PROTECTION_OFFICER,)),
)

ROLE_NAMES = {
    "case_manager": "Fallmanagement",
    "coach": "Coaching",
    "placement_officer": "Arbeitsvermittlung",
    "benefits_clerk": "Leistungssachbearbeitung",
    "intake_clerk": "Eingangszone",
    "operator": "Betrieb",
    "team_lead": "Teamleitung",
    "management": "Geschäftsführung",
    "data_protection_officer": "Datenschutz",
}


@dataclass(frozen=True)
class RosterEntry:
    staff_id: str
    label: str
    office_id: str
    office_name: str
    roles: tuple[str, ...]


# The Jobcenter's management: every office's Kennzahlen (office `*`), no client data.
MANAGEMENT = RosterEntry(
    "jobcenter-management-01",
    "Jobcenter: Geschäftsführung (jobcenter-management-01)",
    "*",
    "alle Geschäftsstellen",
    (Role.MANAGEMENT.value,),
)


class DevSignIn:
    def __init__(self, keys_dir: Path) -> None:
        self._private_key = (keys_dir / "jwt-signing-key.pem").read_bytes()

    def token(self, staff_id: str, roles: tuple[str, ...], offices: tuple[str, ...]) -> str:
        user = StaffUser(staff_id, frozenset(Role(r) for r in roles), frozenset(offices))
        return issue(self._private_key, user, ISSUER, AUDIENCE, LIFETIME)

    def roster_reader(self) -> Staff:
        token = self.token(ROSTER_READER.staff_id, tuple(ROSTER_READER.roles), ("*",))
        return Staff(ROSTER_READER.staff_id, frozenset(ROSTER_READER.roles), frozenset({"*"}), token)

    def staff(self, entry: RosterEntry) -> Staff:
        offices = (entry.office_id,)
        return Staff(
            entry.staff_id, frozenset(entry.roles), frozenset(offices), self.token(entry.staff_id, entry.roles, offices)
        )


def roster(offices: list[dict[str, Any]], members: list[dict[str, Any]]) -> list[RosterEntry]:
    """Coaching's case managers and coaches, then each office's other desks, office by office; management last."""
    names = {str(o["office_id"]): str(o["name"]) for o in offices}
    entries: list[RosterEntry] = []
    for office_id, name in names.items():
        for m in (m for m in members if m["office_id"] == office_id):
            roles = tuple(sorted(m["roles"]))
            label = f"{name}: {' und '.join(ROLE_NAMES.get(r, r) for r in roles)} ({m['staff_id']})"
            entries.append(RosterEntry(str(m["staff_id"]), label, office_id, name, roles))
        for suffix, desk, desk_roles in DESKS:
            staff_id = f"{office_id}-{suffix}-01"
            entries.append(RosterEntry(staff_id, f"{name}: {desk} ({staff_id})", office_id, name, tuple(desk_roles)))
    return [*entries, MANAGEMENT]
