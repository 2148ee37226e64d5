"""What coaching took over of a migrated record, as the import's report keeps it (issue #13): one answer per
part, the same answer again keeps its time, a later one wins, a refusal says why."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.intake.domain.imports import Carry, Downstream, DownstreamPart, check_downstream, with_downstream
from services.platform.errors import RuleViolation

FIRST = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 12, 2, 10, 0, tzinfo=UTC)


def answer(part: DownstreamPart, outcome: Carry, *reasons: str, at: datetime = FIRST) -> Downstream:
    return Downstream(part, outcome, reasons, at)


def test_the_same_answer_again_changes_nothing_not_even_its_time():
    refused = answer(DownstreamPart.CASE_MANAGER, Carry.REFUSED, "other office")
    again = answer(DownstreamPart.CASE_MANAGER, Carry.REFUSED, "other office", at=LATER)
    assert with_downstream(with_downstream([], refused), again) == [refused]


def test_a_later_answer_for_a_part_replaces_the_earlier_one_and_the_other_parts_stay():
    obstacles = answer(DownstreamPart.OBSTACLES, Carry.REFUSED, "no case manager assigned")
    appointments = answer(DownstreamPart.APPOINTMENTS, Carry.CARRIED)
    carried = answer(DownstreamPart.OBSTACLES, Carry.CARRIED, at=LATER)
    parts = with_downstream(with_downstream([obstacles], appointments), carried)
    assert parts == [appointments, carried], "in the order of the parts, the obstacles' newer answer"


def test_the_parts_read_in_one_order_whatever_order_they_came_in():
    parts: list[Downstream] = []
    for part in reversed(DownstreamPart):
        parts = with_downstream(parts, answer(part, Carry.CARRIED))
    assert [p.part for p in parts] == list(DownstreamPart)


@pytest.mark.parametrize(
    ("outcome", "reasons", "reason"),
    [(Carry.REFUSED, (), "a refusal names its reasons"), (Carry.CARRIED, ("why",), "only a refusal has reasons")],
)
def test_a_refusal_names_its_reasons_and_something_carried_has_none(outcome, reasons, reason):
    with pytest.raises(RuleViolation) as refused:
        check_downstream(answer(DownstreamPart.OBSTACLES, outcome, *reasons))
    assert (refused.value.field, refused.value.reason) == ("reasons", reason)
    check_downstream(answer(DownstreamPart.OBSTACLES, Carry.REFUSED, "no plan without a case manager"))
    check_downstream(answer(DownstreamPart.OBSTACLES, Carry.CARRIED))
