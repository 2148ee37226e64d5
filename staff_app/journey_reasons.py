"""The reasons the journey records for each station of its history (workflows/journey: state, outcomes), in German.

The workflow writes them in English, some with ids, months or moments in them; the client file's "Anlass"
column shows them German. A reason not listed here (a new one, or one from an older workflow version) is
shown as the journey recorded it.
"""

from __future__ import annotations

import re
from datetime import UTC, datetime

from staff_app.formatting import BERLIN, name

_MOMENT = r"(?P<due>\d{4}-\d{2}-\d{2} \d{2}:\d{2}) UTC"
REASONS: dict[str, str] = {
    # reasons without parameters
    "case manager assigned": "Fallmanagerin/Fallmanager zugewiesen",
    "ready for placement": "Bereit für die Vermittlung erklärt",
    "placement opened a job search": "Die Vermittlung hat eine Stellensuche eröffnet",
    "employment subject to social insurance started": "Sozialversicherungspflichtige Beschäftigung begonnen",
    "employed in each of the 6 months after the start": "In jedem der 6 Monate nach Beginn beschäftigt",
    "employment ended within 6 months: back to coaching": (
        "Beschäftigung innerhalb von 6 Monaten beendet: zurück ins Coaching"
    ),
    "employment ended before the journey closed: back to coaching": (
        "Beschäftigung vor Abschluss des Verlaufs beendet: zurück ins Coaching"
    ),
    "readiness declared before the last employment arrived late: moves nothing": (
        "Bereitschaft vor der verspätet gemeldeten letzten Beschäftigung erklärt: ändert nichts"
    ),
    "income covers the need": "das Einkommen deckt den Bedarf",
    "case closed": "Fall abgeschlossen",
    "no answer": "keine Antwort",
    "migrated from the legacy system": "Aus dem Altsystem übernommen",
    # patterns: the parts in braces are shown as recorded (ids), as German codes (name) or as Berlin moments
    r"case manager assigned \(programme (?P<programme>[^)]+)\)": (
        "Fallmanagerin/Fallmanager zugewiesen (Programm {programme})"
    ),
    r"coaching handed the case from (?P<a>\S+) to (?P<b>\S+)": "Das Coaching hat den Fall von {a} an {b} übergeben",
    r"cooperation plan agreed, review due (?P<day>\d{4}-\d{2}-\d{2})": (
        "Kooperationsplan vereinbart, Überprüfung fällig am {day}"
    ),
    r"vacancy (?P<vacancy>\S+) proposed": "Stelle {vacancy} vorgeschlagen",
    r"job search (?P<search>\S+) answers a readiness from before the last employment: moves nothing": (
        "Stellensuche {search} gehört zu einer Bereitschaft vor der letzten Beschäftigung: ändert nichts"
    ),
    r"no case manager assigned \((?P<reason>.+)\); asking again at " + _MOMENT.replace("due", "retry"): (
        "Keine Fallmanagerin/kein Fallmanager zugewiesen ({reason}); erneute Anfrage am {retry}"
    ),
    r"no contact within the interval due " + _MOMENT + r": (?P<outcome>.+)": (
        "Kein Kontakt im vorgesehenen Abstand, fällig am {due}: {outcome}"
    ),
    r"cooperation plan review due " + _MOMENT + r": (?P<outcome>.+)": (
        "Überprüfung des Kooperationsplans fällig am {due}: {outcome}"
    ),
    r"continuation check for (?P<month>\d{4}-\d{2}): (?P<outcome>.+)": (
        "Nachfrage zum Fortbestand der Beschäftigung für {month}: {outcome}"
    ),
    r"case manager changed from (?P<a>\S+) to (?P<b>\S+): (?P<reason>.+)": (
        "Fallmanagement gewechselt von {a} zu {b}: {reason}"
    ),
    r"exit requested: (?P<exit>.+)": "Abgang beantragt: {exit}",
    r"journey closed: (?P<exit>.+) \((?P<outcome>.+)\)": "Verlauf abgeschlossen: {exit} ({outcome})",
    r"task (?P<task>\S+) raised": "Aufgabe {task} angelegt",
    r"check (?P<check>\S+) (?P<status>\S+)": "Nachfrage {check} {status}",
    r"benefits granted (?P<start>\d{4}-\d{2}) to (?P<end>\d{4}-\d{2}) \(decision (?P<decision>\S+)\)": (
        "Leistungen bewilligt {start} bis {end} (Bescheid {decision})"
    ),
    r"benefits changed from (?P<month>\d{4}-\d{2}) \(decision (?P<decision>\S+)\)": (
        "Leistungen geändert ab {month} (Bescheid {decision})"
    ),
    r"benefits ended from (?P<month>\d{4}-\d{2}): (?P<why>.+) \(decision (?P<decision>\S+)\)": (
        "Leistungen aufgehoben ab {month}: {why} (Bescheid {decision})"
    ),
    r"refused: (?P<reason>.+)": "abgelehnt: {reason}",
    r"legacy record carried: (?P<parts>.+)": "Akte des Altsystems übertragen: {parts}",
    r"unreadable fact (?P<event>\S+) ignored: (?P<error>.+)": "Unlesbare Meldung {event} übergangen: {error}",
}
EXITS = {
    "moved_away": "Wegzug",
    "withdrew": "Abmeldung durch die Kundin/den Kunden",
    "retirement_age": "Altersgrenze erreicht",
    "sustained_employment": "nachhaltige Beschäftigung",
}
# What the journey's migration step records per part of the legacy record (workflows/journey/outcomes.py).
CARRIED = {
    "case_manager carried": "Fallmanagement übernommen",
    "case_manager refused": "Fallmanagement nicht übernommen",
    "appointments carried": "Termine übernommen",
    "appointments refused": "Termine nicht alle übernommen",
    "obstacles carried": "Hemmnisse bis zum ersten Kooperationsplan übernommen",
    "obstacles refused": "Hemmnisse nicht alle übernommen",
    "household carried": "Bedarfsgemeinschaft an die Leistungsberechnung übergeben",
    "household refused": "Bedarfsgemeinschaft nicht übernommen",
    "nothing to carry": "nichts zu übertragen",
}
_PATTERNS = [(re.compile(f"^{k}$"), v) for k, v in REASONS.items() if "(?P<" in k]


def _part(key: str, value: str) -> str:
    if key in {"due", "retry"}:  # the journey records moments in UTC; staff read Berlin time
        at = datetime.strptime(value, "%Y-%m-%d %H:%M").replace(tzinfo=UTC).astimezone(BERLIN)
        return f"{at:%d.%m.%Y %H:%M}"
    if key == "day":
        return f"{value[8:10]}.{value[5:7]}.{value[:4]}"
    if key in {"month", "start", "end"}:
        return f"{value[5:7]}/{value[:4]}"
    if key == "exit":
        return EXITS.get(value, value)
    if key == "parts":
        if value.startswith("not carried ("):
            return f"nicht übertragen ({value[len('not carried (') : -1]})"
        return ", ".join(CARRIED.get(part, part) for part in value.split(", "))
    if key in {"programme", "status"}:
        return name(value)
    return because(value) if key in {"outcome", "why", "reason"} else value


def because(reason: object) -> str:
    """The reason in German, or as recorded when it is not one the journey is known to record."""
    text = str(reason or "")
    if text in REASONS and "(?P<" not in text:
        return REASONS[text]
    for pattern, german in _PATTERNS:
        if found := pattern.match(text):
            return german.format(**{k: _part(k, v) for k, v in found.groupdict().items()})
    return text
