"""Which refusals of the household entry the simulated benefits clerk tries again."""

from __future__ import annotations

from simulator.api import ApiError
from simulator.client_life import _worth_retrying

CONCURRENT = {"status": 409, "detail": "changed concurrently by another request; read it again and retry"}


def test_a_concurrent_change_and_a_partner_not_yet_known_are_tried_again_other_refusals_not() -> None:
    assert _worth_retrying(ApiError("PUT", "/households/h", 409, CONCURRENT))
    unknown = {"errors": [{"field": "members.1.client_id", "reason": "is not a registered member"}]}
    assert _worth_retrying(ApiError("PUT", "/households/h", 422, unknown))
    other = {"errors": [{"field": "housing.rent", "reason": "must not be negative"}]}
    assert not _worth_retrying(ApiError("PUT", "/households/h", 422, other))
    assert not _worth_retrying(ApiError("PUT", "/households/h", 403, {"detail": "not authorised"}))
