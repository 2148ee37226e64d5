"""Placement's domain rules for vacancies, proposals and hires. No I/O here."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from services.placement.domain.matching import VacancyKind
from services.platform.errors import Conflict, RuleViolation


class SearchStatus(StrEnum):
    OPEN = "open"
    CLOSED = "closed"


class ProposalStatus(StrEnum):
    PROPOSED = "proposed"
    APPLIED = "applied"  # the client applied
    REJECTED = "rejected"  # by the employer or the client
    ACCEPTED = "accepted"  # the employer takes the client on
    # The pipeline's further stages (domain/pipeline.py).
    INTERVIEW_SCHEDULED = "interview_scheduled"
    INTERVIEWED = "interviewed"
    OFFERED = "offered"
    WITHDRAWN = "withdrawn"  # by the client


_NEXT: dict[ProposalStatus, frozenset[ProposalStatus]] = {
    ProposalStatus.PROPOSED: frozenset({ProposalStatus.APPLIED, ProposalStatus.REJECTED, ProposalStatus.ACCEPTED}),
    ProposalStatus.APPLIED: frozenset({ProposalStatus.REJECTED, ProposalStatus.ACCEPTED}),
    ProposalStatus.REJECTED: frozenset(),
    ProposalStatus.ACCEPTED: frozenset(),
    ProposalStatus.INTERVIEW_SCHEDULED: frozenset({ProposalStatus.REJECTED, ProposalStatus.ACCEPTED}),
    ProposalStatus.INTERVIEWED: frozenset({ProposalStatus.REJECTED, ProposalStatus.ACCEPTED}),
    ProposalStatus.OFFERED: frozenset({ProposalStatus.REJECTED, ProposalStatus.ACCEPTED}),
    ProposalStatus.WITHDRAWN: frozenset(),
}


def next_proposal_status(current: ProposalStatus, outcome: ProposalStatus) -> ProposalStatus | None:
    """The status after `outcome`; None when it is already recorded (a retry changes nothing)."""
    if outcome == current:
        return None
    if outcome not in _NEXT[current]:
        raise Conflict(f"a proposal that is {current} cannot become {outcome}")
    return outcome


def check_known_office(office_id: str, offices: Collection[str]) -> None:
    """Employers belong to one of the district's offices, not to an office nobody runs."""
    if office_id not in offices:
        raise RuleViolation("office_id", f"unknown office; known: {', '.join(sorted(offices))}")


def check_vacancy(kind: VacancyKind, subject_to_social_insurance: bool) -> None:
    if kind is VacancyKind.APPRENTICESHIP and not subject_to_social_insurance:
        raise RuleViolation(
            "subject_to_social_insurance",
            "an apprenticeship is always subject to social insurance (§ 25 Abs. 1 SGB III)",
        )


def open_positions_after_edit(positions: int, open_positions: int, new_positions: int) -> int:
    """Positions already filled stay filled: an edit moves the open ones by the change in positions."""
    filled = positions - open_positions
    if new_positions < filled:
        raise RuleViolation("positions", f"{filled} positions are already filled; at least {filled} needed")
    return new_positions - filled


def check_contract(start_date: date, first_pay_date: date, gross: Decimal, net: Decimal) -> None:
    """An employment contract as benefits will read it (§ 11 Abs. 2: pay counts when it flows)."""
    if net > gross:
        raise RuleViolation("net_monthly_pay", "cannot exceed the gross monthly pay")
    if first_pay_date < start_date:
        raise RuleViolation("first_pay_date", "cannot lie before the start date")


@dataclass(frozen=True)
class HiredInto:
    """The vacancy a hire fills, as far as the hire's consistency is concerned."""

    employer_id: UUID
    kind: VacancyKind
    open_positions: int


def check_hire_fills(vacancy: HiredInto, employer_id: UUID, apprenticeship: bool) -> None:
    """A hire into a vacancy must be that vacancy's contract: benefits rely on the apprenticeship flag (§ 11b)."""
    if employer_id != vacancy.employer_id:
        raise RuleViolation("employer_id", "differs from the vacancy's employer")
    if apprenticeship != (vacancy.kind is VacancyKind.APPRENTICESHIP):
        kind = "a job" if apprenticeship else "an apprenticeship"
        raise RuleViolation("apprenticeship", f"the vacancy is {kind}")
    if vacancy.open_positions <= 0:
        raise RuleViolation("vacancy_id", "the vacancy has no open positions")


@dataclass(frozen=True)
class ProposalFacts:
    client_id: UUID
    vacancy_id: UUID
    status: ProposalStatus


def vacancy_of_hire(proposal: ProposalFacts, client_id: UUID, vacancy_id: UUID | None) -> UUID:
    """The vacancy a hire following `proposal` fills; the proposal must be this client's and still open."""
    if proposal.client_id != client_id:
        raise RuleViolation("proposal_id", "was made to another client")
    if vacancy_id is not None and vacancy_id != proposal.vacancy_id:
        raise RuleViolation("vacancy_id", "differs from the proposal's vacancy")
    if proposal.status in (ProposalStatus.REJECTED, ProposalStatus.WITHDRAWN):
        raise RuleViolation("proposal_id", f"was {proposal.status.value}")
    return proposal.vacancy_id


class EmploymentKind(StrEnum):
    """The kind of work a hire is, as the § 48a statistics tell integrations apart (§ 5 Kennzahlen-Verordnung)."""

    REGULAR = "regular"  # insured employment, also with Beschäftigung begleitende Leistungen (e.g. § 16e SGB II)
    MINIJOB = "minijob"  # geringfügige Beschäftigung (§ 8 SGB IV)
    SELF_EMPLOYED = "self_employed"  # selbständige Tätigkeit
    SUBSIDISED = "subsidised"  # öffentlich geförderte Beschäftigung (§ 16i SGB II)
    APPRENTICESHIP = "apprenticeship"  # voll qualifizierende Berufsausbildung


def kind_of_hire(
    kind: EmploymentKind | None, subject_to_social_insurance: bool, apprenticeship: bool
) -> EmploymentKind:
    """The hire's kind as recorded, or as its flags say when none was given; a kind the flags contradict is a 422."""
    if kind is None:
        if apprenticeship:
            return EmploymentKind.APPRENTICESHIP
        return EmploymentKind.REGULAR if subject_to_social_insurance else EmploymentKind.MINIJOB
    if apprenticeship != (kind is EmploymentKind.APPRENTICESHIP):
        raise RuleViolation("employment_kind", "an apprenticeship is the kind apprenticeship, and only then")
    insured = kind in (EmploymentKind.REGULAR, EmploymentKind.APPRENTICESHIP, EmploymentKind.SUBSIDISED)
    if insured != subject_to_social_insurance:
        state = "subject" if insured else "not subject"
        raise RuleViolation("employment_kind", f"{kind.value} work is {state} to social insurance")
    return kind
