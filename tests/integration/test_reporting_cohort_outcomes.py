"""Programme success from cohort outcomes (seed 004: Sinn's 90 %): coaching's cohort events on real Kafka into the
reporting read model, applied once each, out through `GET /yardsticks` — and the same rows from a rebuild's batch
(services/reporting/domain/cohort_outcomes.py has the rule)."""

from __future__ import annotations

from datetime import UTC, date, datetime
from uuid import uuid4

import pytest

from contracts.events import CohortClosedV1, CohortJoinedV1, CohortOpenedV1, CohortOutcomeRecordedV1, Event
from contracts.topics import CASES
from services.platform.auth.staff import Role
from services.reporting.rebuild import Rebuilt, apply_envelopes, drop_read_model
from tests.integration.reporting_district import applied, envelope, publish
from tests.support.running_service import running_service

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
OUTCOMES = [("in_work", date(2026, 7, 1)), ("in_work", date(2026, 9, 14)), ("in_training", date(2026, 8, 3))]
OUTCOMES += [("in_work", date(2026, 10, 1)), ("in_work", date(2026, 11, 2))]
OUTCOMES += [("dropped_out", date(2026, 5, 4)), ("continuing", date(2026, 10, 30))]


@pytest.fixture
async def reporting(kafka_server, database_url, tokens):
    async with running_service("reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def gemeinsam_in_plon() -> list[Event]:
    """A Gemeinsam cohort of eight (2 Mar – 2 Nov 2026): four in work (one on the last day), one in training, one
    dropped out, one continuing at the close, one without an outcome."""
    cohort_id = uuid4()
    events: list[Event] = [
        CohortOpenedV1(
            cohort_id=cohort_id, program_id="gemeinsam", office_id="plon", starts_on=date(2026, 3, 2),
            ends_on=date(2026, 11, 2), capacity=20, opened_at=AT,
        )
    ]  # fmt: skip
    for outcome, on in [*OUTCOMES, (None, None)]:
        client_id, participation_id = uuid4(), uuid4()
        member = {"cohort_id": cohort_id, "client_id": client_id, "participation_id": participation_id}
        events.append(CohortJoinedV1(**member, office_id="plon", joined_on=date(2026, 3, 2)))
        if outcome is not None:
            events.append(
                CohortOutcomeRecordedV1(**member, office_id="plon", outcome=outcome, outcome_on=on, recorded_at=AT)
            )
    events.append(
        CohortClosedV1(
            cohort_id=cohort_id, program_id="gemeinsam", office_id="plon", closed_on=date(2026, 11, 2), members=8,
            outcomes_missing=1, closed_at=datetime(2026, 11, 3, tzinfo=UTC),
        )
    )  # fmt: skip
    return events


async def cohort_success(reporting, tokens, month: date) -> dict[str, object]:
    lead = tokens.headers(Role.TEAM_LEAD, offices=("plon",), staff_id="plon-lead-01")
    reply = await reporting.http.get(
        "/yardsticks", params={"month": month.isoformat(), "office_id": "plon"}, headers=lead
    )
    assert reply.status_code == 200, reply.text
    found: dict[str, object] = next(p for p in reply.json()["programmes"] if p["programme_id"] == "gemeinsam")[
        "cohort_success"
    ]
    return found


async def test_a_gemeinsam_cohort_with_four_in_work_and_one_in_training_of_eight_succeeds_at_62_5_percent(
    reporting, kafka_server, tokens
):
    sent = [envelope(e) for e in gemeinsam_in_plon()]
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    await publish(kafka_server.bootstrap_servers, sent[:3])  # redelivered: applied once (the inbox)
    await applied(reporting, sent[:3])

    running = await cohort_success(reporting, tokens, date(2026, 10, 1))  # not ended yet: nothing counted
    assert (running["numerator"], running["denominator"], running["value"]) == ("0", "0", None)
    ended = await cohort_success(reporting, tokens, date(2026, 11, 1))
    assert (ended["numerator"], ended["denominator"], ended["value"], ended["target"]) == ("5", "8", "62.5", "90")
    a_year_on = await cohort_success(reporting, tokens, date(2027, 11, 1))  # out of the twelve months
    assert a_year_on["denominator"] == "0"


async def test_a_rebuild_batch_leaves_the_same_cohort_figure_as_the_live_consumer(reporting, kafka_server, tokens):
    sent = [envelope(e) for e in gemeinsam_in_plon()]
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    live = await cohort_success(reporting, tokens, date(2026, 11, 1))

    uow = reporting.runtime.uow
    await drop_read_model(uow)
    assert (await cohort_success(reporting, tokens, date(2026, 11, 1)))["denominator"] == "0"
    done = Rebuilt()
    await apply_envelopes(uow, CASES, list(reversed(sent)), done)  # partitions' order differs from the live one
    assert done.applied == len(sent)
    assert await cohort_success(reporting, tokens, date(2026, 11, 1)) == live
