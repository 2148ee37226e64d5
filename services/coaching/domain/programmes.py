"""The programme catalogue: caseload ratio (Betreuungsschlüssel, § 44c Abs. 4 SGB II), contact cadence, duration.

Statutory reference ratios are 1:75 for clients under 25 and 1:150 from 25; the Joboffensive
works at 1:100 with up to four contacts a month (seed 003); "Gemeinsam in Wetzlar" is an
8-month cohort for parents with weekly workshops (seed 004).

The programme a client gets at assignment, when nobody asked for one (`choose`): "u25" while the
client is under 25 — from the age band intake sends (the birth date stays there), for cases from
before it from the `youth_under_25` target group — and the office offers it; otherwise the default.
Programmes with limited places (Joboffensive, Gemeinsam) are never chosen by themselves: a team lead
selects their participants (`selection.py`), a case manager enrols them. A requested programme must
be offered by the client's office and admit the client (target groups, age).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.platform.errors import RuleViolation

DEFAULT_PROGRAMME = "standard"
# Target group → the programme a client of that group gets when nobody chose one.
PROGRAMME_BY_TARGET_GROUP = {"youth_under_25": "u25"}
YOUTH_GROUP = "youth_under_25"
UNDER_25 = "u25"


def under_25_on(age_band: str | None, turns_25_on: date | None, day: date) -> bool | None:
    """Whether the client is under 25 on `day`; None when coaching does not know (no age band)."""
    if age_band is None:
        return None
    return age_band == "under_25" and (turns_25_on is None or day < turns_25_on)


@dataclass(frozen=True)
class PartnerEmployer:
    """An employer that works with a programme (Gemeinsam's "hidden job market"): data the programme carries."""

    employer_id: str
    name: str


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
    age_below: int | None = None  # only for clients under this age (u25: 25)
    partner_employers: tuple[PartnerEmployer, ...] = ()

    def admits(self, target_groups: Collection[str], under_25: bool | None = None) -> bool:
        """`under_25` None: unknown (a case from before the age band), read from the target groups."""
        young = under_25 if under_25 is not None else YOUTH_GROUP in target_groups
        old_enough = self.age_below is None or young
        return old_enough and (not self.target_groups or bool(self.target_groups & set(target_groups)))

    def refusal(self, target_groups: Collection[str], under_25: bool | None = None) -> str | None:
        if self.admits(target_groups, under_25):
            return None
        if self.target_groups and not self.target_groups & set(target_groups):
            return f"{self.name} is for the target groups {', '.join(sorted(self.target_groups))}"
        return f"{self.name} is for clients under {self.age_below}"


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

    def choose(
        self,
        requested: str | None,
        target_groups: Collection[str],
        under_25: bool | None = None,
        offered: Collection[str] | None = None,
    ) -> Programme:
        """The requested programme if the office offers it and the client is eligible; else the one the client's
        age (or, without an age band, target groups) calls for. `offered` None: every programme."""
        if requested is None:
            return self._derived(target_groups, under_25, offered)
        programme = self._programmes.get(requested)
        if programme is None:
            raise RuleViolation("program_id", f"unknown programme; known: {', '.join(sorted(self._programmes))}")
        if offered is not None and requested not in offered:
            raise RuleViolation("program_id", f"not offered by the client's office; offered: {', '.join(offered)}")
        refusal = programme.refusal(target_groups, under_25)
        if refusal is not None:
            raise RuleViolation("program_id", refusal)
        return programme

    def _derived(
        self, target_groups: Collection[str], under_25: bool | None, offered: Collection[str] | None
    ) -> Programme:
        if under_25 is None:
            derived = [PROGRAMME_BY_TARGET_GROUP[g] for g in sorted(target_groups) if g in PROGRAMME_BY_TARGET_GROUP]
        else:
            derived = [UNDER_25] if under_25 else []
        available = [p for p in derived if p in self._programmes and (offered is None or p in offered)]
        return self._programmes[available[0]] if available else self.default

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
                age_below=r.get("age_below"),
                partner_employers=tuple(PartnerEmployer(e["employer_id"], e["name"]) for e in r.get("partners", [])),
            )
            for r in data["programmes"]
        )
