"""A household's reductions (Leistungsminderungen, §§ 31a, 31b, 32, 7b Abs. 4 SGB II) as the benefits clerk reads
them. No I/O.

Built only from what benefits returns: `GET /households/{id}/reductions` (incident, percent, period, paragraph,
lift) and, for the amount, the explanation of the change decision each one led to (its first month): the line
`reduction` of that person, `reduction.minimum` for the 1-euro rule (§ 31a Abs. 4 S. 3) and the cap's paragraph
(§ 31a Abs. 4 S. 1) where benefits applied them. The staff app decides nothing: whether a lift is offered follows
benefits' own refusals (a missed appointment's reduction is not lifted, § 32 Abs. 2; nor one run out or lifted).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from staff_app.formatting import day, euro, number

INCIDENTS = {
    "breach_of_duty": "Pflichtverletzung",
    "work_refusal": "Pflichtverletzung: zumutbare Arbeit verweigert",
    "missed_appointment": "Meldeversäumnis",
    "sperrzeit": "Sperrzeit",
    "sperrzeit_missed_appointment": "Sperrzeit wegen Meldeversäumnis",
}
MISSES = frozenset({"missed_appointment", "sperrzeit_missed_appointment"})
UNTIL_REPORTED = "bis zur persönlichen Meldung (§ 7b Abs. 4 S. 3 SGB II)"
CAP = "§ 31a Abs. 4 S. 1"
NOT_LIFTED = (
    "Eine Minderung wegen eines Meldeversäumnisses läuft ihren Zeitraum; "
    "sie wird nicht aufgehoben (§ 32 Abs. 2 SGB II)."
)
ONE_EURO = (
    "1-Euro-Regel: ohne die Minderung bestünde ein Anspruch, daher wird 1,00 € monatlich gezahlt "
    "(§ 31a Abs. 4 S. 3 SGB II)."
)
ONE_MONTH = "Läuft einen Monat: aufgehoben wird frühestens nach einem Monat (§ 31b Abs. 2 S. 2 SGB II)."
CAPPED = "Mit anderen Minderungen zusammen auf 30 % des Regelbedarfs begrenzt (§ 31a Abs. 4 S. 1 SGB II)."
HOUSING_KEPT = "Begrenzt: Unterkunft und Heizung werden nicht gemindert (§ 31a Abs. 4 S. 2 SGB II)."


@dataclass(frozen=True)
class ReductionView:
    reduction_id: str
    client_id: str
    incident: str
    occurred_on: str
    determined_on: str
    share: str
    amount: str
    now: str | None
    starts: str
    until: str
    paragraph: str
    status: str
    liftable: bool
    lift_label: str
    notes: list[str] = field(default_factory=list)


def incident_label(incident: Any) -> str:
    return INCIDENTS.get(str(incident), str(incident))


def _date(value: Any) -> date | None:
    return date.fromisoformat(str(value)[:10]) if value else None


def _add_months(first: date, months: int) -> date:
    index = first.year * 12 + first.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def period_end(reduction: Mapping[str, Any]) -> date | None:
    """The first day it no longer applies by itself; None: until the person reports in person (§ 7b Abs. 4)."""
    if (until := _date(reduction.get("until"))) is not None:
        return until + timedelta(days=1)
    months, first = reduction.get("months"), _date(reduction["first_month"])
    return None if months is None or first is None else _add_months(first, int(months))


def starts_on(reduction: Mapping[str, Any]) -> date:
    """A Sperrzeit's day (§ 31b Abs. 1 S. 2), else the first of its first month (§ 31b Abs. 1 S. 1)."""
    found = _date(reduction.get("from_day")) or _date(reduction["first_month"])
    assert found is not None
    return found


def status(reduction: Mapping[str, Any], today: date) -> str:
    if reduction.get("consequence") == "no_reduction":
        return "festgestellt, ohne Minderung"
    if (lifted := _date(reduction.get("lifted_from"))) is not None:
        if not reduction.get("lifted_on"):
            return f"aufgehoben ab {day(lifted)}"
        what = "persönliche Meldung" if reduction.get("consequence") == "not_reachable" else "Pflichterfüllung"
        return f"aufgehoben ab {day(lifted)} ({what} am {day(reduction['lifted_on'])})"
    if (end := period_end(reduction)) is not None and today >= end:
        return "abgelaufen"
    if today < (start := starts_on(reduction)):
        return f"beginnt am {day(start)}"
    return "läuft"


def liftable(reduction: Mapping[str, Any], today: date) -> bool:
    """Whether benefits would take a lift: still in force or to come, and not a missed appointment's (§ 32 Abs. 2)
    unless it made the person unreachable (§ 7b Abs. 4 S. 3: reporting in person ends it)."""
    current = status(reduction, today)
    if current != "läuft" and not current.startswith("beginnt"):
        return False
    if reduction.get("consequence") == "not_reachable":
        return True
    # lifted after a month at the earliest (§ 31b Abs. 2 S. 2): a one-month period always runs out first
    return reduction.get("incident") not in MISSES and reduction.get("months") != 1


def until_text(reduction: Mapping[str, Any]) -> str:
    if reduction.get("consequence") == "not_reachable" or reduction.get("months") is None:
        return UNTIL_REPORTED
    end = period_end(reduction)
    return day(end - timedelta(days=1)) if end else "–"


def share_text(reduction: Mapping[str, Any]) -> str:
    if reduction.get("consequence") == "no_reduction":
        return "keine Minderung"
    return f"{number(reduction.get('percent'))} % des Regelbedarfs"


def own_lines(decision: Mapping[str, Any] | None, client_id: str) -> list[Mapping[str, Any]]:
    """The person's lines of the decision's explanation (none where benefits did not return them)."""
    result = (decision or {}).get("result") or {}
    return [line for line in result.get("explanation") or [] if str(line.get("person_id")) == client_id]


def case_notes(lines: Sequence[Mapping[str, Any]]) -> list[str]:
    """What benefits' lines say of a person's reduction: the cap (§ 31a Abs. 4 S. 1), housing kept (S. 2), the
    1-euro rule (S. 3)."""
    withdrawn = next((line for line in lines if line.get("kind") == "reduction"), None)
    notes = []
    if withdrawn is not None and CAP in str(withdrawn.get("paragraph")):
        notes.append(CAPPED)
    if withdrawn is not None and "begrenzt auf" in str(withdrawn.get("note")):
        notes.append(HOUSING_KEPT)
    if any(line.get("kind") == "reduction.minimum" for line in lines):
        notes.append(ONE_EURO)
    return notes


def withdrawn_amount(lines: Sequence[Mapping[str, Any]]) -> Any:
    return next((line.get("amount") for line in lines if line.get("kind") == "reduction"), None)


def first_month_amount(reduction: Mapping[str, Any], lines: Sequence[Mapping[str, Any]], first_month: str) -> str:
    """The euros its own change decision withdraws in its first month; without one, why there is no figure."""
    amount = reduction.get("monthly_reduction")
    if amount is None:
        amount = withdrawn_amount(lines)
    if amount is not None:
        return f"{euro(amount)} im ersten Monat ({first_month})"
    if reduction.get("consequence") == "no_reduction":
        return "–"
    return f"– (kein Änderungsbescheid für {first_month}: Betrag unverändert oder Monat noch nicht entschieden)"


def current_amount(current: Sequence[Mapping[str, Any]], month: Any) -> str | None:
    """The person's reductions together in the current entitlement (its month), as benefits computed it."""
    amount = withdrawn_amount(current)
    return (
        f"{euro(amount)} monatlich im laufenden Anspruch ab {day(month)} (alle Minderungen der Person)"
        if (amount is not None)
        else None
    )


def view(
    reduction: Mapping[str, Any],
    lines: Sequence[Mapping[str, Any]],
    today: date,
    current: Sequence[Mapping[str, Any]] = (),
    current_month: Any = None,
) -> ReductionView:
    """`lines`: the person's lines of its own change decision; `current`: of the current entitlement (from
    `current_month`), which count only while it runs."""
    first = _date(reduction["first_month"])
    running = status(reduction, today) == "läuft"
    current = current if running else ()
    notes = list(dict.fromkeys([*case_notes(lines), *case_notes(current)]))
    by_days = reduction.get("from_day") is not None
    if reduction.get("incident") in MISSES and reduction.get("consequence") == "reduction":
        notes.append(NOT_LIFTED)
    elif reduction.get("months") == 1 and reduction.get("consequence") == "reduction":
        notes.append(ONE_MONTH)
    reachable = reduction.get("consequence") == "not_reachable"
    return ReductionView(
        reduction_id=str(reduction["reduction_id"]),
        client_id=str(reduction["client_id"]),
        incident=incident_label(reduction.get("incident")),
        occurred_on=day(reduction.get("occurred_on")),
        determined_on=day(reduction.get("determined_on")),
        share=share_text(reduction),
        amount=first_month_amount(reduction, lines, f"{first:%m/%Y}" if first else "–"),
        now=current_amount(current, current_month),
        starts=f"{day(starts_on(reduction))}{' (nach Tagen, § 31b Abs. 1 S. 2 SGB II)' if by_days else ''}",
        until=until_text(reduction),
        paragraph=str(reduction.get("paragraph") or "–"),
        status=status(reduction, today),
        liftable=liftable(reduction, today),
        lift_label="Datum der persönlichen Meldung" if reachable else "Datum der Pflichterfüllung",
        notes=notes,
    )
