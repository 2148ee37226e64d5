"""The German wording of a decision letter: titles, labels of the calculation sheet, reasons, legal remedy.

No I/O. The explanation's kinds are the engine's codes; the letter and the API (`label`, `cause_label`) name
each line and cause in German from here, so a kind added later still prints (under its own name) until it
gets a label here. The notes the engine writes on each line are German where it writes them.
"""

from __future__ import annotations

from datetime import date

from services.benefits.domain.decisions import Cause, DecisionKind
from services.benefits.domain.german import euro as euro  # the letter takes it from here with its other texts

MONTHS = (
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
)

TITLES = {
    DecisionKind.GRANT: "Bewilligungsbescheid",
    DecisionKind.CHANGE: "Änderungsbescheid",
    DecisionKind.END: "Aufhebungsbescheid",
}

ROLES = {"adult": "antragstellende Person", "partner": "Partnerin/Partner", "child": "Kind"}

LABELS = {
    "standard_need": "Regelbedarf",
    "additional_need": "Mehrbedarf",
    "additional_need.cap": "Begrenzung der Mehrbedarfe auf die Höhe des Regelbedarfs",
    "housing_costs.rent": "Bedarf für Unterkunft (Kopfanteil)",
    "housing_costs.heating": "Bedarf für Heizung (Kopfanteil)",
    "need": "Gesamtbedarf",
    "earned_income.net": "Erwerbseinkommen (netto)",
    "earned_income_allowance": "Absetzbetrag vom Erwerbseinkommen",
    "other_income": "Sonstiges Einkommen",
    "child_benefit": "Kindergeld",
    "child_benefit.surplus": "Kindergeldüberhang",
    "counted_income": "Zu berücksichtigendes Einkommen",
    "remaining_need": "Ungedeckter Bedarf (Anteil am Gesamtbedarf)",
    "uncovered_need": "Nicht durch Einkommen gedeckter Bedarf",
    "entitlement": "Leistungsanspruch",
    "child_supplement": "Sofortzuschlag für Kinder",
    "income": "Einnahme (Geldleistung, Rente, Unterhalt und Ähnliches)",
    "income.exempt": "Nicht anzurechnender Teil der Einnahme",
    "income.deduction": "Abzüge von der Einnahme (Steuern, Pflichtbeiträge, Aufwendungen)",
    "income.insurance_allowance": "Versicherungspauschale",
    "assets": "Vermögen insgesamt",
    "assets.exempt": "Geschütztes Vermögen (wird nicht berücksichtigt)",
    "assets.counted": "Zu berücksichtigendes Vermögen",
    "assets.allowance": "Vermögensfreibetrag",
    "assets.allowance.transferred": "Übertragener Vermögensfreibetrag anderer Mitglieder",
    "assets.excess": "Vermögen über den Freibeträgen",
    "reduction": "Minderung des Auszahlungsanspruchs",
    "reduction.minimum": "Mindestbetrag während der Minderung",
    "reduction.not_reachable": "Entfall des Anspruchs wegen Nichterreichbarkeit",
    "entitlement.reduced": "Leistungsanspruch nach Minderung",
}
# Where one kind covers several steps, the paragraph tells them apart.
BY_PARAGRAPH = {
    ("earned_income_allowance", "§ 11b Abs. 2"): "Grundfreibetrag",
    ("earned_income_allowance", "§ 11b Abs. 3"): "Freibetrag bei Erwerbstätigkeit",
    ("income", "§ 11a Abs. 3"): "Ausbildungsförderung (BAföG, Berufsausbildungsbeihilfe)",
    ("income", "§ 11 Abs. 1 S. 1 SGB II, § 10 Abs. 5"): "Elterngeld",
}
HOUSEHOLD_LABELS = {
    "need": "Ungedeckter Gesamtbedarf der Bedarfsgemeinschaft",
    "counted_income": "Einkommen der Bedarfsgemeinschaft",
    "entitlement": "Leistungsanspruch der Bedarfsgemeinschaft (ohne Sofortzuschlag)",
}
# Kinds another part of the engine may add; prefix → label, until a kind gets its own label above.
FAMILIES = {"asset": "Vermögen", "earned_income": "Erwerbseinkommen", "income": "Einkommen", "housing": "Unterkunft"}

PERIOD_REASONS = {
    "regular approval period": "regelmäßiger Bewilligungszeitraum",
    "provisional decision (§ 41a)": "vorläufige Entscheidung nach § 41a SGB II",
    "housing costs not appropriate": "die Aufwendungen für Unterkunft und Heizung sind nicht angemessen",
}

# What caused a decision, as a staff member reads it in the list of decisions; the letter tells the client in CAUSES.
CAUSE_LABELS = {
    Cause.HOUSEHOLD_CHANGE: "Angaben zu Bedarfsgemeinschaft, Wohnung oder Einkommen erfasst oder geändert",
    Cause.EMPLOYMENT_STARTED: "Aufnahme einer Erwerbstätigkeit",
    Cause.EMPLOYMENT_ENDED: "Ende einer Erwerbstätigkeit",
    Cause.EMPLOYMENT_CONFIRMED: "Nachweis des tatsächlichen Erwerbseinkommens",
    Cause.REDUCTION_DETERMINED: "Feststellung einer Minderung nach Anhörung",
    Cause.REDUCTION_LIFTED: "Aufhebung einer Minderung",
    Cause.REDUCTION_ENDED: "Ende des Minderungszeitraums",
    Cause.MOVED: "Umzug in einen anderen Kreis",
    Cause.CONTINUATION: "Weiterbewilligungsantrag",
}

CAUSES = {
    Cause.HOUSEHOLD_CHANGE: "Ihre Angaben zu Ihrer Bedarfsgemeinschaft, zu Ihrer Wohnung oder zu Ihrem Einkommen "
    "haben sich geändert.",
    Cause.EMPLOYMENT_STARTED: "Sie haben eine Erwerbstätigkeit aufgenommen. Das Erwerbseinkommen wird in dem Monat "
    "berücksichtigt, in dem es Ihnen zufließt (§ 11 Abs. 2 SGB II), abzüglich der Freibeträge nach § 11b SGB II.",
    Cause.EMPLOYMENT_ENDED: "Ihre Erwerbstätigkeit ist beendet. Das Erwerbseinkommen daraus wird nach dem Monat des "
    "letzten Zuflusses nicht mehr berücksichtigt.",
    Cause.EMPLOYMENT_CONFIRMED: "Ihr tatsächliches Erwerbseinkommen wurde nachgewiesen; es wird in dem Monat "
    "berücksichtigt, in dem es Ihnen zugeflossen ist (§ 11 Abs. 2 SGB II).",
    Cause.REDUCTION_DETERMINED: "Nach Ihrer Anhörung wurde eine Minderung Ihres Auszahlungsanspruchs festgestellt "
    "(§§ 31a, 31b, 32 SGB II). Die Bedarfe für Unterkunft und Heizung werden nicht gemindert.",
    Cause.REDUCTION_LIFTED: "Die Minderung Ihres Auszahlungsanspruchs wird aufgehoben (§ 31a Abs. 1 S. 2 SGB II).",
    Cause.REDUCTION_ENDED: "Der Minderungszeitraum ist abgelaufen; Sie erhalten wieder den ungeminderten Betrag.",
    Cause.MOVED: "Sie sind in einen anderen Kreis umgezogen. Ab dem Monat des Umzugs gilt die dortige Grenze der "
    "angemessenen Kosten der Unterkunft (§ 22 Abs. 1 und 4 SGB II). Bitte reichen Sie den neuen Mietvertrag ein.",
    Cause.CONTINUATION: "Sie haben die Weiterbewilligung der Leistungen nach dem SGB II für die Zeit nach dem Ende "
    "Ihres bisherigen Bewilligungszeitraums beantragt (§ 37 Abs. 1, § 41 Abs. 3 SGB II). Ein nach dessen Ende "
    "gestellter Antrag wirkt auf den Ersten des Monats der Antragstellung zurück (§ 37 Abs. 2 SGB II).",
}


def cause_label(cause: str) -> str:
    """A cause added later shows as its code until it gets a label here."""
    try:
        return CAUSE_LABELS[Cause(cause)]
    except ValueError:
        return cause


def label(kind: str, paragraph: str, household: bool) -> str:
    if household and kind in HOUSEHOLD_LABELS:
        return HOUSEHOLD_LABELS[kind]
    for (known, prefix), name in BY_PARAGRAPH.items():
        if kind == known and paragraph.startswith(prefix):
            return name
    if kind in LABELS:
        return LABELS[kind]
    family = next((name for prefix, name in FAMILIES.items() if kind.startswith(prefix)), None)
    return f"{family} ({kind})" if family else kind


def german_date(day: date) -> str:
    return day.strftime("%d.%m.%Y")


def german_month(month: date) -> str:
    return f"{MONTHS[month.month - 1]} {month.year}"


UNBREAKABLE = ("§ ", "Abs. ", "Nr. ", "S. ", "Satz ")


def unbroken(text: str) -> str:
    """No line break between "§" or "Abs." and its number: a citation reads as one unit."""
    for joined in UNBREAKABLE:
        text = text.replace(joined, joined[:-1] + "\u00a0")
    return text


def period_reason(reason: str) -> str:
    return PERIOD_REASONS.get(reason, reason)


def remedy(jobcenter: str, address: str, reduces: bool) -> list[str]:
    """Rechtsbehelfsbelehrung (§ 36 SGB X, § 84 SGG); § 39 Nr. 1 SGB II when the decision takes benefits away."""
    text = [
        "Gegen diesen Bescheid kann innerhalb eines Monats nach seiner Bekanntgabe Widerspruch erhoben werden. "
        "Der Widerspruch ist schriftlich, in elektronischer Form nach § 36a Abs. 2 des Ersten Buches "
        f"Sozialgesetzbuch oder zur Niederschrift beim {jobcenter}, {address}, einzulegen."
    ]
    if reduces:
        text.append(
            "Widerspruch und Anfechtungsklage gegen diesen Bescheid haben keine aufschiebende Wirkung "
            "(§ 39 Nr. 1 SGB II): dieser Bescheid gilt, auch wenn Sie Widerspruch erheben."
        )
    return text
