"""The German occupation classification KldB 2010 (Klassifikation der Berufe 2010, Fassung 2020). No I/O here.

A five-digit code is an occupation type (Berufsgattung): the first four digits are its occupation subgroup
(Berufsuntergruppe), the first three its occupation group (Berufsgruppe), and the fifth digit the requirement
level (Anforderungsniveau) its tasks need: 1 helper, 2 skilled, 3 specialist, 4 expert. The titles come from the
BA's published classification (`data/kldb2010.json`, source and licence named in it); a code that is not in it
is refused, never passed on as if it were.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import Any

from services.platform.errors import RuleViolation


class RequirementLevel(IntEnum):
    HELPER = 1  # Helfer-/Anlerntätigkeiten
    SKILLED = 2  # fachlich ausgerichtete Tätigkeiten
    SPECIALIST = 3  # komplexe Spezialistentätigkeiten
    EXPERT = 4  # hoch komplexe Tätigkeiten


_LEVELS = {str(level.value): level for level in RequirementLevel}


def level_of(code: str) -> RequirementLevel:
    return _LEVELS[code[4]]


def group_of(code: str) -> str:
    """The occupation group (Berufsgruppe, three digits): matching's notion of "the same occupation"."""
    return code[:3]


def subgroup_of(code: str) -> str:
    """The occupation subgroup (Berufsuntergruppe, four digits): the same occupation at any level."""
    return code[:4]


@dataclass(frozen=True)
class Classification:
    groups: Mapping[str, str]  # 1- to 4-digit codes → titles
    occupations: Mapping[str, str]  # 5-digit codes → titles
    job_titles: Mapping[str, str]  # BERUFENET job titles ("Koch/Köchin") → 5-digit code
    source: str
    licence: str

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Classification:
        table = cls(
            dict(data["groups"]), dict(data["occupations"]), dict(data["job_titles"]), data["_source"], data["_licence"]
        )
        table.check()
        return table

    def check(self) -> None:
        """Data errors fail at start-up: every occupation sits in a known subgroup and has a level."""
        orphans = [c for c in self.occupations if len(c) != 5 or subgroup_of(c) not in self.groups]
        levels = [c for c in self.occupations if c[4] not in "1234"]
        strays = [c for c in self.job_titles.values() if c not in self.occupations]
        if orphans or levels or strays:
            raise ValueError(f"KldB data is inconsistent: {orphans[:3]} {levels[:3]} {strays[:3]}")

    def title(self, code: str) -> str:
        return self.occupations[code]

    def require(self, field: str, code: str) -> str:
        """The code when the classification has it; else a 422 naming the field."""
        if code not in self.occupations:
            raise RuleViolation(field, f"{code!r} is not a five-digit occupation code of the KldB 2010")
        return code

    def code_of_job_title(self, title: str) -> str | None:
        return self.job_titles.get(title.strip())
