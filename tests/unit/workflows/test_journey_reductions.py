"""The journey hears the reductions benefits determined after a hearing and their lifting (ids only)."""

from __future__ import annotations

from uuid import uuid4

from tests.unit.workflows.journey_facts import fact, journey_in, reduction_determined, reduction_lifted
from workflows.journey.state import EntryKind, Stage


def test_a_determined_reduction_is_in_force_until_lifted_and_both_are_in_the_history():
    """§ 31a Abs. 1 S. 2 SGB II: a lifted reduction is no longer in force."""
    state = journey_in(Stage.COACHING)
    reduction = reduction_determined(months=3)
    fact(state, reduction)
    assert state.reductions_in_force == [reduction.reduction_id]
    assert "30 % of the Regelbedarf from 2026-12 for 3 month(s)" in state.history[-1].because
    fact(state, reduction_lifted())
    assert state.reductions_in_force == []
    assert state.history[-1].kind is EntryKind.FACT and "lifted from 2027-01" in state.history[-1].because


def test_not_reachable_lasts_until_the_client_reports_and_another_members_reduction_is_not_the_clients():
    """§ 7b Abs. 4 S. 3 SGB II: no end month; a household member's reduction is that member's own (§ 31a Abs. 4)."""
    state = journey_in(Stage.COACHING)
    fact(state, reduction_determined(months=None))
    assert "until the client reports in person" in state.history[-1].because
    before = len(state.history)
    fact(state, reduction_determined(client_id=uuid4()))
    assert len(state.reductions_in_force) == 1 and len(state.history) == before
