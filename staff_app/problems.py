"""Problem details (RFC 9457) as a form shows them: each reason next to the field it names, in German."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

_LOCATIONS = ("body.", "query.", "path.")
_ISO_DAY = re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")
_FOR_MINUTES = re.compile(r"\bfor (?P<n>\d+) min\b")
_WEEKDAYS = {"Mon": "Mo", "Tue": "Di", "Wed": "Mi", "Thu": "Do", "Fri": "Fr", "Sat": "Sa", "Sun": "So"}
# Benefits' reasons for a household's income and assets (services/benefits/domain/entered_incomes.py).
_BENEFITS_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^is needed for .+: pay after taxes and contributions$"),
        "Bei Lohn und Gewinn bitte das Netto angeben.",
    ),
    (
        re.compile(r"^(?P<net>\S+) exceeds the gross amount (?P<gross>\S+)$"),
        "{net} übersteigt den Bruttobetrag {gross}.",
    ),
    (re.compile(r"^only pay and profit have a net amount.*$"), "Ein Netto haben nur Lohn und Gewinn."),
    (re.compile(r"^(?P<d>\S+) exceed the amount (?P<a>\S+)$"), "Die Absetzbeträge {d} übersteigen den Betrag {a}."),
    (
        re.compile(r"^taxes and contributions on pay are given by .*$"),
        "Steuern und Beiträge auf Lohn ergeben sich aus dem Netto.",
    ),
    (
        re.compile(r"^only pay and profit have proven costs.*$"),
        "Nur bei Lohn und Gewinn (§ 11b Abs. 2 S. 2 SGB II); sonst als Absetzbeträge angeben.",
    ),
    (
        re.compile(r"^a back payment flows in once.*$"),
        "Eine Nachzahlung fließt einmal zu: bitte nur „Zufluss ab“ angeben.",
    ),
    (re.compile(r"^only a back payment is spread.*$"), "Nur eine Nachzahlung wird verteilt (§ 11 Abs. 3 SGB II)."),
    (re.compile(r"^belongs to a pension only.*$"), "Nur bei einer Rente (§ 11b Abs. 2a SGB II, § 82a SGB XII)."),
    (
        re.compile(r"^belongs to self_employment only.*$"),
        "Nur bei selbständiger Tätigkeit (§ 11b Abs. 1 S. 1 Nr. 3 SGB II).",
    ),
    (re.compile(r"^belongs to Elterngeld.*$"), "Nur beim Elterngeld."),
    (re.compile(r"^only an employment can be a separate job$"), "Nur bei einer Beschäftigung."),
    (re.compile(r"^lies before inflow_from (?P<m>\S+)$"), "Liegt vor dem Zuflussbeginn {m}."),
    (
        re.compile(r"^an inheritance is one-off income.*$"),
        "Eine Erbschaft ist eine einmalige Einnahme (§ 11a Abs. 1 Nr. 7 SGB II): nur ein Zuflussmonat.",
    ),
    (
        re.compile(r"^(Value error, )?an owner-occupied home needs living_area_m2.*$"),
        "Für Wohneigentum bitte die Wohnfläche angeben (§ 12 Abs. 1 S. 2 Nr. 5 SGB II).",
    ),
    (
        re.compile(r"^(Value error, )?inflow months are given by their first day$"),
        "Zuflussmonate bitte als Monat angeben.",
    ),
)
# A client's life (#13): intake's refusals of a move, coaching's of an office closure.
_LIFE_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^is the client's current residence postcode$"), "Das ist die bisherige Postleitzahl."),
    (
        re.compile(r"^lies in the future: record a move once the client lives there$"),
        "Liegt in der Zukunft: einen Umzug bitte erst erfassen, wenn die Kundin/der Kunde dort wohnt.",
    ),
    (re.compile(r"^lies before the registration on (?P<day>\S+)$"), "Liegt vor der Registrierung am {day}."),
    (
        re.compile(r"^not in a district served by this Jobcenter: close the case instead$"),
        "Diese Postleitzahl gehört zu keinem Kreis dieses Jobcenters: bitte den Fall abschließen.",
    ),
    (re.compile(r"^unknown office$"), "Diese Dienststelle gibt es nicht."),
    (
        re.compile(r"^must be another office than the one closed$"),
        "Bitte eine andere als die geschlossene Dienststelle wählen.",
    ),
    (re.compile(r"^lies before starts_on$"), "Liegt vor dem ersten Schließtag."),
    (
        re.compile(r"^lies in the past: a closure is announced ahead \(or from today\)$"),
        "Liegt in der Vergangenheit: eine Schließzeit beginnt frühestens heute.",
    ),
    (
        re.compile(r"^a closure lasts at most (?P<n>\d+) days; close again after that$"),
        "Eine Schließzeit dauert höchstens {n} Tage; danach bitte erneut schließen.",
    ),
    (re.compile(r"^must lie after opens$"), "Das Ende muss nach dem Beginn liegen."),
    (
        re.compile(r"^the office is already closed from (?P<a>\S+) to (?P<b>\S+)$"),
        "Die Dienststelle ist vom {a} bis {b} bereits geschlossen.",
    ),
    (
        re.compile(r"^(?P<office>.+) is itself closed in that period$"),
        "{office} ist in dieser Zeit selbst geschlossen.",
    ),
)
# Intake's refusals of a registration's day (services/intake/domain/model.py `registration_day`).
_REGISTRATION_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^lies in the future: a registration is dated the day it happened$"),
        "Liegt in der Zukunft: eine Registrierung trägt den Tag, an dem sie stattfand.",
    ),
    (re.compile(r"^lies before the birth date (?P<day>\S+)$"), "Liegt vor dem Geburtsdatum {day}."),
    (
        re.compile(r"^the client was not yet 15 years old on that day \(§ 7 Abs\. 1 SGB II\)$"),
        "An diesem Tag war die Kundin/der Kunde noch nicht 15 Jahre alt (§ 7 Abs. 1 SGB II).",
    ),
)
# Placement's pipeline (#12): services/placement/domain/pipeline.py.
_PIPELINE_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^a closing step gives its reason code$"), "Bitte den Grund des Abschlusses wählen."),
    (re.compile(r"^a closing step says rejected or withdrawn$"), "Bitte „abgelehnt“ oder „zurückgezogen“ wählen."),
    (re.compile(r"^an interview held has an outcome.*$"), "Bitte das Ergebnis des Gesprächs wählen."),
    (re.compile(r"^only an interview held has an outcome$"), "Ein Ergebnis gibt es nur nach dem Gespräch."),
    (re.compile(r"^only a closing step has it$"), "Nur beim Abschluss des Vorschlags anzugeben."),
    (re.compile(r"^does not fit \w+; one of: .+$"), "Dieser Grund passt nicht zum Abschluss."),
    (re.compile(r"^lies before the proposal \((?P<day>[^)]+)\)$"), "Liegt vor dem Vorschlag ({day})."),
    (
        re.compile(r"^a proposal that is \w+ cannot take the step \w+.*$"),
        "Dieser Schritt ist beim jetzigen Stand des Vorschlags nicht möglich.",
    ),
)


# The services speak English; what a staff member reads is German. Unknown reasons are shown as they are.
# An employer's contacts and the hidden job market (placement, #12).
_EMPLOYER_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^a phone number or an e-mail address is needed$"), "Bitte Telefon oder E-Mail angeben."),
    (re.compile(r"^must lie after the contact$"), "Die Wiedervorlage muss nach dem Kontakt liegen."),
    (
        re.compile(r"^lies in the future: record a contact once it took place$"),
        "Liegt in der Zukunft: bitte einen Kontakt erst erfassen, wenn er stattgefunden hat.",
    ),
    (
        re.compile(r"^an unpublished vacancy names the contact it came from$"),
        "Eine nicht veröffentlichte Stelle nennt den Kontakt, aus dem sie stammt.",
    ),
    (
        re.compile(r"^longer than (?P<weeks>\d+) weeks at an employer \((?P<source>.+)\)$"),
        "Länger als {weeks} Wochen bei einem Arbeitgeber ({source}).",
    ),
    (re.compile(r"^no such contact with this employer$"), "Diesen Kontakt gibt es bei diesem Arbeitgeber nicht."),
    (re.compile(r"^the last day lies before the first \(starts_on\)$"), "Der letzte Tag liegt vor dem ersten."),
    (re.compile(r"^lies before the internship started$"), "Liegt vor dem Beginn des Praktikums."),
    (
        re.compile(r"^before its last day an internship ends as aborted, not as not_suitable$"),
        "Vor dem letzten Tag endet ein Praktikum als „abgebrochen“, nicht als „nicht geeignet“.",
    ),
    (re.compile(r"^the internship already ended with the outcome .+$"), "Das Praktikum ist schon beendet."),
    (re.compile(r"^a company visit needs at least one client$"), "Bitte mindestens eine Kundennummer angeben."),
    (re.compile(r"^a client is listed twice$"), "Eine Kundin oder ein Kunde steht doppelt in der Liste."),
    (re.compile(r"^the visit has not taken place yet$"), "Der Besuch hat noch nicht stattgefunden."),
    (
        re.compile(r"^the registration of client \S+ has not reached placement yet; retry shortly$"),
        "Die Vermittlung kennt diese Kundin/diesen Kunden noch nicht; bitte gleich noch einmal versuchen.",
    ),
)

# Benefits' refusals of a lift (services/benefits/use_cases/reductions.py, domain/reduced_entitlement.py).
_REDUCTION_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^lies before the breach$"), "Liegt vor dem Verstoß."),
    (
        re.compile(r"^the reduction runs out on (?P<day>\S+) by itself: nothing to lift$"),
        "Die Minderung endet am {day} von selbst: es gibt nichts aufzuheben.",
    ),
    (
        re.compile(r"^a missed appointment's reduction runs its month; it is not lifted.*$"),
        "Eine Minderung wegen eines Meldeversäumnisses läuft ihren Monat; "
        "sie wird nicht aufgehoben (§ 32 Abs. 2 SGB II).",
    ),
    (
        re.compile(r"^reduction \S+ was lifted from (?P<day>\S+) already$"),
        "Diese Minderung ist bereits ab {day} aufgehoben.",
    ),
    (
        re.compile(r"^(Value error, )?must lie between (?P<a>\S+) and (?P<b>\S+)$"),
        "Bitte ein Datum zwischen dem {a} und dem {b} angeben.",
    ),
)

_REASONS: tuple[tuple[re.Pattern[str], str], ...] = (
    (
        re.compile(r"^(?P<when>.+) is outside the opening hours of (?P<office>[^:]+): (?P<hours>.+)$"),
        "{when} liegt außerhalb der Öffnungszeiten von {office}: {hours}",
    ),
    (
        re.compile(r"^(?P<when>.+) is outside the consultation hours — (?P<hours>.+)$"),
        "{when} liegt außerhalb der Sprechzeiten: {hours}",
    ),
    (
        re.compile(r"^daily start (?P<start>\S+) is before the client's earliest start (?P<earliest>\S+)$"),
        "Arbeitsbeginn {start} Uhr liegt vor dem frühesten möglichen Beginn der Kundin/des Kunden um {earliest} Uhr",
    ),
    (
        re.compile(r"^(?P<hours>\S+) weekly hours exceed the client's maximum of (?P<limit>\S+)$"),
        "{hours} Wochenstunden übersteigen das Höchstmaß von {limit} Stunden",
    ),
    (
        re.compile(r"^commute of (?P<minutes>\d+) minutes exceeds the client's maximum of (?P<limit>\d+) minutes$"),
        "Fahrzeit von {minutes} Minuten übersteigt das Höchstmaß von {limit} Minuten",
    ),
    (re.compile(r"^commute unknown$"), "Fahrzeit unbekannt"),
    (
        re.compile(r"^commute unknown: the client's postcode (?P<pc>\d+) is not in the postcode directory$"),
        "Fahrzeit unbekannt: Postleitzahl {pc} des Wohnorts ist nicht im Verzeichnis",
    ),
    (
        re.compile(r"^commute unknown: the vacancy's postcode (?P<pc>\d+) is not in the postcode directory$"),
        "Fahrzeit unbekannt: Postleitzahl {pc} der Stelle ist nicht im Verzeichnis",
    ),
    (
        re.compile(r"^daily start unknown, and the client can start at (?P<earliest>\S+) at the earliest$"),
        "Arbeitsbeginn unbekannt, die Kundin/der Kunde kann frühestens um {earliest} Uhr beginnen",
    ),
    (
        re.compile(r"^weekly hours unknown, and the client can work at most (?P<limit>\d+)$"),
        "Wochenstunden unbekannt, die Kundin/der Kunde kann höchstens {limit} Stunden arbeiten",
    ),
    (
        re.compile(r"^occupation (?P<code>\d{5}) lies outside the client's target occupation groups (?P<groups>.+)$"),
        "Beruf {code} liegt außerhalb der Berufsgruppen der Zielberufe ({groups})",
    ),
    (
        re.compile(r"^no occupation code, so it cannot be checked against the client's target occupations$"),
        "kein Berufsschlüssel: der Abgleich mit den Zielberufen ist nicht möglich",
    ),
    (
        re.compile(
            r"^requirement level (?P<required>\d) \(\w+\) exceeds the client's qualification in occupation group "
            r"(?P<group>\d{3}): level (?P<held>\d) \(\w+\)$"
        ),
        "Anforderungsniveau {required} übersteigt die Qualifikation in der Berufsgruppe {group} (Niveau {held})",
    ),
    (re.compile(r"^no open positions$"), "keine offenen Stellen mehr"),
    (re.compile(r"^Field required$"), "Bitte ausfüllen."),
    (re.compile(r"^Input should be a valid date.*$"), "Bitte ein gültiges Datum angeben."),
    (re.compile(r"^Input should be a valid datetime.*$"), "Bitte Datum und Uhrzeit angeben."),
    (re.compile(r"^Input should be a valid (decimal|number).*$"), "Bitte eine Zahl angeben."),
    (re.compile(r"^Input should be greater than or equal to (?P<n>.+)$"), "Mindestens {n}."),
    (re.compile(r"^Input should be less than or equal to (?P<n>.+)$"), "Höchstens {n}."),
    (re.compile(r"^Input should be greater than (?P<n>.+)$"), "Größer als {n}."),
    (re.compile(r"^String should have at least 1 character$"), "Bitte ausfüllen."),
    (re.compile(r"^String should have at most (?P<n>\d+) characters$"), "Höchstens {n} Zeichen."),
    (
        re.compile(r"^Value should have at most (?P<n>\d+) items after validation, not (?P<m>\d+)$"),
        "Höchstens {n} (hier {m}).",
    ),
    (re.compile(r"^must be the first day of a month$"), "Muss der Erste eines Monats sein."),
    (re.compile(r"^String should match pattern '\^\[0-9\]\{5\}\$'$"), "Bitte eine fünfstellige Postleitzahl angeben."),
    (re.compile(r"^String should match pattern .*$"), "Bitte in der vorgesehenen Form angeben."),
    *_BENEFITS_REASONS,
    *_LIFE_REASONS,
    *_REGISTRATION_REASONS,
    *_PIPELINE_REASONS,
    *_EMPLOYER_REASONS,
    *_REDUCTION_REASONS,
)


@dataclass
class FormErrors:
    """What a form shows after a refusal: reasons by field, and those that name no field of the form."""

    fields: dict[str, str] = field(default_factory=dict)
    general: list[str] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)


def german(reason: str) -> str:
    for pattern, text in _REASONS:
        if found := pattern.match(reason):
            return text.format(**{k: german_moments(german_days(v)) for k, v in found.groupdict().items()})
    return reason


def german_days(text: str) -> str:
    return re.sub(r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun)\b", lambda m: _WEEKDAYS[m.group(1)], text)


def german_moments(text: str) -> str:
    """The services' ISO days and "for 30 min" as a German reader writes them: "30.11.2026", "für 30 Min."."""
    text = _ISO_DAY.sub(lambda m: f"{m['d']}.{m['m']}.{m['y']}", text)
    return _FOR_MINUTES.sub(lambda m: f"für {m['n']} Min.", text)


def form_field(name: str, known: Iterable[str], aliases: Mapping[str, str] | None = None) -> str | None:
    """The form field a problem names: `query.name` → `name`; `person.birth_date` → `person.birth_date`,
    or its closest enclosing field of the form (`members.0.birth_date` → `members`); `aliases` renames
    what the service calls a field to the form's name for it (`earned_incomes.0.gross` → `gross`)."""
    for prefix in _LOCATIONS:
        if name.startswith(prefix):
            name = name[len(prefix) :]
    name = (aliases or {}).get(name, name)
    fields = set(known)
    parts = name.split(".")
    for end in range(len(parts), 0, -1):
        candidate = ".".join(parts[:end])
        if candidate in fields:
            return candidate
    return None


def form_errors(
    problem: Mapping[str, Any], known: Iterable[str], aliases: Mapping[str, str] | None = None
) -> FormErrors:
    """Each `errors[]` entry next to its field; whatever names no field of the form as a general message."""
    fields = list(known)
    found = FormErrors()
    for error in problem.get("errors") or []:
        reason = german(str(error.get("reason", "")))
        name = form_field(str(error.get("field", "")), fields, aliases)
        if name is None:
            found.general.append(reason)
        else:
            found.fields[name] = f"{found.fields[name]} {reason}" if name in found.fields else reason
    if not found:
        found.general.append(german(str(problem.get("detail") or problem.get("title") or "Abgelehnt.")))
    return found
