"""Rule tables at start-up: a bad table keeps the service from starting; a month that waited for its figures
is decided by the service itself once they are added, exactly once. SQLite and PostgreSQL, real Kafka."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from uuid import UUID

import pytest

from services.benefits.app import create_app
from services.benefits.domain import Level
from services.benefits.domain.rules.standard_need import STANDARD_NEED
from services.benefits.rule_tables import SHIPPED, RuleTableError, load_rule_tables
from services.benefits.tables import DecisionRow, PendingDecisionRow, SavingRow
from services.platform.settings import ServiceSettings
from tests.integration.test_benefits import announce, clerk, entitlement_events, envelope, stored
from tests.integration.test_benefits_consumers import granted_household, hire
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

FIGURES_2027 = {
    "standard_need": """  2027-01-01:
    valid_to: 2027-12-31
    value: {level_1: 570, level_2: 513, level_3: 456, level_4: 478, level_5: 396, level_6: 362}
    reference: § 20 Abs. 1a SGB II i.V.m. RBSFV 2027
    note: Figures of this test, not the published ones.
""",
    "child_benefit": """  2027-01-01:
    valid_to: 2027-12-31
    value: 262
    reference: § 66 Abs. 1 EStG (2027)
    note: Figure of this test.
""",
    "minijob_limit": """  2027-01-01:
    valid_to: 2027-12-31
    value: 633
    reference: § 8 Abs. 1a SGB IV (Geringfügigkeitsgrenze 2027)
    note: Figure of this test.
""",
}


@pytest.fixture
def tables(tmp_path: Path) -> Iterator[Path]:
    """A copy of the shipped tables to change; the process computes with the shipped ones again afterwards."""
    yield Path(shutil.copytree(SHIPPED, tmp_path / "rule_tables", ignore=shutil.ignore_patterns("*.py", "__*")))
    load_rule_tables().install()


def add_2027_figures(tables: Path) -> None:
    for name, entry in FIGURES_2027.items():
        path = tables / f"{name}.yaml"
        path.write_text(path.read_text(encoding="utf-8") + entry, encoding="utf-8")


def settings_with(tables: Path, tmp_path: Path) -> ServiceSettings:
    return ServiceSettings(
        service_name="benefits",
        database_url=f"sqlite+aiosqlite:///{tmp_path / 'never-opened.db'}",
        jwt_public_key_file=tmp_path / "never-read.pem",
        rule_tables_dir=tables,
    )


@pytest.mark.parametrize(
    ("name", "old", "new", "named"),
    [
        ("standard_need", "level_1: 563", "level_1: 5x3", "value from 2024-01-01: value.level_1: '5x3'"),
        ("child_supplement", "    value: 20\n", "    valid_to: 2025-03-31\n    value: 20\n", "valid_to 2025-03-31"),
        ("approval_period", "2023-01-01:", "2023-02-30:", "'2023-02-30' is not a date"),
        ("recovery_threshold", "    reference: § 40 Abs. 1 S. 3 SGB II\n", "", "reference is missing"),
    ],
)
def test_a_malformed_or_overlapping_table_refuses_start_up_naming_the_file_and_the_value(
    tables: Path, tmp_path: Path, name: str, old: str, new: str, named: str
) -> None:
    load_rule_tables().install()  # a process already running on the shipped tables
    path = tables / f"{name}.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    with pytest.raises(RuleTableError) as refused:
        create_app(settings_with(tables, tmp_path))
    assert str(path) in str(refused.value) and named in str(refused.value)
    # Nothing of the refused tables was installed over them.
    assert STANDARD_NEED.value_at(date(2024, 1, 1))[Level.SINGLE] == 563


async def pending(benefits, household_id: UUID) -> list[PendingDecisionRow]:
    return await stored(benefits, PendingDecisionRow, household_id)


async def test_a_month_without_figures_is_decided_by_itself_once_they_are_added(
    kafka_server, database_url, tokens, tables
):
    bootstrap = kafka_server.bootstrap_servers

    def benefits_service():
        return running_service("benefits", database_url, bootstrap, tokens.public_key, rule_tables_dir=tables)

    async with benefits_service() as benefits:
        household_id, client_id = await granted_household(benefits, bootstrap, tokens)  # August 2026 to July 2027
        started = hire(client_id, "1200.00", "950.00", start=date(2027, 1, 1))
        await announce(bootstrap, envelope(started))
        await eventually(lambda: pending(benefits, household_id))
        (waiting,) = await pending(benefits, household_id)
        assert (waiting.cause, waiting.month, waiting.employment_id) == (
            "employment_started",
            date(2027, 1, 1),
            started.employment_id,
        )
        assert "standard_need" in waiting.missing_rule and waiting.missing_on == date(2027, 1, 1)
        shown = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
        assert any(note.startswith("Not decided yet from 2027-01 (employment started") for note in shown["notes"])
        asked = await benefits.http.post(
            f"/households/{household_id}/what-if", json={"month": "2027-01-01"}, headers=clerk(tokens)
        )
        assert asked.status_code == 422 and asked.json()["errors"][0]["field"] == "month"
        assert [d.kind for d in await stored(benefits, DecisionRow, household_id)] == ["grant"]

    add_2027_figures(tables)
    for _restart in range(2):
        async with benefits_service() as benefits:
            decisions = sorted(await stored(benefits, DecisionRow, household_id), key=lambda d: d.sequence)
            assert [(d.kind, d.cause, d.effective_month) for d in decisions] == [
                ("grant", "household_change", date(2026, 8, 1)),
                ("change", "employment_started", date(2027, 1, 1)),
            ]
            assert decisions[1].employment_id == started.employment_id
            assert decisions[1].new_amount < decisions[1].previous_amount
            assert await pending(benefits, household_id) == []
            shown = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
            assert not any(note.startswith("Not decided yet") for note in shown["notes"])
            (saving,) = await stored(benefits, SavingRow, household_id)
            assert (saving.month, saving.decision_id) == (date(2027, 1, 1), decisions[1].decision_id)
            _, changed = await entitlement_events(bootstrap, household_id, 2)  # sent by the outbox relay
            assert changed.type == "de.lotse.benefits.entitlement_changed.v1"
            assert (changed.data.effective_month, changed.data.employment_id) == (
                date(2027, 1, 1),
                started.employment_id,
            )
