"""German names of coaching's § 16a referral codes, and its refusals of referrals in German."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

KINDS = {
    "care": "Betreuung von Kindern oder Pflege von Angehörigen (§ 16a Nr. 1 SGB II)",
    "debt_counselling": "Schuldnerberatung (§ 16a Nr. 2 SGB II)",
    "psychosocial_care": "Psychosoziale Betreuung (§ 16a Nr. 3 SGB II)",
    "addiction_counselling": "Suchtberatung (§ 16a Nr. 4 SGB II)",
}
STATUSES = {
    "proposed": "vorgeschlagen",
    "referred": "vermittelt",
    "first_appointment_held": "Erstgespräch hat stattgefunden",
    "in_progress": "läuft",
    "completed": "abgeschlossen",
    "broken_off": "abgebrochen",
    "declined": "von der Kundin/dem Kunden abgelehnt",
}
STARTING = ("referred", "proposed")
ENDED = frozenset({"completed", "broken_off", "declined"})
# The steps the form offers after each status (coaching decides; a step out of order comes back as a refusal).
NEXT = {
    "proposed": ("referred", "declined"),
    "referred": ("first_appointment_held", "declined", "broken_off"),
    "first_appointment_held": ("in_progress", "completed", "broken_off"),
    "in_progress": ("completed", "broken_off"),
}
FIELDS = ("kind", "provider_id", "provider_name", "status", "on", "follow_up_on", "consent_given_on", "note")
STATUS_FIELDS = ("status", "on", "follow_up_on", "consent_given_on", "note")


def kind(code: str) -> str:
    return KINDS.get(code, code)


def status(code: str) -> str:
    return STATUSES.get(code, code)


def provider_options(providers: list[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """The office's providers, each with the service it offers, for the form's list."""
    return [(p["provider_id"], f"{p['name']} – {', '.join(kind(k) for k in p['kinds'])}") for p in providers]


def refusal(reason: str) -> str:
    """Coaching's known refusals of referrals in German; others as they are."""
    if " addresses a " in reason and "the plan records none" in reason:
        return "Der Kooperationsplan verzeichnet kein Hemmnis, an dem diese Leistung ansetzt."
    if reason.startswith("not a provider of the client's office"):
        return "Dieser Träger bietet die Leistung in der Dienststelle der Person nicht an."
    if reason.startswith("name the provider"):
        return "Bitte einen Träger wählen oder einen anderen Träger nennen."
    if reason.startswith("a step is recorded when it happened"):
        return "Das Datum darf nicht in der Zukunft liegen."
    if reason.startswith("the follow-up comes after"):
        return "Die Wiedervorlage muss nach dem Datum des Schritts liegen."
    if reason.startswith("the consent is recorded once"):
        return "Die Schweigepflichtentbindung kann erst nach der Unterschrift erfasst werden."
    if reason.startswith("before the current status"):
        return "Das Datum liegt vor dem aktuellen Stand der Weitervermittlung."
    if reason.startswith("a ") and " referral cannot become " in reason:
        return "Dieser Schritt passt nicht zum aktuellen Stand der Weitervermittlung."
    return reason


def germanised(problem: Mapping[str, Any]) -> dict[str, Any]:
    """The problem with coaching's reasons in German, before the form shows them next to their fields."""
    errors = [{**e, "reason": refusal(str(e.get("reason", "")))} for e in problem.get("errors") or []]
    return {**problem, "errors": errors, "detail": refusal(str(problem.get("detail") or problem.get("title") or ""))}
