"""The Kennzahlen page's breakdown by sex: a row per key, a column per sex, suppressed groups as they came."""

from __future__ import annotations

from typing import Any

from staff_app.pages.indicators import by_sex_table
from staff_app.sections import Section


def figure(key: str, value: str | None, suppressed: bool = False) -> dict[str, Any]:
    return {"key": key, "value": value, "suppressed": suppressed}


def test_each_key_is_a_row_with_one_cell_per_sex_in_the_order_reporting_gives_them() -> None:
    found = Section({"groups": [
        {"value": "male", "figures": [figure("K2", "20.0"), figure("K3", "100.0")]},
        {"value": "diverse", "figures": [figure("K2", None, suppressed=True), figure("K3", None, suppressed=True)]},
    ]})  # fmt: skip
    table = by_sex_table(found).data
    assert table["columns"] == ["männlich", "divers"]
    assert [key for key, _ in table["rows"]] == ["K2", "K3"]
    assert [cell["suppressed"] for cell in table["rows"][0][1]] == [False, True]


def test_a_breakdown_reporting_refused_stays_a_notice_without_a_table() -> None:
    refused = Section(None, "Dieser Dienst bietet diese Liste nicht an.", 405)
    assert by_sex_table(refused).data is None and by_sex_table(refused).refused
