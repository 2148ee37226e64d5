"""The journey hears a reduction benefits determined after a hearing, and its lifting, on Temporal's
time-skipping server with real coaching: the facts as the bridge signals them from `benefits.entitlements.v1`
(ids, months, percent — never the incident or the statement)."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from uuid import uuid4

from contracts.events import ReductionDeterminedV1, ReductionLiftedV1
from tests.integration.journey_support import (
    record_history,
)
from tests.integration.test_journey_timeline import begin
from workflows.journey.state import EntryKind


async def test_a_journey_keeps_a_determined_reduction_in_force_until_it_is_lifted(
    env, journey_services, tokens, kafka_server, task_queue
):
    """§ 31a Abs. 1 S. 1 and S. 2 SGB II (patch `journey-reductions`, history `v5-reduction-determined-lifted`)."""
    journey = await begin(env, journey_services, tokens, kafka_server, task_queue)
    household_id, reduction_id = uuid4(), uuid4()
    determined = ReductionDeterminedV1(
        household_id=household_id,
        reduction_id=reduction_id,
        client_id=journey.client_id,
        first_month=date(2026, 8, 1),
        months=3,
        percent=Decimal(30),
        monthly_reduction=Decimal("168.90"),
        decision_id=uuid4(),
        client_ids=[journey.client_id],
    )
    state = await journey.tell(determined)
    assert state.reductions_in_force == [reduction_id]
    assert (
        state.history[-1].kind is EntryKind.FACT and f"reduction {reduction_id} determined" in state.history[-1].because
    )
    lifted = ReductionLiftedV1(
        household_id=household_id,
        reduction_id=reduction_id,
        client_id=journey.client_id,
        lifted_from=date(2026, 9, 1),
        client_ids=[journey.client_id],
    )
    state = await journey.tell(lifted)
    assert state.reductions_in_force == [] and "lifted from 2026-09" in state.history[-1].because
    await record_history(journey.handle, "reduction-determined-lifted")
    await journey.handle.terminate("test over")
