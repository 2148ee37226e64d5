"""The hearing's current details for operators and staff (German, like the UI): status, deadlines, personal hearing.

Ids and dates only: no reasons, no statement (the details are shown in the Temporal UI in clear).
"""

from __future__ import annotations

from workflows.hearing.models import HearingState, PersonalHearingMode, Status

STATUS = {
    Status.AWAITING_STATEMENT: "wartet auf Stellungnahme",
    Status.STATEMENT_OVERDUE: "Frist zur Stellungnahme abgelaufen: Entscheidung möglich",
    Status.READY_FOR_DECISION: "Stellungnahme liegt vor: Entscheidung möglich",
    Status.REDUCING: "Minderung festgestellt; weitere Monate werden entschieden",
    Status.CLOSED_NO_REDUCTION: "abgeschlossen ohne Minderung",
    Status.CLOSED_REDUCED: "abgeschlossen mit Minderung",
    Status.REFUSED_BY_BENEFITS: "Leistungsabteilung hat die Minderung abgelehnt",
    Status.TOO_LATE: "zu spät: sechs Monate nach dem Ereignis (§ 31b Abs. 1 S. 3)",
}
MODE = {
    PersonalHearingMode.IN_PERSON: "persönliche Anhörung",
    PersonalHearingMode.OFFERED: "persönliche Anhörung anbieten",
    PersonalHearingMode.ON_REQUEST: "persönlich auf Verlangen",
}


def details(state: HearingState) -> str:
    hearing = state.personal_hearing
    return (
        f"Anhörung {state.facts.incident_id}: {STATUS[state.status]}; "
        f"Stellungnahme bis {state.statement_due:%d.%m.%Y}, Feststellung bis {state.determination_deadline:%d.%m.%Y}; "
        f"{MODE[hearing.mode]} ({hearing.paragraph})"
    )
