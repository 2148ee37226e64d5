"""What the engine derives from the rule tables once (notes, band wording, allowances) follows a new install.

The engine words a provision's lines once per month instead of once per household; a process that installs
other tables (a test, the service at start-up) must compute with those, not with what it derived before.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from services.benefits.domain import ItemKind, compute_entitlement
from services.benefits.domain.asset_items import Asset, AssetKind
from services.benefits.domain.receipts import IncomeKind, Receipt
from services.benefits.rule_tables import SHIPPED, load_rule_tables

from .builders import JUNE_2026, adult, eur, household, pay


@pytest.fixture
def tables(tmp_path: Path) -> Iterator[Path]:
    yield Path(shutil.copytree(SHIPPED, tmp_path / "rule_tables", ignore=shutil.ignore_patterns("*.py", "__*")))
    load_rule_tables().install()  # the other tests compute with the shipped figures


def changed(tables: Path, name: str, old: str, new: str) -> None:
    path = tables / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_a_new_install_changes_the_flat_insurance_allowance_already_worded_for_the_month(tables: Path) -> None:
    single = household(adult(receipts=(Receipt(IncomeKind.PENSION, eur(300), JUNE_2026),)))
    before = compute_entitlement(single, JUNE_2026).items_for("adult")
    assert [i.amount for i in before if i.kind is ItemKind.INSURANCE_ALLOWANCE] == [eur(-30)]
    changed(tables, "insurance_allowance", "    value: 30\n", "    value: 35\n")
    changed(tables, "insurance_allowance", "(until 2022: Alg II-V)", "(a test's figure)")
    load_rule_tables(tables).install()
    (after,) = [
        i for i in compute_entitlement(single, JUNE_2026).items_for("adult") if i.kind is ItemKind.INSURANCE_ALLOWANCE
    ]
    assert after.amount == eur(-35) and "a test's figure" in after.note


def test_a_new_install_changes_the_earned_income_bands_already_worded_for_the_month(tables: Path) -> None:
    earner = household(adult(earned_income=(pay(1000, 800),)))

    def allowance_notes() -> list[str]:
        items = compute_entitlement(earner, JUNE_2026).items_for("adult")
        return [i.note for i in items if i.kind is ItemKind.EARNED_INCOME_ALLOWANCE]

    assert "30\xa0% des Bruttos zwischen 520,00\xa0€ und 1.000,00\xa0€" in allowance_notes()
    changed(
        tables,
        "earned_income_allowance",
        "{lower: 520, upper: 1000, percent: 30}",
        "{lower: 520, upper: 1000, percent: 25}",
    )
    load_rule_tables(tables).install()
    assert "25\xa0% des Bruttos zwischen 520,00\xa0€ und 1.000,00\xa0€" in allowance_notes()


def test_a_new_install_changes_the_asset_allowance_already_found_for_the_month(tables: Path) -> None:
    saver = household(adult(assets=(Asset(AssetKind.CASH, eur(16000)),)))

    def allowance() -> list[object]:
        items = compute_entitlement(saver, JUNE_2026).explanation
        return [i.amount for i in items if i.kind is ItemKind.ASSET_ALLOWANCE]

    assert allowance() == [eur(40000)]  # the first month of benefits: the asset Karenzzeit (§ 12 Abs. 3 a.F.)
    changed(tables, "considerable_assets", "applicant: 40000", "applicant: 45000")
    load_rule_tables(tables).install()
    assert allowance() == [eur(45000)]
