"""How the journeys API words Temporal's answers: validator refusals and coaching's problems as problem details."""

from __future__ import annotations

import pytest
from fastapi import HTTPException
from temporalio.exceptions import ApplicationError

from services.platform.auth.staff import Role, StaffUser
from services.platform.errors import Conflict, NotPermitted, RuleViolation
from workflows.journey_api import _refusal, authorise

COACHING_422 = {
    "type": "about:blank",
    "title": "Invalid request",
    "status": 422,
    "errors": [{"field": "case_worker_id", "reason": "plon-cm-05 works in another office"}],
}


def test_a_validator_refusal_becomes_409_or_422_naming_the_field():
    conflict = _refusal(ApplicationError("already closed", {"field": "stage", "reason": "closed"}, type="rejected_409"))
    assert isinstance(conflict, Conflict) and str(conflict) == "already closed"
    invalid = _refusal(
        ApplicationError("same person", {"field": "case_worker_id", "reason": "same person"}, type="rejected_422")
    )
    assert isinstance(invalid, RuleViolation) and (invalid.field, invalid.reason) == ("case_worker_id", "same person")


def test_coachings_problems_reach_the_caller_with_its_field_and_detail():
    invalid = _refusal(ApplicationError("PUT → 422", COACHING_422, type="http_422"))
    assert isinstance(invalid, RuleViolation) and invalid.field == "case_worker_id"
    assert "another office" in invalid.reason
    full = _refusal(
        ApplicationError("PUT → 409", {"title": "Conflict", "detail": "no room under 1:100"}, type="http_409")
    )
    assert isinstance(full, Conflict) and str(full) == "no room under 1:100"


@pytest.mark.parametrize("cause", [ApplicationError("PUT → 403", type="http_403"), RuntimeError("lost")])
def test_anything_else_is_a_gateway_or_availability_error(cause):
    error = _refusal(cause)
    assert isinstance(error, HTTPException) and error.status_code in (502, 503)


def test_case_managers_act_for_their_offices_and_operators_for_all():
    lutjenburg = StaffUser("cm-1", frozenset({Role.CASE_MANAGER}), frozenset({"lutjenburg"}))
    operator = StaffUser("op-1", frozenset({Role.OPERATOR}), frozenset())
    authorise(lutjenburg, "lutjenburg")
    authorise(operator, "celle")
    authorise(operator, None)
    for office in ("plon", None):
        with pytest.raises(NotPermitted):
            authorise(lutjenburg, office)
