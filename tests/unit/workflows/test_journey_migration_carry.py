"""A migrated journey carries its legacy record once, after the assignment (issue #13; patch
`journey-migration-carry`): what is due when, and what the journey keeps of it (parts and outcomes only)."""

from __future__ import annotations

from tests.unit.workflows.journey_facts import NOW, journey_in
from workflows.journey import outcomes
from workflows.journey.deadlines import DueKind, upcoming
from workflows.journey.describe import doing
from workflows.journey.policy import JourneyPolicy
from workflows.journey.state import Stage

REAL = JourneyPolicy()


def migrated(stage: Stage = Stage.REGISTERED, carries: bool = True):
    state = journey_in(stage)
    state.migrated, state.carries_migration = True, carries
    return state


def due_kinds(state) -> list[DueKind]:
    return [due.kind for due in upcoming(state, REAL, NOW)]


def test_a_migrated_journey_carries_its_record_once_the_assignment_is_done():
    state = migrated()
    assert DueKind.MIGRATION_CARRY not in due_kinds(state)  # first the assignment
    outcomes.assigned(state, "lutjenburg-cm-03", "gemeinsam", 14, NOW)
    carry = next(due for due in upcoming(state, REAL, NOW) if due.kind is DueKind.MIGRATION_CARRY)
    assert (carry.at, carry.step) == (NOW, "migration-carry")
    assert "carrying the legacy record" in doing(state, carry)


def test_the_imported_case_manager_is_not_enough_while_the_assignment_step_is_still_due():
    state = migrated(Stage.COACHING)  # case_assigned.v1 came first: no contact interval yet
    assert due_kinds(state)[0] is DueKind.ASSIGNMENT and DueKind.MIGRATION_CARRY not in due_kinds(state)


def test_an_employed_migrated_client_carries_without_an_assignment():
    assert DueKind.MIGRATION_CARRY in due_kinds(migrated(Stage.EMPLOYED))


def test_nothing_is_carried_for_a_journey_not_migrated_recorded_before_the_patch_or_closed():
    closed = migrated(Stage.EMPLOYED)
    outcomes.closed(closed, "withdrew", NOW, "case closed")
    for state in (journey_in(Stage.EMPLOYED), migrated(Stage.EMPLOYED, carries=False), closed):
        assert DueKind.MIGRATION_CARRY not in due_kinds(state)


def test_the_step_is_done_once_whatever_came_of_it_and_the_history_names_parts_and_outcomes_only():
    carried, refused = migrated(Stage.EMPLOYED), migrated(Stage.EMPLOYED)
    outcomes.migration_carried(carried, {"case_manager": "refused", "obstacles": "carried"}, NOW, None)
    outcomes.migration_carried(refused, None, NOW, "PUT /cases/x/migration/obstacles → 422")
    for state in (carried, refused):
        assert state.migration_carried and DueKind.MIGRATION_CARRY not in due_kinds(state)
    assert carried.history[-1].because == "legacy record carried: case_manager refused, obstacles carried"
    assert refused.history[-1].because == "legacy record carried: not carried (PUT /cases/x/migration/obstacles → 422)"
