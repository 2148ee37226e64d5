"""The programme catalogue: caseload ratio (Betreuungsschlüssel, § 44c Abs. 4 SGB II), contact cadence, duration.

Statutory reference ratios are 1:75 for clients under 25 and 1:150 from 25; the Joboffensive
works at 1:100 with up to four contacts a month (seed 003); "Gemeinsam in Wetzlar" is an
8-month cohort for parents with weekly workshops (seed 004).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.platform.errors import RuleViolation

DEFAULT_PROGRAMME = "standard"
# Target group → the programme a client of that group gets when nobody chose one.
PROGRAMME_BY_TARGET_GROUP = {"youth_under_25": "u25"}


@dataclass(frozen=True)
class Programme:
    program_id: str
    name: str
    caseload_ratio: int  # clients per case manager: 1:<ratio>
    contact_interval_days: int
    max_contacts_per_month: int
    duration_months: int | None
    target_groups: frozenset[str]  # empty: open to every client
    description: str = ""

    def admits(self, target_groups: Collection[str]) -> bool:
        return not self.target_groups or bool(self.target_groups & set(target_groups))


class ProgrammeCatalogue:
    def __init__(self, programmes: Iterable[Programme]) -> None:
        self._programmes = {p.program_id: p for p in programmes}
        if DEFAULT_PROGRAMME not in self._programmes:
            raise ValueError(f"the catalogue needs the default programme {DEFAULT_PROGRAMME!r}")

    def all(self) -> Sequence[Programme]:
        return list(self._programmes.values())

    def get(self, program_id: str) -> Programme | None:
        return self._programmes.get(program_id)

    def ratio(self, program_id: str | None) -> int:
        """The caseload ratio of `program_id`; cases from before programmes count as the default."""
        return self._programmes.get(program_id or DEFAULT_PROGRAMME, self.default).caseload_ratio

    @property
    def default(self) -> Programme:
        return self._programmes[DEFAULT_PROGRAMME]

    def choose(self, requested: str | None, target_groups: Collection[str]) -> Programme:
        """The requested programme if the client is eligible; else the one their target groups call for."""
        if requested is None:
            derived = (PROGRAMME_BY_TARGET_GROUP[g] for g in sorted(target_groups) if g in PROGRAMME_BY_TARGET_GROUP)
            return next((self._programmes[p] for p in derived if p in self._programmes), self.default)
        programme = self._programmes.get(requested)
        if programme is None:
            raise RuleViolation("program_id", f"unknown programme; known: {', '.join(sorted(self._programmes))}")
        if not programme.admits(target_groups):
            raise RuleViolation(
                "program_id", f"{programme.name} is for the target groups {', '.join(sorted(programme.target_groups))}"
            )
        return programme

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ProgrammeCatalogue:
        return cls(
            Programme(
                program_id=r["program_id"],
                name=r["name"],
                caseload_ratio=int(r["caseload_ratio"]),
                contact_interval_days=int(r["contact_interval_days"]),
                max_contacts_per_month=int(r["max_contacts_per_month"]),
                duration_months=r.get("duration_months"),
                target_groups=frozenset(r.get("target_groups", [])),
                description=r.get("description", ""),
            )
            for r in data["programmes"]
        )
