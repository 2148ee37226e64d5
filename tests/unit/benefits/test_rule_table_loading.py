"""A rule table the engine cannot trust is refused with a message naming the file and the value."""

from __future__ import annotations

import shutil
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from services.benefits.domain import Level, NoRuleForDate
from services.benefits.rule_tables import SHIPPED, RuleTableError, load_rule_tables


@pytest.fixture
def tables(tmp_path: Path) -> Path:
    """A copy of the shipped tables to change."""
    return Path(
        shutil.copytree(SHIPPED, tmp_path / "rule_tables", ignore=shutil.ignore_patterns("*.py", "__pycache__"))
    )


def edit(tables: Path, name: str, old: str, new: str) -> Path:
    path = tables / f"{name}.yaml"
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} is not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def refusal(tables: Path) -> str:
    with pytest.raises(RuleTableError) as error:
        load_rule_tables(tables)
    return str(error.value)


def test_the_shipped_tables_load_and_every_provision_has_one() -> None:
    rules = load_rule_tables().rules
    assert rules["standard_need"].value_at(date(2026, 7, 1))[Level.SINGLE] == Decimal("563.00")


def test_a_start_date_that_is_no_date_is_refused_naming_the_file_and_the_date(tables: Path) -> None:
    path = edit(tables, "standard_need", "2024-01-01:", "2024-13-01:")
    message = refusal(tables)
    assert str(path) in message and "'2024-13-01' is not a date" in message


def test_a_start_date_written_another_way_is_refused(tables: Path) -> None:
    edit(tables, "child_benefit", "2025-01-01:", "01.01.2025:")
    assert "child_benefit.yaml" in (message := refusal(tables)) and "'01.01.2025' is not a date" in message


def test_an_amount_that_is_no_number_is_refused_naming_the_file_the_entry_and_the_field(tables: Path) -> None:
    edit(tables, "standard_need", "level_1: 563", "level_1: 5x3")
    message = refusal(tables)
    assert "standard_need.yaml: value from 2024-01-01: value.level_1: '5x3' is not a number" in message


def test_an_amount_with_a_decimal_comma_is_refused(tables: Path) -> None:
    edit(tables, "recovery_threshold", "value: 50", 'value: "50,00"')
    assert "recovery_threshold.yaml: value from 2023-01-01: value: '50,00' is not a number" in refusal(tables)


def test_an_amount_with_fractions_of_a_cent_is_refused(tables: Path) -> None:
    edit(tables, "child_benefit", "value: 255", "value: 255.001")
    assert "'255.001' has more than two decimal places" in refusal(tables)


def test_a_value_without_its_legal_reference_is_refused(tables: Path) -> None:
    edit(tables, "child_benefit", "    reference: § 66 Abs. 1 EStG (255 EUR, 2025)\n", "")
    message = refusal(tables)
    assert "child_benefit.yaml: value from 2025-01-01: reference is missing" in message


def test_a_value_without_a_note_is_refused(tables: Path) -> None:
    edit(tables, "recovery_threshold", "    note: Introduced by the Bürgergeld-Gesetz.\n", "")
    assert "recovery_threshold.yaml: value from 2023-01-01: note is missing" in refusal(tables)


def test_a_misspelt_field_of_a_value_is_refused(tables: Path) -> None:
    edit(tables, "earned_income_allowance", "basic_amount: 100\n      bands:", "basic_amout: 100\n      bands:")
    message = refusal(tables)
    assert "earned_income_allowance.yaml: value from 2023-01-01: value: expected the fields" in message
    assert "missing basic_amount; unknown basic_amout" in message


def test_an_explicit_end_after_the_next_start_is_refused_as_an_overlap(tables: Path) -> None:
    edit(tables, "child_supplement", "    value: 20\n", "    valid_to: 2025-06-30\n    value: 20\n")
    message = refusal(tables)
    assert "child_supplement.yaml: value from 2022-07-01 (valid_to 2025-06-30) overlaps the value from 2025-01-01" in (
        message
    )


def test_the_same_start_written_twice_is_refused(tables: Path) -> None:
    edit(tables, "minijob_limit", "2025-01-01:", "2024-01-01:")
    message = refusal(tables)
    assert "minijob_limit.yaml" in message and "'2024-01-01' is written twice" in message


def test_an_end_before_the_start_is_refused(tables: Path) -> None:
    edit(tables, "child_benefit", "valid_to: 2026-12-31", "valid_to: 2025-12-31")
    assert "child_benefit.yaml: value from 2026-01-01: valid_to 2025-12-31 lies before the start" in refusal(tables)


def test_a_table_for_no_provision_of_the_engine_is_refused(tables: Path) -> None:
    shutil.copy(tables / "child_benefit.yaml", tables / "kindergeld.yaml")
    assert "kindergeld.yaml: no provision of the engine is called 'kindergeld'" in refusal(tables)


def test_a_missing_table_is_refused(tables: Path) -> None:
    (tables / "approval_period.yaml").unlink()
    assert "approval_period.yaml: missing, the engine needs approval_period (§ 41 Abs. 3)" in refusal(tables)


def test_a_file_that_is_no_yaml_is_refused(tables: Path) -> None:
    edit(tables, "recovery_threshold", "values:", "values: [")
    assert "recovery_threshold.yaml: not a readable table" in refusal(tables)


def test_a_value_ends_the_day_before_the_next_starts() -> None:
    rule = load_rule_tables().rules["child_supplement"]
    assert [(f.valid_from, f.valid_to) for f in rule.figures] == [
        (date(2022, 7, 1), date(2024, 12, 31)),
        (date(2025, 1, 1), None),
    ]


def test_adding_next_years_figures_is_a_data_change(tables: Path) -> None:
    """§ 20 Abs. 1a SGB II: the RBSFV 2027 arrives as a new entry; 2026 keeps its figures."""
    assert_no_2027 = load_rule_tables(tables).rules["standard_need"]
    with pytest.raises(NoRuleForDate):
        assert_no_2027.at(date(2027, 1, 1))
    path = tables / "standard_need.yaml"
    path.write_text(
        path.read_text(encoding="utf-8")
        + """  2027-01-01:
    valid_to: 2027-12-31
    value: {level_1: 570, level_2: 512, level_3: 456, level_4: 477, level_5: 395, level_6: 361}
    reference: § 20 Abs. 1a SGB II i.V.m. RBSFV 2027 (test figures)
    note: Figures of a test, not the published ones.
""",
        encoding="utf-8",
    )
    rule = load_rule_tables(tables).rules["standard_need"]
    assert rule.value_at(date(2027, 3, 1))[Level.SINGLE] == Decimal("570.00")
    assert rule.value_at(date(2026, 12, 1))[Level.SINGLE] == Decimal("563.00")
    assert rule.at(date(2027, 3, 1)).source == "§ 20 Abs. 1a SGB II i.V.m. RBSFV 2027 (test figures)"
