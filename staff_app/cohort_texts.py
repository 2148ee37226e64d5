"""The German words of the programme and cohort pages: outcomes, end reasons, weekdays (one dictionary each)."""

from __future__ import annotations

OUTCOMES = {
    "in_work": "in Arbeit",
    "in_training": "in Ausbildung",
    "continuing": "weiter im Coaching",
    "dropped_out": "abgebrochen",
}
END_REASONS = {
    "completed": "Programm abgeschlossen",
    "in_work": "Arbeit aufgenommen",
    "in_training": "Ausbildung begonnen",
    "dropped_out": "Teilnahme abgebrochen",
    "moved_away": "verzogen",
    "case_closed": "Fall abgeschlossen",
    "other": "anderer Grund",
    "transferred": "in anderes Programm gewechselt",
}
CHOSEN_END_REASONS = {k: v for k, v in END_REASONS.items() if k != "transferred"}
WEEKDAYS = {"mon": "Mo", "tue": "Di", "wed": "Mi", "thu": "Do", "fri": "Fr", "sat": "Sa", "sun": "So"}
SESSION_STATUSES = {"booked": "geplant", "cancelled": "abgesagt"}
SELECTION_REASONS = {
    "not_eligible": "nicht zugelassen",
    "open_obstacle:childcare": "offenes Hemmnis: Kinderbetreuung",
    "open_obstacle:language": "offenes Hemmnis: Sprache",
}
COMPONENTS = {
    "readiness": "Vermittlungsnähe",
    "obstacles": "Hemmnisse",
    "recent_contact": "letzter Kontakt",
    "target_groups": "Zielgruppen",
}


def exclusion(reason: str) -> str:
    if reason.startswith("in_programme:"):
        return f"bereits im Programm {reason.split(':', 1)[1]}"
    return SELECTION_REASONS.get(reason, reason)


def refusal(detail: str) -> str:
    """Coaching's known refusals of cohorts and participations in German; others as they are."""
    if detail.startswith("the cohort is full: capacity "):
        return f"Die Kohorte ist voll ({detail.rsplit(' ', 1)[1]} Plätze)."
    if detail.startswith("the client is a member of this cohort already"):
        return "Die Person nimmt an dieser Kohorte bereits teil."
    if detail.startswith("the client takes part in ") and "transfer them first" in detail:
        return "Die Person nimmt an einem anderen Programm teil: bitte zuerst wechseln."
    if detail.startswith("the client already takes part in"):
        return "Die Person nimmt bereits an einem Programm teil: bitte wechseln statt aufnehmen."
    if detail.startswith("the client takes part in no programme"):
        return "Die Person nimmt an keinem Programm teil."
    if detail.startswith("the outcome "):
        return "Das Ergebnis ist bereits erfasst."
    return detail
