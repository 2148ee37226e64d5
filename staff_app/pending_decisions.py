"""A household's decisions benefits could not make yet for want of figures, as the benefits clerk reads them.

benefits names the missing rule table (`standard_need (Regelbedarf)`) and the cause in English; the clerk reads
which figures are missing for which month, and that the entry need not be made again.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

# The rule tables a month most often lacks at the turn of the year; others are named by their file.
_TABLES = {
    "standard_need": "die Regelsätze (§ 20 SGB II)",
    "child_supplement": "die Werte zum Sofortzuschlag (§ 72 SGB II)",
    "child_benefit": "die Werte zum Kindergeld (§ 66 EStG)",
    "minijob_limit": "die Werte zur Geringfügigkeitsgrenze (§ 8 Abs. 1a SGB IV)",
}
_CAUSES = {
    "household_change": "Eingaben der Bedarfsgemeinschaft ab {month}",
    "employment_started": "Arbeitsaufnahme ab {month}",
    "employment_ended": "Ende der Beschäftigung ab {month}",
    "employment_confirmed": "bestätigtes Arbeitsentgelt für {month}",
}


def _month(iso: str) -> str:
    return f"{date.fromisoformat(iso):%m/%Y}"


def _table(missing_rule: str) -> str:
    key = missing_rule.split(" ", 1)[0]
    return _TABLES.get(key, f"die Werte der Regeltabelle „{key}“")


def pending_note(pending: Mapping[str, Any]) -> str:
    cause = _CAUSES.get(pending["cause"], "{month}").format(month=_month(pending["month"]))
    return (
        f"Noch nicht entschieden: für {_month(pending['missing_on'])} fehlen {_table(pending['missing_rule'])} "
        f"in den Regeltabellen (Anlass: {cause}). Die Entscheidung trifft die Leistungsberechnung von selbst, "
        "sobald die Werte eingetragen sind; die Eingaben müssen nicht erneut erfasst werden."
    )


def pending_notes(household: Mapping[str, Any] | None) -> Sequence[str]:
    """The notes for `GET /households/{id}`'s `pending_decisions`, oldest first (none for an unread household)."""
    return [pending_note(p) for p in (household or {}).get("pending_decisions", [])]
