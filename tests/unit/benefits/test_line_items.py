"""The cheap constructor of explanation lines (`line_item`) makes the same frozen LineItem as `LineItem(...)`."""

from __future__ import annotations

import dataclasses
from decimal import Decimal

import pytest
from pydantic import TypeAdapter

from services.benefits.domain.explanation import ItemKind, LineItem, line_item

ARGS = ("person-1", ItemKind.ASSET_COUNTED, Decimal("1234.56"), "§ 12 Abs. 1 S. 1 SGB II", "Bargeld und Guthaben")


def test_line_item_is_a_line_item_equal_to_one_built_by_the_class() -> None:
    made, built = line_item(*ARGS), LineItem(*ARGS)
    assert type(made) is LineItem
    assert made == built and hash(made) == hash(built) and repr(made) == repr(built)
    assert made != line_item(*ARGS[:4], "another note")
    adapter = TypeAdapter(LineItem)
    assert adapter.dump_python(made, mode="json") == adapter.dump_python(built, mode="json")


def test_line_item_is_frozen_once_made() -> None:
    made = line_item(None, ItemKind.ASSETS, Decimal(0), "§ 12 SGB II", "")
    with pytest.raises(dataclasses.FrozenInstanceError):
        made.note = "changed"  # type: ignore[misc]
    assert dataclasses.replace(made, note="x").note == "x"
