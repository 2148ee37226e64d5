"""The explanation's notes and a decision's cause are German where the API answers them; figures read German."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

from services.benefits.domain.decisions import Cause
from services.benefits.domain.german import euro, month, percent
from services.benefits.domain.letter_texts import CAUSE_LABELS, cause_label
from services.benefits.domain.snapshots import same_result


def test_every_cause_has_a_german_label_and_a_later_one_shows_as_its_code():
    assert set(CAUSE_LABELS) == set(Cause)
    assert cause_label("employment_started") == "Aufnahme einer Erwerbstätigkeit"
    assert cause_label("a_cause_added_later") == "a_cause_added_later"


def test_figures_in_a_note_read_german():
    assert (euro(Decimal("1428.68")), percent(Decimal("12.50")), percent(30), month(date(2026, 6, 1))) == (
        "1.428,68\u00a0€",
        "12,5\u00a0%",
        "30\u00a0%",
        "06/2026",
    )


def test_a_decision_stored_with_english_notes_still_recomputes_identically_but_not_with_other_amounts():
    line = {"person_id": "p1", "kind": "standard_need", "amount": "563.00", "paragraph": "§ 20 SGB II"}
    stored = {"month": "2026-08-01", "explanation": [{**line, "note": "standard need level 1"}]}
    today = {"month": "2026-08-01", "explanation": [{**line, "note": "Regelbedarfsstufe 1"}]}
    assert same_result(stored, today)
    other = {"month": "2026-08-01", "explanation": [{**line, "amount": "564.00", "note": "Regelbedarfsstufe 1"}]}
    assert not same_result(stored, other)
