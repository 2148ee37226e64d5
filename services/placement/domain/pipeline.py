"""The pipeline of a proposal (Vermittlungsvorschlag) up to the hire, as a pure state machine. No I/O here.

proposed → applied → interview_scheduled → interviewed → offered → accepted (the hire, `POST /employments`),
or closed on the way: rejected (by the employer) or withdrawn (by the client), with a reason code. A second
interview is scheduled from `interviewed`; an employer may offer straight after the application. A step that
the proposal's stage does not allow is a conflict (409) naming the stage; a step missing what it needs is a 422.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from uuid import UUID

from services.placement.domain.model import ProposalStatus
from services.platform.errors import Conflict, RuleViolation


class Step(StrEnum):
    APPLICATION = "application"  # the client applied (on: the day the application went out)
    INTERVIEW_SCHEDULED = "interview_scheduled"  # on: the interview's day
    INTERVIEW_HELD = "interview_held"  # on: the day it was held; with its outcome
    OFFER = "offer"  # the employer offers the job (on: the offer's day)
    CLOSE = "close"  # rejected or withdrawn, with a reason code


class InterviewOutcome(StrEnum):
    POSITIVE = "positive"
    NEGATIVE = "negative"
    NO_SHOW = "no_show"  # the client did not come


class ClosedAs(StrEnum):
    REJECTED = "rejected"  # the employer said no
    WITHDRAWN = "withdrawn"  # the client (or the officer for them) withdrew


class CloseReason(StrEnum):
    """Codes, never text: the events carry these; a note stays in placement's own records."""

    EMPLOYER_CHOSE_ANOTHER = "employer_chose_another"
    QUALIFICATION_MISMATCH = "qualification_mismatch"
    POSITION_FILLED = "position_filled"
    NO_SHOW = "no_show"
    OFFER_DECLINED = "offer_declined"
    OTHER_JOB_FOUND = "other_job_found"
    CLIENT_UNAVAILABLE = "client_unavailable"
    OTHER = "other"


# Which reasons fit which closing: the employer cannot "decline an offer", the client cannot "choose another".
REASONS: dict[ClosedAs, frozenset[CloseReason]] = {
    ClosedAs.REJECTED: frozenset(
        {
            CloseReason.EMPLOYER_CHOSE_ANOTHER,
            CloseReason.QUALIFICATION_MISMATCH,
            CloseReason.POSITION_FILLED,
            CloseReason.NO_SHOW,
            CloseReason.OTHER,
        }
    ),
    ClosedAs.WITHDRAWN: frozenset(
        {CloseReason.OFFER_DECLINED, CloseReason.OTHER_JOB_FOUND, CloseReason.CLIENT_UNAVAILABLE, CloseReason.OTHER}
    ),
}

OPEN = (
    ProposalStatus.PROPOSED,
    ProposalStatus.APPLIED,
    ProposalStatus.INTERVIEW_SCHEDULED,
    ProposalStatus.INTERVIEWED,
    ProposalStatus.OFFERED,
)

# The legal transitions: from these stages, the step leads to its stage (CLOSE: to `closed_as`).
FROM: dict[Step, tuple[ProposalStatus, ...]] = {
    Step.APPLICATION: (ProposalStatus.PROPOSED,),
    Step.INTERVIEW_SCHEDULED: (ProposalStatus.APPLIED, ProposalStatus.INTERVIEWED),
    Step.INTERVIEW_HELD: (ProposalStatus.INTERVIEW_SCHEDULED,),
    Step.OFFER: (ProposalStatus.APPLIED, ProposalStatus.INTERVIEWED),
    Step.CLOSE: OPEN,
}
TO: dict[Step, ProposalStatus] = {
    Step.APPLICATION: ProposalStatus.APPLIED,
    Step.INTERVIEW_SCHEDULED: ProposalStatus.INTERVIEW_SCHEDULED,
    Step.INTERVIEW_HELD: ProposalStatus.INTERVIEWED,
    Step.OFFER: ProposalStatus.OFFERED,
}


@dataclass(frozen=True)
class PipelineStep:
    step: Step
    on: date
    interview_outcome: InterviewOutcome | None = None
    closed_as: ClosedAs | None = None
    reason: CloseReason | None = None
    note: str | None = None  # free text for placement staff; never in an event


def check_step(step: PipelineStep, proposed_on: date) -> None:
    """What each step needs, as 422s naming the field."""
    if step.on < proposed_on:
        raise RuleViolation("on", f"lies before the proposal ({proposed_on.isoformat()})")
    if step.step is Step.INTERVIEW_HELD and step.interview_outcome is None:
        raise RuleViolation("interview_outcome", "an interview held has an outcome: positive, negative or no_show")
    if step.step is not Step.INTERVIEW_HELD and step.interview_outcome is not None:
        raise RuleViolation("interview_outcome", "only an interview held has an outcome")
    if step.step is Step.CLOSE:
        _check_closing(step)
    elif step.closed_as is not None or step.reason is not None:
        raise RuleViolation("closed_as" if step.closed_as is not None else "reason", "only a closing step has it")


def _check_closing(step: PipelineStep) -> None:
    if step.closed_as is None:
        raise RuleViolation("closed_as", "a closing step says rejected or withdrawn")
    if step.reason is None:
        raise RuleViolation("reason", "a closing step gives its reason code")
    if step.reason not in REASONS[step.closed_as]:
        allowed = ", ".join(sorted(REASONS[step.closed_as]))
        raise RuleViolation("reason", f"does not fit {step.closed_as.value}; one of: {allowed}")


def stage_after(current: ProposalStatus, step: PipelineStep) -> ProposalStatus:
    """The proposal's stage after `step`; a step its stage does not allow is a conflict naming both."""
    if current not in FROM[step.step]:
        allowed = ", ".join(s.value for s in FROM[step.step])
        raise Conflict(f"a proposal that is {current.value} cannot take the step {step.step.value} (from: {allowed})")
    if step.step is Step.CLOSE:
        assert step.closed_as is not None  # check_step ran first
        return ProposalStatus(step.closed_as.value)
    return TO[step.step]


@dataclass(frozen=True)
class RecordedStep:
    step_id: UUID
    proposal_id: UUID
    taken: PipelineStep
    recorded_at: datetime
    recorded_by: str
