"""Staff identity: who is calling, in which roles, for which offices."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from services.platform.errors import NotPermitted


class Role(StrEnum):
    CASE_MANAGER = "case_manager"  # Fallmanager
    COACH = "coach"  # Jobcoach
    PLACEMENT_OFFICER = "placement_officer"  # Arbeitsvermittler
    BENEFITS_CLERK = "benefits_clerk"  # Leistungssachbearbeiter
    INTAKE_CLERK = "intake_clerk"
    OPERATOR = "operator"
    # Teamleitung: reporting for their own office(s); confirms programme selections (case ids and scores, no names).
    TEAM_LEAD = "team_lead"
    # Geschäftsführung / Bereichsleitung: reporting of every office of the Jobcenter, and nothing else.
    MANAGEMENT = "management"
    JOURNEY_WORKER = "journey_worker"  # the Temporal worker calling APIs on a journey's behalf
    DATA_PROTECTION_OFFICER = "data_protection_officer"  # Datenschutzbeauftragte(r), Art. 37–39 GDPR: audit trails only


ALL_OFFICES = "*"


@dataclass(frozen=True)
class StaffUser:
    staff_id: str
    roles: frozenset[Role]
    office_ids: frozenset[str]

    def has_any(self, roles: frozenset[Role]) -> bool:
        return bool(self.roles & roles)

    def may_act_for(self, office_id: str) -> bool:
        return ALL_OFFICES in self.office_ids or office_id in self.office_ids

    def visible_offices(self, only: str | None = None) -> frozenset[str] | None:
        """The offices a listing may show (None: all of them); `only` narrows it to one office the caller
        acts for, and raises `NotPermitted` (HTTP 403) for any other."""
        if only is not None:
            self.require_office(only)
            return frozenset({only})
        return None if ALL_OFFICES in self.office_ids else self.office_ids

    def require_office(self, office_id: str) -> None:
        """The one office check of every service: raises `NotPermitted` (HTTP 403) outside the caller's offices."""
        if not self.may_act_for(office_id):
            raise NotPermitted(f"not authorised for office '{office_id}'")
