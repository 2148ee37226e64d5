"""The benefits clerk reads a household's reductions in German: the incident, the share and euros, the period, the
paragraph and whether it still runs, as benefits returns them (§§ 31a, 31b, 32, 7b Abs. 4 SGB II)."""

from __future__ import annotations

from datetime import date
from typing import Any

from staff_app.formatting import euro
from staff_app.problems import form_errors
from staff_app.reduction_texts import (
    CAPPED,
    NOT_LIFTED,
    ONE_EURO,
    ONE_MONTH,
    UNTIL_REPORTED,
    incident_label,
    own_lines,
    view,
)

CLIENT = "0193a0b0-0000-7000-8000-000000000001"
BREACH: dict[str, Any] = {  # as GET /households/{id}/reductions returns one (§ 31a Abs. 1 n.F.: 30 %, 3 months)
    "reduction_id": "0193a0b0-0000-7000-8000-0000000000aa",
    "household_id": "0193a0b0-0000-7000-8000-0000000000bb",
    "client_id": CLIENT,
    "incident": "breach_of_duty",
    "consequence": "reduction",
    "percent": "30.00",
    "first_month": "2026-08-01",
    "months": 3,
    "step": 1,
    "paragraph": "§ 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 SGB II",
    "from_day": None,
    "until": None,
    "occurred_on": "2026-07-03",
    "determined_on": "2026-07-24",
    "determined_by": "lutjenburg-benefits-01",
    "decision_id": "0193a0b0-0000-7000-8000-0000000000cc",
    "lifted_from": None,
    "lifted_on": None,
    "lifted_by": None,
    "change_months": [],
    "monthly_reduction": None,
}
REDUCTION_LINE = {
    "person_id": CLIENT,
    "kind": "reduction",
    "amount": "168.90",
    "paragraph": "§ 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 SGB II",
    "note": "Minderung um 30,00 % des Regelbedarfs (563,00 €)",
}


def test_the_incidents_read_as_pflichtverletzung_meldeversaeumnis_and_sperrzeit() -> None:
    assert [incident_label(i) for i in ("breach_of_duty", "missed_appointment", "sperrzeit")] == [
        "Pflichtverletzung",
        "Meldeversäumnis",
        "Sperrzeit",
    ]
    assert incident_label("sperrzeit_missed_appointment") == "Sperrzeit wegen Meldeversäumnis"


def test_a_breach_in_july_2026_reads_30_percent_and_its_euros_from_august_to_october_while_it_runs() -> None:
    """§ 31a Abs. 1 n.F., § 31b Abs. 1 S. 1: from the month after it is made known, three months."""
    shown = view(BREACH, [REDUCTION_LINE], date(2026, 9, 15))
    assert (shown.incident, shown.occurred_on, shown.share) == (
        "Pflichtverletzung",
        "03.07.2026",
        "30 % des Regelbedarfs",
    )
    assert shown.amount == "168,90 € im ersten Monat (08/2026)"
    assert (shown.starts, shown.until) == ("01.08.2026", "31.10.2026")
    assert shown.paragraph == "§ 31a Abs. 1 S. 1, § 31b Abs. 2 S. 1 SGB II"
    assert (shown.status, shown.liftable, shown.lift_label) == ("läuft", True, "Datum der Pflichterfüllung")
    assert shown.notes == []


def test_a_reduction_reads_as_coming_before_its_month_run_out_after_it_and_lifted_from_its_day() -> None:
    assert view(BREACH, [], date(2026, 7, 31)).status == "beginnt am 01.08.2026"
    assert view(BREACH, [], date(2026, 7, 31)).liftable
    ran_out = view(BREACH, [], date(2026, 11, 1))
    assert (ran_out.status, ran_out.liftable) == ("abgelaufen", False)
    lifted = view(BREACH | {"lifted_from": "2026-09-01", "lifted_on": "2026-08-14"}, [], date(2026, 8, 20))
    assert (lifted.status, lifted.liftable) == ("aufgehoben ab 01.09.2026 (Pflichterfüllung am 14.08.2026)", False)


def test_a_sperrzeit_runs_by_days_from_its_first_day_to_its_last() -> None:
    """§ 31b Abs. 1 S. 2: three months from 17 July end on 16 October."""
    sperrzeit = BREACH | {"incident": "sperrzeit", "first_month": "2026-07-01", "from_day": "2026-07-17"}
    shown = view(sperrzeit | {"until": "2026-10-16"}, [], date(2026, 8, 1))
    assert shown.incident == "Sperrzeit"
    assert (shown.starts, shown.until) == ("17.07.2026 (nach Tagen, § 31b Abs. 1 S. 2 SGB II)", "16.10.2026")
    assert view(sperrzeit | {"until": "2026-10-16"}, [], date(2026, 10, 17)).status == "abgelaufen"


def test_someone_not_reachable_is_reduced_until_reporting_in_person_and_the_lift_asks_for_that_day() -> None:
    """§ 7b Abs. 4 S. 3: three consecutive missed appointments; reporting in person ends it."""
    unreachable = BREACH | {
        "incident": "missed_appointment",
        "consequence": "not_reachable",
        "percent": "100",
        "months": None,
    }
    shown = view(unreachable, [], date(2027, 3, 1))
    assert (shown.share, shown.until, shown.status) == ("100 % des Regelbedarfs", UNTIL_REPORTED, "läuft")
    assert "bis zur persönlichen Meldung" in shown.until
    assert (shown.liftable, shown.lift_label) == (True, "Datum der persönlichen Meldung")
    reported = view(unreachable | {"lifted_from": "2027-03-01", "lifted_on": "2027-03-02"}, [], date(2027, 3, 2))
    assert reported.status == "aufgehoben ab 01.03.2027 (persönliche Meldung am 02.03.2027)"


def test_a_missed_appointments_reduction_is_offered_no_lift_and_says_why() -> None:
    """§ 32 Abs. 2 does not refer to § 31a Abs. 1: the month runs."""
    missed = BREACH | {
        "incident": "missed_appointment",
        "months": 1,
        "paragraph": "§ 32 Abs. 1 S. 1, Abs. 2 S. 2 SGB II",
    }
    shown = view(missed, [], date(2026, 8, 10))
    assert (shown.incident, shown.until, shown.liftable) == ("Meldeversäumnis", "31.08.2026", False)
    assert shown.notes == [NOT_LIFTED]


def test_a_first_missed_appointment_is_determined_without_a_reduction() -> None:
    first = BREACH | {"incident": "missed_appointment", "consequence": "no_reduction", "percent": "0"}
    shown = view(first | {"decision_id": None}, [], date(2026, 8, 10))
    assert (shown.share, shown.amount, shown.status, shown.liftable) == (
        "keine Minderung",
        "–",
        "festgestellt, ohne Minderung",
        False,
    )


def test_a_breach_of_one_month_under_the_old_law_runs_out_before_any_lift() -> None:
    """§ 31b Abs. 2 S. 2: lifted after a month at the earliest, so a one-month period (10 %, a.F.) is never lifted."""
    old = BREACH | {"percent": "10", "months": 1, "occurred_on": "2026-06-30"}
    shown = view(old, [], date(2026, 8, 10))
    assert (shown.share, shown.liftable, shown.notes) == ("10 % des Regelbedarfs", False, [ONE_MONTH])


def test_the_one_euro_rule_and_the_30_percent_cap_are_named_where_the_decision_applied_them() -> None:
    """§ 31a Abs. 4 S. 3 (1 € where only the reduction leaves nothing) and S. 1 (together at most 30 %)."""
    capped = REDUCTION_LINE | {"paragraph": "§ 31a Abs. 1 S. 1 SGB II; § 31a Abs. 4 S. 1 SGB II"}
    minimum = {"person_id": CLIENT, "kind": "reduction.minimum", "amount": "1.00", "paragraph": "§ 31a Abs. 4 S. 3"}
    shown = view(BREACH, [capped, minimum], date(2026, 9, 1))
    assert shown.notes == [CAPPED, ONE_EURO]
    assert "1-Euro-Regel" in ONE_EURO and "30 %" in CAPPED


def test_the_amount_comes_from_the_persons_own_lines_of_the_decision_and_the_api_figure_comes_first() -> None:
    other = REDUCTION_LINE | {"person_id": "someone-else", "amount": "99.00"}
    decision = {"result": {"explanation": [other, REDUCTION_LINE]}}
    assert own_lines(decision, CLIENT) == [REDUCTION_LINE]
    assert own_lines({"result": None}, CLIENT) == [] and own_lines(None, CLIENT) == []
    given = view(BREACH | {"monthly_reduction": "1234.5"}, [REDUCTION_LINE], date(2026, 9, 1))
    assert given.amount == f"{euro('1234.5')} im ersten Monat (08/2026)" == "1.234,50 € im ersten Monat (08/2026)"


def test_benefits_refusals_of_a_lift_read_in_german_next_to_the_date() -> None:
    problem = {
        "status": 422,
        "detail": "fulfilled_on: the reduction runs out on 31.10.2026 by itself: nothing to lift",
        "errors": [
            {"field": "fulfilled_on", "reason": "the reduction runs out on 31.10.2026 by itself: nothing to lift"}
        ],
    }
    assert form_errors(problem, ["fulfilled_on"]).fields == {
        "fulfilled_on": "Die Minderung endet am 31.10.2026 von selbst: es gibt nichts aufzuheben."
    }
    before = {"errors": [{"field": "fulfilled_on", "reason": "lies before the breach"}]}
    assert form_errors(before, ["fulfilled_on"]).fields == {"fulfilled_on": "Liegt vor dem Verstoß."}
    twice = {"status": 409, "detail": "reduction 0193a0b0 was lifted from 2026-09-01 already"}
    assert form_errors(twice, ["fulfilled_on"]).general == ["Diese Minderung ist bereits ab 01.09.2026 aufgehoben."]
    missed = {"errors": [{"field": "reduction_id", "reason": german_missed()}]}
    assert form_errors(missed, ["fulfilled_on"]).general[0].startswith("Eine Minderung wegen eines Meldeversäumnisses")


def german_missed() -> str:
    return "a missed appointment's reduction runs its month; it is not lifted (§ 32 Abs. 2)"


def test_a_reduction_without_a_decision_of_its_own_says_why_no_amount_is_shown() -> None:
    """benefits makes no change decision when the amount stays (the cap is reached) or the month lacks figures."""
    shown = view(BREACH | {"decision_id": None}, [], date(2026, 9, 1))
    assert (
        shown.amount == "– (kein Änderungsbescheid für 08/2026: Betrag unverändert oder Monat noch nicht entschieden)"
    )


def test_the_current_entitlement_names_the_cap_and_the_amount_only_while_the_reduction_runs() -> None:
    """§ 31a Abs. 4 S. 1: the current computation applies every reduction of the person together."""
    capped = REDUCTION_LINE | {"paragraph": "§ 31a Abs. 1 S. 1 SGB II; § 31a Abs. 4 S. 1 SGB II"}
    running = view(BREACH, [REDUCTION_LINE], date(2026, 9, 15), [capped], "2026-09-01")
    assert running.notes == [CAPPED]
    assert running.now == "168,90 € monatlich im laufenden Anspruch ab 01.09.2026 (alle Minderungen der Person)"
    over = view(BREACH, [REDUCTION_LINE], date(2026, 11, 15), [capped], "2026-09-01")
    assert (over.notes, over.now) == ([], None)
