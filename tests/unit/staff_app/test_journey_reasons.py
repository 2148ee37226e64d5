"""The journey's reasons in the client file's "Anlass" column read German; unknown ones as recorded."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

from staff_app.journey_reasons import because
from workflows.journey import outcomes
from workflows.journey.state import JourneyState, Stage

AT = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def recorded(*steps) -> list[str]:
    """What the journey itself writes into its history for each step (its own functions, not copied text)."""
    state = JourneyState(client_id=uuid4(), stage=Stage.REGISTERED)
    for step in steps:
        step(state)
    return [h.because for h in state.history]


def test_an_assignment_with_its_programme_reads_german():
    [reason] = recorded(lambda s: outcomes.assigned(s, "cm-1", "u25", 14, AT))
    assert because(reason) == "Fallmanagerin/Fallmanager zugewiesen (Programm U25)"


def test_a_reason_with_a_utc_moment_shows_the_moment_in_berlin_time():
    due = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)
    [reason] = recorded(lambda s: outcomes.contact_overdue_raised(s, due, AT, "task t-7 raised"))
    assert because(reason) == "Kein Kontakt im vorgesehenen Abstand, fällig am 30.11.2026 13:00: Aufgabe t-7 angelegt"


def test_a_refusal_inside_a_reason_is_german_around_the_services_own_words():
    [reason] = recorded(lambda s: outcomes.continuation_check_requested(s, date(2026, 12, 1), AT, "refused: gone"))
    assert because(reason) == "Nachfrage zum Fortbestand der Beschäftigung für 12/2026: abgelehnt: gone"


def test_a_closed_journey_names_its_exit_in_german():
    [reason] = recorded(lambda s: outcomes.closed(s, "moved_away", AT, "case closed"))
    assert because(reason) == "Verlauf abgeschlossen: Wegzug (Fall abgeschlossen)"


def test_a_reason_without_parameters_reads_german():
    assert because("ready for placement") == "Bereit für die Vermittlung erklärt"


def test_an_unknown_reason_is_shown_as_the_journey_recorded_it():
    assert because("something new happened") == "something new happened"
    assert because(None) == ""


def test_the_migration_step_reads_german_part_by_part():
    carried, refused = recorded(
        lambda s: outcomes.migration_carried(s, {"case_manager": "refused", "obstacles": "carried"}, AT, None),
        lambda s: outcomes.migration_carried(s, None, AT, "PUT /cases/x/migration/obstacles → 422"),
    )
    assert because(carried) == (
        "Akte des Altsystems übertragen: Fallmanagement nicht übernommen, "
        "Hemmnisse bis zum ersten Kooperationsplan übernommen"
    )
    call = "PUT /cases/x/migration/obstacles → 422"
    assert because(refused) == f"Akte des Altsystems übertragen: nicht übertragen ({call})"
    assert because("migrated from the legacy system") == "Aus dem Altsystem übernommen"


def test_the_migration_steps_household_part_reads_german():
    (entered,) = recorded(
        lambda s: outcomes.migration_carried(s, {"obstacles": "carried", "household": "refused"}, AT, None)
    )
    assert because(entered) == (
        "Akte des Altsystems übertragen: Hemmnisse bis zum ersten Kooperationsplan übernommen, "
        "Bedarfsgemeinschaft nicht übernommen"
    )
