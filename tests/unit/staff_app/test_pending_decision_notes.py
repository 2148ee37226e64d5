"""The benefits clerk reads a pending decision in German: which figures are missing for which month, and why."""

from __future__ import annotations

from staff_app.pending_decisions import pending_note, pending_notes

ENTRY = {
    "month": "2027-01-01",
    "cause": "household_change",
    "missing_rule": "standard_need (Regelbedarf)",
    "missing_on": "2027-01-01",
    "recorded_at": "2026-11-30T10:00:00Z",
}


def test_a_clerks_entry_waiting_for_the_2027_standard_rates_names_them_and_the_month() -> None:
    note = pending_note(ENTRY)
    assert note.startswith("Noch nicht entschieden: für 01/2027 fehlen die Regelsätze (§ 20 SGB II)")
    assert "Anlass: Eingaben der Bedarfsgemeinschaft ab 01/2027" in note and "nicht erneut erfasst" in note


def test_a_table_without_a_german_name_is_named_by_its_file_and_an_employment_start_as_such() -> None:
    note = pending_note(ENTRY | {"cause": "employment_started", "missing_rule": "own_home (§ 12)"})
    assert "fehlen die Werte der Regeltabelle „own_home“" in note and "Anlass: Arbeitsaufnahme ab 01/2027" in note


def test_a_household_that_could_not_be_read_has_no_pending_notes() -> None:
    assert pending_notes(None) == [] and pending_notes({"pending_decisions": []}) == []
    assert pending_notes({"pending_decisions": [ENTRY, ENTRY]}) == [pending_note(ENTRY)] * 2
