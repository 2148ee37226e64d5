"""What the appointment pages say in German: the codes of kinds, reasons and attendance, and coaching's refusals
(a double booking names who or what is booked already; the staff member reads names, not ids)."""

from __future__ import annotations

import re
from collections.abc import Mapping

from staff_app.formatting import moment
from staff_app.problems import german

KINDS = {"individual": "Einzeltermin", "team": "Teamberatung", "group": "Gruppentermin"}
STATUSES = {"booked": "gebucht", "cancelled": "abgesagt"}
ATTENDANCE = {"attended": "erschienen", "excused": "entschuldigt", "missed": "nicht erschienen"}
EXCUSES = {
    "incapacity_certified": "Arbeitsunfähigkeit bescheinigt",
    "childcare": "Kinderbetreuung",
    "job_interview": "Vorstellungsgespräch",
    "work": "Arbeit",
    "family_emergency": "familiärer Notfall",
    "other_important_reason": "anderer wichtiger Grund",
}
CANCELLATIONS = {
    "client_request": "auf Wunsch der Kundin/des Kunden",
    "staff_unavailable": "Mitarbeiter/in verhindert",
    "office_closed": "Dienststelle geschlossen",
    "client_in_work": "Kundin/Kunde in Arbeit",
    "other": "anderer Grund",
}
RESCHEDULES = {
    "client_request": "auf Wunsch der Kundin/des Kunden",
    "staff_unavailable": "Mitarbeiter/in verhindert",
    "room_unavailable": "Raum nicht verfügbar",
    "other": "anderer Grund",
}
_BOOKED = re.compile(r"^already booked at (?P<at>\S+): (?P<what>.+)$")
_WHO = re.compile(r"^(?P<what>staff|client|room) (?P<id>.+)$")
_WHAT = {"staff": "Mitarbeiter/in", "client": "Kundin/Kunde", "room": "Raum"}
_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^the group session is full: capacity (?P<n>\d+)$"), "Der Gruppentermin ist voll ({n} Plätze)."),
    (re.compile(r"^the appointment is cancelled$"), "Der Termin ist bereits abgesagt."),
    (re.compile(r"^attendance is recorded already.*$"), "Die Anwesenheit ist bereits erfasst."),
    (re.compile(r"^names a staff member twice$"), "Eine Mitarbeiterin/ein Mitarbeiter ist doppelt genannt."),
    (re.compile(r"^names a client twice$"), "Eine Kundin/ein Kunde ist doppelt genannt."),
    (
        re.compile(r"^a team consultation takes at least two staff.*$"),
        "Eine Teamberatung braucht mindestens zwei Mitarbeitende.",
    ),
    (
        re.compile(r"^an individual appointment takes one staff.*$"),
        "Ein Einzeltermin hat genau eine Mitarbeiterin/einen Mitarbeiter.",
    ),
    (re.compile(r"^a \w+ appointment takes exactly one client$"), "Bitte genau eine Kundin/einen Kunden wählen."),
    (re.compile(r"^only group sessions have a capacity$"), "Nur Gruppentermine haben eine Platzzahl."),
    (re.compile(r"^a group session needs a capacity$"), "Bitte die Platzzahl angeben."),
    (
        re.compile(r"^only in-person meetings take place in a room$"),
        "Nur persönliche Termine finden in einem Raum statt.",
    ),
    (re.compile(r"^an in-person group session needs a room$"), "Ein persönlicher Gruppentermin braucht einen Raum."),
    (re.compile(r"^(?P<room>.+) holds (?P<n>\d+)$"), "{room} fasst {n} Personen."),
    (re.compile(r"^an excused absence needs a reason code$"), "Bitte den wichtigen Grund angeben."),
    (
        re.compile(r"^only an excused absence has a reason code$"),
        "Ein Grund gehört nur zu einer entschuldigten Abwesenheit.",
    ),
    (
        re.compile(r"^the notice of legal consequences must be given before.*$"),
        "Die Rechtsfolgenbelehrung muss vor dem Termin erteilt sein.",
    ),
    (re.compile(r"^.* is a public holiday.*$"), "An diesem Tag ist ein gesetzlicher Feiertag."),
)


def refusal(reason: str, names: Mapping[str, str]) -> str:
    """Coaching's reason in German; `names` turns the ids a double booking names into names."""
    if found := _BOOKED.match(reason):
        who = [_who(part, names) for part in found["what"].split(", ")]
        return f"Bereits belegt am {_local(found['at'])} Uhr: {', '.join(who)}."
    for pattern, text in _REASONS:
        if matched := pattern.match(reason):
            return text.format(**matched.groupdict())
    return german(reason)


def _who(part: str, names: Mapping[str, str]) -> str:
    found = _WHO.match(part)
    if found is None:
        return part
    return f"{_WHAT[found['what']]} {names.get(found['id'], found['id'])}"


def _local(at: str) -> str:
    try:
        return moment(at)
    except ValueError:
        return at
