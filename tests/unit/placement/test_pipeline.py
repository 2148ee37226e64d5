"""The pipeline of a proposal as a table: every stage × every step, legal or a conflict, and what each step needs."""

from __future__ import annotations

from datetime import date

import pytest

from services.placement.domain.model import ProposalStatus as S
from services.placement.domain.pipeline import (
    ClosedAs,
    CloseReason,
    InterviewOutcome,
    PipelineStep,
    Step,
    check_step,
    stage_after,
)
from services.platform.errors import Conflict, RuleViolation

ON = date(2026, 9, 1)
WITHDRAWN = ClosedAs.WITHDRAWN
STEPS = {
    Step.APPLICATION: PipelineStep(Step.APPLICATION, ON),
    Step.INTERVIEW_SCHEDULED: PipelineStep(Step.INTERVIEW_SCHEDULED, ON),
    Step.INTERVIEW_HELD: PipelineStep(Step.INTERVIEW_HELD, ON, interview_outcome=InterviewOutcome.POSITIVE),
    Step.OFFER: PipelineStep(Step.OFFER, ON),
    Step.CLOSE: PipelineStep(Step.CLOSE, ON, closed_as=ClosedAs.WITHDRAWN, reason=CloseReason.OFFER_DECLINED),
}
# stage → step → the stage after it (absent: a conflict).
LEGAL: dict[S, dict[Step, S]] = {
    S.PROPOSED: {Step.APPLICATION: S.APPLIED, Step.CLOSE: S.WITHDRAWN},
    S.APPLIED: {Step.INTERVIEW_SCHEDULED: S.INTERVIEW_SCHEDULED, Step.OFFER: S.OFFERED, Step.CLOSE: S.WITHDRAWN},
    S.INTERVIEW_SCHEDULED: {Step.INTERVIEW_HELD: S.INTERVIEWED, Step.CLOSE: S.WITHDRAWN},
    S.INTERVIEWED: {Step.INTERVIEW_SCHEDULED: S.INTERVIEW_SCHEDULED, Step.OFFER: S.OFFERED, Step.CLOSE: S.WITHDRAWN},
    S.OFFERED: {Step.CLOSE: S.WITHDRAWN},  # the hire is POST /employments
    S.ACCEPTED: {},
    S.REJECTED: {},
    S.WITHDRAWN: {},
}


@pytest.mark.parametrize(("stage", "step"), [(stage, step) for stage in S for step in Step])
def test_each_stage_allows_exactly_its_steps(stage: S, step: Step) -> None:
    expected = LEGAL[stage].get(step)
    if expected is None:
        with pytest.raises(Conflict, match=f"is {stage.value} cannot take the step {step.value}"):
            stage_after(stage, STEPS[step])
    else:
        assert stage_after(stage, STEPS[step]) is expected


def test_an_employer_rejection_closes_as_rejected() -> None:
    step = PipelineStep(Step.CLOSE, ON, closed_as=ClosedAs.REJECTED, reason=CloseReason.POSITION_FILLED)
    check_step(step, ON)
    assert stage_after(S.INTERVIEWED, step) is S.REJECTED


@pytest.mark.parametrize(
    ("step", "field"),
    [
        (PipelineStep(Step.APPLICATION, date(2026, 8, 31)), "on"),
        (PipelineStep(Step.INTERVIEW_HELD, ON), "interview_outcome"),
        (PipelineStep(Step.OFFER, ON, interview_outcome=InterviewOutcome.NEGATIVE), "interview_outcome"),
        (PipelineStep(Step.CLOSE, ON, reason=CloseReason.OTHER), "closed_as"),
        (PipelineStep(Step.CLOSE, ON, closed_as=ClosedAs.REJECTED), "reason"),
        (PipelineStep(Step.CLOSE, ON, closed_as=ClosedAs.REJECTED, reason=CloseReason.OFFER_DECLINED), "reason"),
        (PipelineStep(Step.CLOSE, ON, closed_as=WITHDRAWN, reason=CloseReason.EMPLOYER_CHOSE_ANOTHER), "reason"),
        (PipelineStep(Step.APPLICATION, ON, reason=CloseReason.OTHER), "reason"),
    ],
)
def test_a_step_missing_what_it_needs_is_refused_naming_the_field(step: PipelineStep, field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_step(step, ON)
    assert refused.value.field == field


@pytest.mark.parametrize("step", list(STEPS.values()))
def test_each_complete_step_passes_its_checks(step: PipelineStep) -> None:
    check_step(step, ON)
