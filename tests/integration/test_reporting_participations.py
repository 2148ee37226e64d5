"""Reporting follows a client's programme through enrolments and ends of participation (real Kafka, both DBs)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import uuid4

import pytest

from contracts.events import CaseAssignedV1, ClientRegisteredV1, ParticipationEndedV1, ParticipationStartedV1
from services.reporting.domain.facts import ProgrammeSpell
from services.reporting.tables import ParticipationRow, ProgrammeRow
from services.reporting.use_cases.case_managers import programme_spells
from tests.integration.reporting_district import applied, envelope, publish
from tests.support.running_service import running_service

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def reporting(kafka_server, database_url, tokens):
    async with running_service("reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def programme_of(service, client_id) -> str | None:
    async with service.runtime.uow.transaction() as tx:
        row = await tx.session.get(ProgrammeRow, client_id)
    return row.programme_id if row is not None else None


async def test_an_enrolment_and_its_end_move_the_client_between_programmes_in_the_figures(reporting, kafka_server):
    client_id, participation_id, bootstrap = uuid4(), uuid4(), kafka_server.bootstrap_servers
    assigned = CaseAssignedV1(
        client_id=client_id, case_worker_id="plon-cm-05", office_id="plon", program_id="standard", assigned_at=AT
    )
    started = ParticipationStartedV1(
        client_id=client_id,
        participation_id=participation_id,
        program_id="gemeinsam",
        office_id="plon",
        case_worker_id="plon-cm-03",
        started_on=date(2026, 3, 2),
        planned_end_on=date(2026, 11, 2),
        contact_interval_days=7,
        started_at=AT + timedelta(days=1),
    )
    registered = ClientRegisteredV1(
        client_id=client_id, household_id=uuid4(), office_id="plon", target_groups=[], registered_at=AT
    )
    first = [envelope(registered), envelope(started), envelope(assigned)]  # topic order need not be the facts' order
    await publish(bootstrap, first)
    await applied(reporting, first)
    assert await programme_of(reporting, client_id) == "gemeinsam"

    ended = ParticipationEndedV1(
        client_id=client_id,
        participation_id=participation_id,
        program_id="gemeinsam",
        office_id="plon",
        reason="in_work",
        ended_on=date(2026, 9, 1),
        ended_at=AT + timedelta(days=183),
        next_program_id="standard",
        contact_interval_days=30,
    )
    second = [envelope(ended)]
    await publish(bootstrap, second)
    await applied(reporting, second)
    assert await programme_of(reporting, client_id) == "standard"
    # The participation itself, for K3E2's Maßnahmen (§ 6 Abs. 2 Nr. 2) and the programme yardsticks' spells.
    async with reporting.runtime.uow.transaction() as tx:
        row = await tx.session.get(ParticipationRow, participation_id)
        spells = [s for s in await programme_spells(tx.session, frozenset({"plon"})) if s.client_id == client_id]
    assert row is not None and (row.programme_id, row.started_on, row.ended_on) == (
        "gemeinsam",
        date(2026, 3, 2),
        date(2026, 9, 1),
    )
    assert sorted(spells, key=lambda s: s.start) == [
        ProgrammeSpell(client_id, "gemeinsam", date(2026, 3, 2), date(2026, 9, 1)),
        ProgrammeSpell(client_id, "standard", ended.ended_at.date(), None),  # the case back in its base programme
    ]


async def test_an_end_that_arrives_before_its_start_still_leaves_the_whole_participation(reporting, kafka_server):
    client_id, participation_id, bootstrap = uuid4(), uuid4(), kafka_server.bootstrap_servers
    common = {
        "client_id": client_id,
        "participation_id": participation_id,
        "program_id": "gemeinsam",
        "office_id": "plon",
    }
    ended = ParticipationEndedV1(
        **common, reason="completed", ended_on=date(2026, 10, 30), ended_at=AT + timedelta(days=240),
        next_program_id="standard", contact_interval_days=30,
    )  # fmt: skip
    started = ParticipationStartedV1(
        **common, case_worker_id="plon-cm-03", started_on=date(2026, 3, 2), planned_end_on=None,
        contact_interval_days=7, started_at=AT,
    )  # fmt: skip
    for event in (ended, started):
        sent = [envelope(event)]
        await publish(bootstrap, sent)
        await applied(reporting, sent)
    async with reporting.runtime.uow.transaction() as tx:
        row = await tx.session.get(ParticipationRow, participation_id)
    assert row is not None and (row.started_on, row.ended_on) == (date(2026, 3, 2), date(2026, 10, 30))


async def test_a_dated_assignment_and_end_start_their_spells_on_their_own_days(reporting, kafka_server):
    """The demo dates an assignment on its calendar (case_assigned.v1 `assigned_on`) months before the moment it
    was recorded, and a participation's end on its `ended_on`: the programme spells start on those days, not on
    the recording moments, so a programme's figures fall in the months the facts belong to."""
    client_id, participation_id, bootstrap = uuid4(), uuid4(), kafka_server.bootstrap_servers
    registered = ClientRegisteredV1(
        client_id=client_id, household_id=uuid4(), office_id="plon", target_groups=[], registered_at=AT
    )
    assigned = CaseAssignedV1(
        client_id=client_id, case_worker_id="plon-cm-05", office_id="plon", program_id="standard", assigned_at=AT,
        assigned_on=date(2025, 10, 6),
    )  # fmt: skip
    started = ParticipationStartedV1(
        client_id=client_id, participation_id=participation_id, program_id="gemeinsam", office_id="plon",
        case_worker_id="plon-cm-03", started_on=date(2025, 11, 3), planned_end_on=date(2026, 7, 3),
        contact_interval_days=7, started_at=AT + timedelta(minutes=1),
    )  # fmt: skip
    ended = ParticipationEndedV1(
        client_id=client_id, participation_id=participation_id, program_id="gemeinsam", office_id="plon",
        reason="in_work", ended_on=date(2026, 1, 12), ended_at=AT + timedelta(minutes=2),
        next_program_id="standard", contact_interval_days=30,
    )  # fmt: skip
    sent = [envelope(registered), envelope(assigned)]
    await publish(bootstrap, sent)
    await applied(reporting, sent)
    async with reporting.runtime.uow.transaction() as tx:
        spells = [s for s in await programme_spells(tx.session, frozenset({"plon"})) if s.client_id == client_id]
    assert spells == [ProgrammeSpell(client_id, "standard", date(2025, 10, 6), None)]
    sent = [envelope(started), envelope(ended)]
    await publish(bootstrap, sent)
    await applied(reporting, sent)
    async with reporting.runtime.uow.transaction() as tx:
        spells = [s for s in await programme_spells(tx.session, frozenset({"plon"})) if s.client_id == client_id]
    assert sorted(spells, key=lambda s: s.start) == [
        ProgrammeSpell(client_id, "gemeinsam", date(2025, 11, 3), date(2026, 1, 12)),
        ProgrammeSpell(client_id, "standard", date(2026, 1, 12), None),
    ]
