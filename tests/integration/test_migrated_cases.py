"""A migrated client's case in coaching (issue #13), on SQLite: opened with the imported case manager where the
rules allow it; another office's case manager, an unknown programme or a full caseload (§ 44c Abs. 4 SGB II)
leave it waiting for the ordinary assignment, and the refusal reaches the office as a task."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta
from uuid import uuid4
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select

from contracts.events import ClientRegisteredV1, MigratedAppointmentV1, MigratedStateV1
from services.coaching.app import load_reference
from services.coaching.domain.appointment_policy import AppointmentPolicy, holiday
from services.coaching.domain.model import CaseStatus, TaskKind, TaskStatus
from services.coaching.tables import TASK_DETAIL, AppointmentRow, CaseRow, TaskRow
from services.coaching.use_cases.migrated_cases import open_registered_case
from services.platform.auth.staff import Role
from services.platform.privacy.cipher import field_context
from services.platform.privacy.vault import SpecialCategories
from tests.support.running_service import running_service

BERLIN = ZoneInfo("Europe/Berlin")


@pytest.fixture
async def coaching(kafka_server, tokens, tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'coaching.db'}"
    async with running_service("coaching", url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def services(coaching) -> tuple[SpecialCategories, AppointmentPolicy]:
    return coaching.app.state.special_categories, coaching.app.state.appointment_policy


def migrated(
    case_worker_id: str, program_id: str | None = "standard", appointments: list[MigratedAppointmentV1] | None = None
) -> ClientRegisteredV1:
    return ClientRegisteredV1(
        client_id=uuid4(),
        household_id=uuid4(),
        office_id="lutjenburg",
        registered_at=datetime.now(UTC),
        age_band="25_and_over",
        migrated=True,
        migration=MigratedStateV1(
            case_worker_id=case_worker_id, program_id=program_id, appointments=appointments or []
        ),
    )


async def opened(coaching, event: ClientRegisteredV1) -> CaseRow:
    async with coaching.runtime.uow.transaction() as tx:
        await open_registered_case(tx, event, load_reference(), *services(coaching))
    async with coaching.runtime.uow.transaction() as tx:
        case = await tx.session.get(CaseRow, event.client_id)
        assert case is not None
        return case


async def test_a_migrated_case_opens_with_its_case_manager_and_programme(coaching):
    case = await opened(coaching, migrated("lutjenburg-cm-03", "joboffensive"))
    assert (case.case_worker_id, case.program_id, case.status) == (
        "lutjenburg-cm-03",
        "joboffensive",
        CaseStatus.IN_COACHING,
    )
    async with coaching.runtime.uow.transaction() as tx:  # nothing refused: no task
        tasks = (await tx.session.execute(select(TaskRow).where(TaskRow.client_id == case.client_id))).scalars()
        assert list(tasks) == []


@pytest.mark.parametrize(
    ("case_worker_id", "program_id"),
    [("plon-cm-01", "standard"), ("nobody-01", "standard"), ("lutjenburg-cm-03", "no-such-programme")],
    ids=["another office", "unknown", "unknown programme"],
)
async def test_a_migrated_case_the_rules_refuse_waits_for_the_ordinary_assignment(coaching, case_worker_id, program_id):
    case = await opened(coaching, migrated(case_worker_id, program_id))
    assert case.case_worker_id is None and case.status == CaseStatus.AWAITING_ASSIGNMENT
    assert case_worker_id in await refusal_task(coaching, case)


async def test_a_migrated_case_beyond_the_case_managers_ratio_waits_for_the_ordinary_assignment(coaching):
    """Joboffensive's ratio is 1:100: the 101st case of one case manager does not fit (§ 44c Abs. 4 SGB II)."""
    ref, (vault, policy) = load_reference(), services(coaching)
    async with coaching.runtime.uow.transaction() as tx:
        for _ in range(100):
            await open_registered_case(tx, migrated("lutjenburg-cm-04", "joboffensive"), ref, vault, policy)
    refused = await opened(coaching, migrated("lutjenburg-cm-04", "joboffensive"))
    assert refused.case_worker_id is None
    async with coaching.runtime.uow.transaction() as tx:
        query = select(func.count()).select_from(CaseRow).where(CaseRow.case_worker_id == "lutjenburg-cm-04")
        assert (await tx.session.execute(query)).scalar_one() == 100
    assert "lutjenburg-cm-04" in await refusal_task(coaching, refused)


async def refusal_task(coaching, case: CaseRow) -> str:
    """The one open, unassigned task the refusal raised in the case's office; its detail opened."""
    vault = coaching.app.state.special_categories
    async with coaching.runtime.uow.transaction() as tx:
        tasks = list((await tx.session.execute(select(TaskRow).where(TaskRow.client_id == case.client_id))).scalars())
        assert [(t.kind, t.status, t.office_id, t.case_worker_id) for t in tasks] == [
            (TaskKind.MIGRATED_ASSIGNMENT, TaskStatus.OPEN, case.office_id, None)
        ]
        opened = vault.cipher.open_json(tasks[0].sealed_detail, field_context(TASK_DETAIL, tasks[0].task_id))
    detail: str = opened["detail"]
    assert detail.startswith("Migration:")
    return detail


def next_tuesday(at: time) -> datetime:
    """A Tuesday at least a week ahead, in Lütjenburg's time (open daily 8:00–12:30)."""
    today = datetime.now(BERLIN).date() + timedelta(days=7)
    day = today + timedelta(days=(1 - today.weekday()) % 7)
    while holiday("SH", day) is not None:  # Lütjenburg lies in Schleswig-Holstein
        day += timedelta(days=7)
    return datetime.combine(day, at, BERLIN)


async def test_a_migrated_clients_open_appointments_are_booked_under_the_rules_and_refusals_reach_the_office(coaching):
    """Opening hours and no double booking as for staff; a past date is not booked; each refusal named in one task."""
    morning, evening = next_tuesday(time(9, 0)), next_tuesday(time(19, 0))
    appointments = [
        MigratedAppointmentV1(starts_at=morning),
        MigratedAppointmentV1(starts_at=morning + timedelta(minutes=15), duration_minutes=30),  # overlaps the first
        MigratedAppointmentV1(starts_at=evening),  # the office is closed then
        MigratedAppointmentV1(starts_at=datetime.now(UTC) - timedelta(days=3)),
        MigratedAppointmentV1(starts_at=morning + timedelta(hours=2), channel="phone"),
    ]
    case = await opened(coaching, migrated("lutjenburg-cm-03", "joboffensive", appointments))
    assert case.case_worker_id == "lutjenburg-cm-03"
    async with coaching.runtime.uow.transaction() as tx:
        query = select(AppointmentRow).where(AppointmentRow.client_id == case.client_id)
        booked = sorted((a.starts_at, a.staff_id, a.channel) for a in (await tx.session.execute(query)).scalars())
    assert booked == [
        (morning.astimezone(UTC), "lutjenburg-cm-03", "in_person"),
        ((morning + timedelta(hours=2)).astimezone(UTC), "lutjenburg-cm-03", "phone"),
    ]
    detail = await refusal_task(coaching, case)
    assert detail.count("nicht übernommen") == 3, detail
    assert "already booked" in detail and "Vergangenheit" in detail and evening.strftime("%d.%m.%Y 19:00") in detail


async def test_a_migrated_clients_appointments_wait_with_the_case_when_the_case_manager_is_refused(coaching):
    case = await opened(
        coaching, migrated("plon-cm-01", "standard", [MigratedAppointmentV1(starts_at=next_tuesday(time(9)))])
    )
    assert case.case_worker_id is None
    detail = await refusal_task(coaching, case)
    assert "plon-cm-01" in detail and "keine Fallmanagerin" in detail


async def takeover(coaching, tokens, case: CaseRow, *roles: Role) -> dict:
    headers = tokens.headers(*(roles or (Role.JOURNEY_WORKER,)))
    response = await coaching.http.get(f"/cases/{case.client_id}/migration", headers=headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_what_a_migrated_case_took_over_and_refused_is_kept_per_part_for_the_import_report(coaching, tokens):
    """The journey's worker writes it into intake's report (#13): the case manager refused with the task's reason,
    each refused appointment named, the booked ones carried; only the worker and the operator read it."""
    morning = next_tuesday(time(9, 0))
    refused = await opened(coaching, migrated("plon-cm-01", "standard", [MigratedAppointmentV1(starts_at=morning)]))
    parts = (await takeover(coaching, tokens, refused))["parts"]
    assert [(p["part"], p["outcome"], len(p["reasons"])) for p in parts] == [
        ("case_manager", "refused", 1),
        ("appointments", "refused", 1),
    ]
    assert "plon-cm-01" in parts[0]["reasons"][0] and "keine Fallmanagerin" in parts[1]["reasons"][0]
    assert parts[0]["reasons"][0] in await refusal_task(coaching, refused), "the same words as the office's task"

    taken = await opened(
        coaching, migrated("lutjenburg-cm-03", "joboffensive", [MigratedAppointmentV1(starts_at=morning)])
    )
    parts = (await takeover(coaching, tokens, taken, Role.OPERATOR))["parts"]
    assert parts == [
        {"part": "case_manager", "outcome": "carried", "reasons": []},
        {"part": "appointments", "outcome": "carried", "reasons": []},
    ]
    clerk = tokens.headers(Role.CASE_MANAGER)
    assert (await coaching.http.get(f"/cases/{taken.client_id}/migration", headers=clerk)).status_code == 403
    elsewhere = tokens.headers(Role.JOURNEY_WORKER, offices=("plon",))
    assert (await coaching.http.get(f"/cases/{taken.client_id}/migration", headers=elsewhere)).status_code == 403


async def test_a_case_not_migrated_has_no_takeover(coaching, tokens):
    plain = migrated("lutjenburg-cm-03")
    plain = plain.model_copy(update={"migrated": False, "migration": None})
    case = await opened(coaching, plain)
    response = await coaching.http.get(
        f"/cases/{case.client_id}/migration", headers=tokens.headers(Role.JOURNEY_WORKER)
    )
    assert response.status_code == 404
