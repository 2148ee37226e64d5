"""How values read in German: dates and times in Europe/Berlin, euros, and the names of codes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any
from zoneinfo import ZoneInfo

from staff_app.problems import german, german_days

BERLIN = ZoneInfo("Europe/Berlin")

NAMES: dict[str, str] = {
    # journey stages
    "registered": "Registriert",
    "coaching": "Coaching",
    "job_search": "Vermittlung",
    "employed": "In Beschäftigung",
    "sustained": "Nachhaltig integriert",
    "closed": "Abgeschlossen",
    # case statuses
    "awaiting_assignment": "Wartet auf Zuweisung",
    "in_coaching": "Im Coaching",
    "ready_for_placement": "Bereit für Vermittlung",
    # tasks
    "contact_overdue": "Kontakt überfällig",
    "plan_review": "Kooperationsplan überprüfen",
    "programme_end": "Programmende: Ergebnis festhalten",
    "hearing_letter": "Anhörungsschreiben versenden",
    "cohort_outcome": "Kohorte endet: Ergebnis festhalten",
    "referral_follow_up": "Weitervermittlung nachhalten (§ 16a SGB II)",
    "open": "offen",
    "done": "erledigt",
    "cancelled": "entfallen",
    # channels
    "in_person": "persönlich",
    "phone": "Telefon",
    "video": "Video",
    "email": "E-Mail",
    # target groups
    "single_parent": "Alleinerziehend",
    "long_term_unemployed": "Langzeitarbeitslos",
    "health_limitations": "Gesundheitliche Einschränkungen",
    "youth_under_25": "Unter 25",
    "older": "Ältere",
    "migrant_or_refugee": "Migration/Flucht",
    "unskilled": "Ohne Berufsabschluss",
    # obstacles
    "debts": "Schulden",
    "addiction": "Sucht",
    "missing_qualification": "Fehlende Qualifikation",
    "childcare": "Kinderbetreuung",
    "health": "Gesundheit",
    "mobility": "Mobilität",
    "language": "Sprache",
    "identified": "festgestellt",
    "referred": "vermittelt an Beratung",
    "in_progress": "in Bearbeitung",
    "resolved": "gelöst",
    # programmes
    "standard": "Standard",
    "u25": "U25",
    "joboffensive": "Joboffensive",
    "gemeinsam": "Gemeinsam",
    # placement
    "job": "Stelle",
    "apprenticeship": "Ausbildungsstelle",
    "proposed": "vorgeschlagen",
    "applied": "beworben",
    "rejected": "abgelehnt",
    "accepted": "angenommen",
    "active": "aktiv",
    "ended": "beendet",
    # the pipeline to the hire and support after it (#12)
    "interview_scheduled": "Vorstellungsgespräch vereinbart",
    "interviewed": "Vorstellungsgespräch geführt",
    "offered": "Angebot erhalten",
    "withdrawn": "zurückgezogen",
    "application": "Bewerbung versandt",
    "interview_held": "Vorstellungsgespräch geführt",
    "offer": "Angebot des Arbeitgebers",
    "close": "Vorschlag abschließen",
    "positive": "positiv",
    "negative": "negativ",
    "neutral": "neutral",
    "no_show": "nicht erschienen",
    "employer_chose_another": "Arbeitgeber hat sich anders entschieden",
    "qualification_mismatch": "Qualifikation passt nicht",
    "position_filled": "Stelle schon besetzt",
    "offer_declined": "Angebot abgelehnt",
    "other_job_found": "andere Stelle gefunden",
    "client_unavailable": "nicht verfügbar",
    "other": "Sonstiges",
    "post_hire_contact": "Kontakt nach der Arbeitsaufnahme",
    "job_at_risk": "Frühwarnung: Arbeitsplatz gefährdet",
    "migrated_assignment": "Migration: Fallmanager nicht übernommen",
    "absences": "Fehlzeiten",
    "conflict_at_work": "Konflikt am Arbeitsplatz",
    "probation_doubts": "Zweifel an der Probezeit",
    "daily_start": "Arbeitsbeginn",
    "weekly_hours": "Wochenstunden",
    "commute": "Arbeitsweg",
    "open_positions": "keine freien Plätze",
    "occupation": "Beruf",
    "level": "Anforderungsniveau",
    # journey deadlines
    "assignment": "Zuweisung einer Fallmanagerin/eines Fallmanagers",
    "continuation_check": "Nachfrage beim Arbeitgeber, ob die Beschäftigung fortbesteht",
    "closure": "Abschluss des Falls",
    "migration_carry": "Übertragung der Akte aus dem Altsystem",
    # benefits
    "grant": "Bewilligung",
    "change": "Änderung",
    "end": "Aufhebung",
    "adult": "Antragsteller/in",
    "partner": "Partner/in",
    "child": "Kind",
}


def name(code: Any) -> str:
    return NAMES.get(str(code), str(code)) if code is not None else "–"


def _moment(value: Any) -> datetime | None:
    if value is None or value == "":
        return None
    moment = value if isinstance(value, datetime) else datetime.fromisoformat(str(value))
    return moment.astimezone(BERLIN)


def moment(value: Any) -> str:
    """ "Mo 07.12.2026 09:00" in Europe/Berlin."""
    local = _moment(value)
    return f"{WEEKDAYS[local.weekday()]} {local:%d.%m.%Y %H:%M}" if local else "–"


def clock(value: Any) -> str:
    local = _moment(value)
    return f"{local:%H:%M}" if local else "–"


def day(value: Any) -> str:
    if value is None or value == "":
        return "–"
    found = value if isinstance(value, date) else date.fromisoformat(str(value)[:10])
    return f"{found:%d.%m.%Y}"


def euro(value: Any) -> str:
    """ "1.400,00 €"."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "–"
    text = f"{amount:,.2f}".replace(",", "_").replace(".", ",").replace("_", ".")
    return f"{text} €"


def number(value: Any) -> str:
    """ "37,5" for the services' "37.50": a decimal comma, and no zeros after it that say nothing."""
    try:
        amount = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return "–"
    text = f"{amount:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text.replace(".", ",")


def weekdays(text: Any) -> str:
    """The services' "Mon 08:00–12:30; Thu …" with German weekday abbreviations."""
    return german_days(str(text))


WEEKDAYS = ("Mo", "Di", "Mi", "Do", "Fr", "Sa", "So")
FILTERS: dict[str, Callable[[Any], str]] = {
    "name": name,
    "moment": moment,
    "clock": clock,
    "day": day,
    "euro": euro,
    "number": number,
    "weekdays": weekdays,
    "german": german,
}
GLOBALS: dict[str, Any] = {"NAMES": NAMES}
