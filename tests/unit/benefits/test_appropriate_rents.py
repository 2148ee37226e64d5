"""The appropriate rents as sourced data (§ 22 Abs. 1 S. 1 SGB II): without the district's schlüssiges Konzept,
the WoGG Höchstbetrag of the Mietenstufe (§ 12 Abs. 1 WoGG, Anlage 1) plus 10 % (BSG 22.03.2012 – B 4 AS 16/11 R;
BSG 12.12.2013 – B 4 AS 87/12 R), derived from data/appropriate_rents.json."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from typing import Any

import pytest

from services.benefits.app import DATA_DIR, load_appropriate_rents
from services.benefits.domain.appropriate_rents import AppropriateRents

STUFEN = ("I", "II", "III", "IV", "V", "VI", "VII")


def raw() -> dict[str, Any]:
    data: dict[str, Any] = json.loads((DATA_DIR / "appropriate_rents.json").read_text(encoding="utf-8"))
    return data


def test_celle_two_people_from_2025_is_the_wogg_maximum_of_mietenstufe_iii_plus_ten_percent() -> None:
    """§ 12 Abs. 1 WoGG, Anlage 1 ab 01.01.2025 (BGBl. 2024 I Nr. 314): 2 members, Mietenstufe III = 551 EUR."""
    limits = load_appropriate_rents().limits_on("landkreis-celle", date(2026, 10, 1))
    assert limits is not None
    assert limits.valid_from == date(2025, 1, 1)
    assert limits.for_size(2) == Decimal("606.10")  # 551 + 55.10
    assert "BGBl. 2024 I Nr. 314" in limits.reference and "B 4 AS 16/11 R" in limits.reference


def test_before_2025_the_2022_table_counts() -> None:
    """§ 12 Abs. 1 WoGG, Anlage 1 i.d.F. § 23 WoGV (BGBl. I 2021 S. 1369): 2 members, Mietenstufe III = 530 EUR."""
    limits = load_appropriate_rents().limits_on("landkreis-celle", date(2024, 12, 31))
    assert limits is not None and limits.for_size(2) == Decimal("583.00")
    assert load_appropriate_rents().limits_on("landkreis-celle", date(2022, 12, 31)) is None  # no Mietenstufe read


def test_each_further_member_adds_the_wogg_mehrbetrag_with_the_margin() -> None:
    """§ 12 Abs. 1 WoGG, Anlage 1: five members 875, each further member 106 (Mietenstufe III, 2025)."""
    limits = load_appropriate_rents().limits_on("landkreis-celle", date(2025, 1, 1))
    assert limits is not None
    assert limits.for_size(5) == Decimal("962.50")
    assert limits.for_size(7) == Decimal("962.50") + 2 * Decimal("116.60")


def test_a_district_whose_mietenstufe_was_not_read_has_no_figure_rather_than_an_invented_one() -> None:
    assert load_appropriate_rents().limits_on("kreis-ploen", date(2026, 10, 1)) is None
    assert "not in any source read" in raw()["districts"]["kreis-ploen"]["unverified"]


def test_every_mietenstufe_names_its_source_and_says_whether_it_was_verified() -> None:
    for district, entry in raw()["districts"].items():
        assert entry["guideline"], district
        for stufe in entry["mietenstufen"]:
            assert stufe["mietenstufe"] in STUFEN and stufe["source"] and isinstance(stufe["verified"], bool)
            if not stufe["verified"]:
                assert stufe["source"].startswith("NOT VERIFIED")


@pytest.mark.parametrize("table", raw()["wogg_maximums"], ids=lambda t: t["valid_from"])
def test_each_wogg_table_is_complete_and_rises_with_the_mietenstufe_and_the_household(table: dict[str, Any]) -> None:
    """A mistyped cell shows as a table that does not rise (Anlage 1 rises in both directions)."""
    assert "BGBl" in table["reference"] and table["read_from"]
    rows = table["by_mietenstufe"]
    assert list(rows) == list(STUFEN)
    for key in ("1", "2", "3", "4", "5", "further"):
        column = [Decimal(rows[s][key]) for s in STUFEN]
        assert column == sorted(column) and len(set(column)) == 7, key
    for stufe in STUFEN:
        sizes = [Decimal(rows[stufe][k]) for k in ("1", "2", "3", "4", "5")]
        assert sizes == sorted(sizes) and len(set(sizes)) == 5, stufe


def test_a_mietenstufe_change_and_a_table_change_each_start_new_limits() -> None:
    data = raw()
    data["districts"]["landkreis-celle"]["mietenstufen"].append(
        {"valid_from": "2026-07-01", "mietenstufe": "IV", "verified": False, "source": "NOT VERIFIED: test"}
    )
    rents = AppropriateRents.from_data(data)
    before = rents.limits_on("landkreis-celle", date(2026, 6, 30))
    after = rents.limits_on("landkreis-celle", date(2026, 7, 1))
    assert before is not None and after is not None
    assert (before.for_size(1), after.for_size(1)) == (Decimal("501.60"), Decimal("562.10"))  # 456, 511 + 10 %
    assert "nicht an der geltenden WoGV-Anlage geprüft" in after.reference
