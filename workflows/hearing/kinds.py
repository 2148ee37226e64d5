"""What a hearing is about: the incident's kind (as benefits reduces it) and, for a breach, which duty of § 31 SGB II.

§ 31 Abs. 1 S. 1 lists the duties broken despite written notice of the consequences (Nr. 1 own efforts not shown,
Nr. 2 reasonable work or training refused, Nr. 3 a measure not started or broken off); § 31 Abs. 2 the conduct
counted as a breach too (Nr. 1 income or assets reduced on purpose, Nr. 2 uneconomical conduct continued, Nr. 3 the
Arbeitsagentur found a Sperrzeit, Nr. 4 the conditions of a Sperrzeit without a claim). § 32 is the missed
appointment. Codes only: the circumstances stay in the letter and the file. Pure, no I/O.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

IncidentKind = Literal[
    "missed_appointment",  # § 32
    "breach_of_duty",  # § 31 Abs. 1 Nr. 1–3, Abs. 2 Nr. 1, 2, 4 (§ 31a Abs. 1)
    "work_refusal",  # § 31 Abs. 1 Nr. 2 with § 31a Abs. 7: a job actually and immediately open, wilfully refused
    "sperrzeit",  # § 31 Abs. 2 Nr. 3: from the start of the Sperrzeit (§ 31b Abs. 1 S. 2)
    "sperrzeit_missed_appointment",  # § 31 Abs. 2 Nr. 3 for a Meldeversäumnis: as § 32 (§ 31a Abs. 1 S. 3)
]
Duty = Literal["own_efforts", "work", "measure", "income_reduced", "uneconomical", "sperrzeit", "sperrzeit_conditions"]
MISSES: frozenset[str] = frozenset({"missed_appointment", "sperrzeit_missed_appointment"})
SPERRZEITEN: frozenset[str] = frozenset({"sperrzeit", "sperrzeit_missed_appointment"})


@dataclass(frozen=True)
class DutyRule:
    paragraph: str
    kinds: frozenset[str]  # the incident kinds this duty may be heard as
    label: str  # for staff, in German


DUTIES: dict[str, DutyRule] = {
    "own_efforts": DutyRule(
        "§ 31 Abs. 1 S. 1 Nr. 1", frozenset({"breach_of_duty"}), "geforderte Eigenbemühungen nicht nachgewiesen"
    ),
    "work": DutyRule(
        "§ 31 Abs. 1 S. 1 Nr. 2",
        frozenset({"breach_of_duty", "work_refusal"}),
        "zumutbare Arbeit oder Ausbildung nicht aufgenommen, nicht fortgeführt oder verhindert",
    ),
    "measure": DutyRule(
        "§ 31 Abs. 1 S. 1 Nr. 3",
        frozenset({"breach_of_duty"}),
        "Eingliederungsmaßnahme, Integrations- oder Sprachkurs nicht angetreten oder abgebrochen",
    ),
    "income_reduced": DutyRule(
        "§ 31 Abs. 2 Nr. 1", frozenset({"breach_of_duty"}), "Einkommen oder Vermögen absichtlich vermindert"
    ),
    "uneconomical": DutyRule(
        "§ 31 Abs. 2 Nr. 2", frozenset({"breach_of_duty"}), "unwirtschaftliches Verhalten trotz Belehrung fortgesetzt"
    ),
    "sperrzeit": DutyRule(
        "§ 31 Abs. 2 Nr. 3",
        frozenset({"sperrzeit", "sperrzeit_missed_appointment"}),
        "Sperrzeit oder Erlöschen des Arbeitslosengeldes festgestellt",
    ),
    "sperrzeit_conditions": DutyRule(
        "§ 31 Abs. 2 Nr. 4", frozenset({"breach_of_duty"}), "Voraussetzungen einer Sperrzeit erfüllt"
    ),
}
# The duty a kind implies when staff name none.
IMPLIED: dict[str, str] = {
    "work_refusal": "work",
    "sperrzeit": "sperrzeit",
    "sperrzeit_missed_appointment": "sperrzeit",
}


def paragraph(kind: str, duty: str | None) -> str:
    """The provision the hearing is about, e.g. "§ 31 Abs. 1 S. 1 Nr. 3" or "§ 32 Abs. 1"."""
    if kind == "missed_appointment":
        return "§ 32 Abs. 1"
    named = duty or IMPLIED.get(kind)
    if named is None:
        return "§ 31"
    extra = " i.V.m. § 31a Abs. 7" if kind == "work_refusal" else ""
    return DUTIES[named].paragraph + extra


def refusal(kind: str, duty: str | None, sperrzeit_from: date | None) -> tuple[str, str] | None:
    """(field, reason) when the kind, the duty and the Sperrzeit's start do not fit together; None when they do."""
    if kind == "missed_appointment" and duty is not None:
        return "duty", "a missed appointment (§ 32) breaks no duty of § 31"
    if duty is not None and kind not in DUTIES[duty].kinds:
        return "duty", f"{DUTIES[duty].paragraph} is not heard as {kind}"
    if kind in SPERRZEITEN and sperrzeit_from is None:
        return "sperrzeit_from", "a Sperrzeit's reduction starts with the Sperrzeit (§ 31b Abs. 1 S. 2)"
    if kind not in SPERRZEITEN and sperrzeit_from is not None:
        return "sperrzeit_from", "only a Sperrzeit (§ 31 Abs. 2 Nr. 3) has a start"
    return None
