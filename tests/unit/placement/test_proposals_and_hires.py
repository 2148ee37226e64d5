"""Proposal outcomes and the consistency of a hire with its vacancy and proposal."""

from __future__ import annotations

from uuid import uuid4

import pytest

from services.placement.domain.matching import VacancyKind
from services.placement.domain.model import (
    EmploymentKind,
    HiredInto,
    ProposalFacts,
    ProposalStatus,
    check_hire_fills,
    check_vacancy,
    kind_of_hire,
    next_proposal_status,
    vacancy_of_hire,
)
from services.platform.errors import Conflict, RuleViolation

P = ProposalStatus


@pytest.mark.parametrize(
    ("current", "outcome", "after"),
    [
        (P.PROPOSED, P.APPLIED, P.APPLIED),
        (P.PROPOSED, P.REJECTED, P.REJECTED),
        (P.PROPOSED, P.ACCEPTED, P.ACCEPTED),
        (P.APPLIED, P.ACCEPTED, P.ACCEPTED),
        (P.APPLIED, P.REJECTED, P.REJECTED),
        (P.APPLIED, P.APPLIED, None),
        (P.REJECTED, P.REJECTED, None),
    ],
)
def test_a_proposal_moves_forward_and_a_repeated_outcome_changes_nothing(current, outcome, after) -> None:
    assert next_proposal_status(current, outcome) == after


@pytest.mark.parametrize(
    ("current", "outcome"),
    [
        (P.REJECTED, P.ACCEPTED),
        (P.ACCEPTED, P.REJECTED),
        (P.ACCEPTED, P.APPLIED),
        (P.APPLIED, P.PROPOSED),
    ],
)
def test_a_settled_proposal_cannot_change_its_outcome(current, outcome) -> None:
    with pytest.raises(Conflict):
        next_proposal_status(current, outcome)


def test_an_apprenticeship_is_always_subject_to_social_insurance() -> None:
    with pytest.raises(RuleViolation) as refused:
        check_vacancy(VacancyKind.APPRENTICESHIP, subject_to_social_insurance=False)
    assert refused.value.field == "subject_to_social_insurance"
    check_vacancy(VacancyKind.JOB, subject_to_social_insurance=False)  # a minijob is fine


EMPLOYER = uuid4()


@pytest.mark.parametrize(
    ("vacancy", "employer_id", "apprenticeship", "field"),
    [
        (HiredInto(uuid4(), VacancyKind.JOB, 1), EMPLOYER, False, "employer_id"),
        (HiredInto(EMPLOYER, VacancyKind.APPRENTICESHIP, 1), EMPLOYER, False, "apprenticeship"),
        (HiredInto(EMPLOYER, VacancyKind.JOB, 1), EMPLOYER, True, "apprenticeship"),
        (HiredInto(EMPLOYER, VacancyKind.JOB, 0), EMPLOYER, False, "vacancy_id"),
    ],
)
def test_a_hire_must_be_the_contract_of_the_vacancy_it_fills(vacancy, employer_id, apprenticeship, field) -> None:
    with pytest.raises(RuleViolation) as refused:
        check_hire_fills(vacancy, employer_id, apprenticeship)
    assert refused.value.field == field


def test_a_hire_into_an_apprenticeship_with_an_open_position_is_consistent() -> None:
    accepted = check_hire_fills(HiredInto(EMPLOYER, VacancyKind.APPRENTICESHIP, 2), EMPLOYER, apprenticeship=True)
    assert accepted is None  # no RuleViolation: the contract fits the vacancy it fills


def test_a_hire_following_a_proposal_fills_the_proposed_vacancy() -> None:
    client, vacancy = uuid4(), uuid4()
    proposal = ProposalFacts(client, vacancy, P.APPLIED)
    assert vacancy_of_hire(proposal, client, None) == vacancy
    assert vacancy_of_hire(proposal, client, vacancy) == vacancy


@pytest.mark.parametrize(
    ("status", "same_client", "same_vacancy", "field"),
    [
        (P.APPLIED, False, True, "proposal_id"),
        (P.APPLIED, True, False, "vacancy_id"),
        (P.REJECTED, True, True, "proposal_id"),
    ],
)
def test_a_hire_cannot_follow_someone_elses_or_a_rejected_proposal(status, same_client, same_vacancy, field) -> None:
    client, vacancy = uuid4(), uuid4()
    proposal = ProposalFacts(client, vacancy, status)
    with pytest.raises(RuleViolation) as refused:
        vacancy_of_hire(proposal, client if same_client else uuid4(), vacancy if same_vacancy else uuid4())
    assert refused.value.field == field


@pytest.mark.parametrize(
    ("insured", "apprenticeship", "kind"),
    [
        (True, False, EmploymentKind.REGULAR),
        (False, False, EmploymentKind.MINIJOB),
        (True, True, EmploymentKind.APPRENTICESHIP),
    ],
)
def test_a_hire_without_a_kind_of_work_takes_the_one_its_flags_say(insured, apprenticeship, kind) -> None:
    assert kind_of_hire(None, insured, apprenticeship) is kind


@pytest.mark.parametrize(
    ("kind", "insured", "apprenticeship"),
    [
        (EmploymentKind.SELF_EMPLOYED, False, False),
        (EmploymentKind.SUBSIDISED, True, False),
        (EmploymentKind.MINIJOB, False, False),
        (EmploymentKind.REGULAR, True, False),
    ],
)
def test_a_hire_records_self_employment_and_subsidised_work_as_given(kind, insured, apprenticeship) -> None:
    assert kind_of_hire(kind, insured, apprenticeship) is kind


@pytest.mark.parametrize(
    ("kind", "insured", "apprenticeship"),
    [
        (EmploymentKind.MINIJOB, True, False),  # a minijob is not subject to social insurance (§ 8 SGB IV)
        (EmploymentKind.SELF_EMPLOYED, True, False),
        (EmploymentKind.SUBSIDISED, False, False),  # § 16i SGB II work is insured (except unemployment insurance)
        (EmploymentKind.REGULAR, True, True),
        (EmploymentKind.APPRENTICESHIP, True, False),
    ],
)
def test_a_kind_of_work_its_flags_contradict_is_refused_naming_the_field(kind, insured, apprenticeship) -> None:
    with pytest.raises(RuleViolation) as refused:
        kind_of_hire(kind, insured, apprenticeship)
    assert refused.value.field == "employment_kind"
