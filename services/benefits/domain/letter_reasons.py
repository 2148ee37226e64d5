"""What a decision letter decides and why, in words: the operative part, the reasons, the settlement. No I/O."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from decimal import Decimal
from typing import TYPE_CHECKING, Any

from services.benefits.domain.decisions import Cause, DecisionKind
from services.benefits.domain.letter_texts import CAUSES, euro, german_date, german_month, period_reason

if TYPE_CHECKING:
    from services.benefits.domain.letters import DecisionOnFile

BENEFITS = "Leistungen zur Sicherung des Lebensunterhalts nach dem Zweiten Buch Sozialgesetzbuch (SGB II)"
CHANGE_LAW = "§ 48 Abs. 1 SGB X in Verbindung mit § 40 Abs. 1 Satz 1 SGB II"
# Income earned after the decision: the months already paid are corrected too, without discretion.
PAST_LAW = "§ 48 Abs. 1 Satz 2 Nr. 3 SGB X, § 40 Abs. 2 Nr. 3 SGB II in Verbindung mit § 330 Abs. 3 Satz 1 SGB III"


def _earlier(on_file: DecisionOnFile, genitive: bool = False) -> str:
    """The decision a change or end alters: "Bescheid vom 01.08.2026" ("des Bescheides vom …")."""
    day, ending = on_file.changed_decision_on, "es" if genitive else ""
    return f"Bescheid{ending} vom {german_date(day)}" if day else f"bisherige{'n' if genitive else ''} Bescheid{ending}"


def operative_part(on_file: DecisionOnFile) -> list[str]:
    decision, period = on_file.decision, on_file.decision.approval_period
    start, end = german_date(decision.effective_month), german_date(period.end)
    if on_file.kind is DecisionKind.GRANT:
        how = "vorläufig " if decision.provisional else ""
        return [
            f"für die Zeit vom {german_date(period.start)} bis {end} werden Ihnen und den Personen Ihrer "
            f"Bedarfsgemeinschaft {how}{BENEFITS} in Höhe von monatlich {euro(decision.monthly_amount)} bewilligt."
        ]
    if on_file.kind is DecisionKind.END:
        return [
            f"der {_earlier(on_file)} wird mit Wirkung ab {start} aufgehoben. "
            f"Ab {german_month(decision.effective_month)} erhalten Sie keine Leistungen mehr "
            f"(bisher monatlich {euro(decision.previous_monthly_amount)})."
        ]
    return [
        f"der {_earlier(on_file)} wird mit Wirkung ab {start} geändert. Für die Zeit vom {start} bis {end} erhalten "
        f"Sie monatlich {euro(decision.monthly_amount)} (bisher {euro(decision.previous_monthly_amount)})."
    ]


def reasons(on_file: DecisionOnFile) -> Iterator[str]:
    decision, period, kind = on_file.decision, on_file.decision.approval_period, on_file.kind
    cause = Cause(decision.cause)
    if kind is DecisionKind.GRANT and cause is Cause.HOUSEHOLD_CHANGE:
        yield "Sie haben Leistungen nach dem SGB II beantragt."
    else:
        yield CAUSES[cause]
    if kind is DecisionKind.END and decision.income_covers_need:
        yield (
            f"Ihr zu berücksichtigendes Einkommen deckt ab {german_month(decision.effective_month)} den gesamten "
            "Bedarf Ihrer Bedarfsgemeinschaft. Sie sind nicht mehr hilfebedürftig (§ 9 Abs. 1, § 19 Abs. 3 SGB II)."
        )
    elif kind is not DecisionKind.END:
        yield (
            "Der Bedarf Ihrer Bedarfsgemeinschaft ist nicht vollständig durch das zu berücksichtigende Einkommen "
            "gedeckt (§ 9 Abs. 1, § 19 Abs. 1 und 3 SGB II). Wie sich die Leistungen für jede Person errechnen, "
            "zeigt der beigefügte Berechnungsbogen mit der Rechtsgrundlage jedes Schritts."
        )
    if kind is not DecisionKind.GRANT:
        verb = "aufzuheben" if kind is DecisionKind.END else "zu ändern"
        yield (
            "Darin liegt eine wesentliche Änderung der Verhältnisse, die beim Erlass des "
            f"{_earlier(on_file, genitive=True)} vorgelegen haben. Der Bescheid ist deshalb mit Wirkung "
            f"ab {german_date(decision.effective_month)} nach {CHANGE_LAW} {verb}."
        )
        yield f"Der Bewilligungszeitraum vom {german_date(period.start)} bis {german_date(period.end)} bleibt bestehen."
    else:
        yield (
            f"Der Bewilligungszeitraum umfasst {period.months} Monate ({period_reason(period.reason)}; "
            f"{period.paragraph})."
        )
    if decision.provisional:
        yield (
            "Die Entscheidung ergeht vorläufig (§ 41a Abs. 1 SGB II), weil die Voraussetzungen des Anspruchs noch "
            "nicht abschließend feststehen. Nach Ablauf des Bewilligungszeitraums wird abschließend entschieden "
            "(§ 41a Abs. 3 SGB II)."
        )


def settlement_lines(settlement: dict[str, Any] | None) -> Iterator[str]:
    """Months already paid in advance at the old amount (§ 42 Abs. 1): back payment or recovery."""
    if settlement is None:
        return
    paid = [month for month in settlement["months"] if month["already_paid"]]
    if not paid:
        return
    names = ", ".join(german_month(date.fromisoformat(month["month"])) for month in paid)
    back, over = Decimal(settlement["back_payment"]), Decimal(settlement["overpayment"])
    if back > 0:
        yield f"Für die bereits ausgezahlten Monate ({names}) erhalten Sie eine Nachzahlung von {euro(back)}."
    if over > 0 and settlement["recovery_waived"]:
        yield (
            f"Für die bereits ausgezahlten Monate ({names}) wurden {euro(over)} zu viel gezahlt. Von einer Erstattung "
            f"wird abgesehen, weil der Betrag unter 50 € liegt ({settlement['paragraph']})."
        )
    elif over > 0:
        yield (
            f"Für die bereits ausgezahlten Monate ({names}) wurden {euro(over)} zu viel gezahlt. Insoweit wird "
            f"der Bescheid auch für diese Monate aufgehoben ({PAST_LAW}); nach § 50 Abs. 1 SGB X sind "
            f"{euro(Decimal(settlement['recovery']))} zu erstatten. Wie, teilen wir Ihnen gesondert mit."
        )
