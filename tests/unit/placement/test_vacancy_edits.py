"""An edit of a vacancy's positions keeps the filled ones filled."""

from __future__ import annotations

import pytest

from services.placement.domain.model import open_positions_after_edit
from services.platform.errors import RuleViolation


@pytest.mark.parametrize(
    ("positions", "open_positions", "new_positions", "open_after"),
    [(2, 2, 3, 3), (3, 1, 3, 1), (3, 1, 5, 3), (3, 1, 2, 0)],
)
def test_open_positions_move_by_the_change_in_positions(positions, open_positions, new_positions, open_after):
    assert open_positions_after_edit(positions, open_positions, new_positions) == open_after


def test_fewer_positions_than_already_filled_are_refused_naming_positions():
    with pytest.raises(RuleViolation) as refused:
        open_positions_after_edit(3, 1, 1)
    assert refused.value.field == "positions" and "2 positions are already filled" in str(refused.value.reason)
