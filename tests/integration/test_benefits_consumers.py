"""Placement's employment facts on Kafka change entitlements within seconds, once per event."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from uuid import UUID, uuid4

import pytest

from contracts.events import CaseAssignedV1, EmploymentConfirmedV1, EmploymentEndedV1, EmploymentStartedV1
from services.benefits.tables import DecisionRow, EarnedIncomeRow
from tests.integration.test_benefits import (
    announce,
    clerk,
    entitlement_events,
    envelope,
    registered_household,
    single_parent,
    stored,
)
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def hire(client_id: UUID, gross: str, net: str, start: date = date(2026, 9, 1)) -> EmploymentStartedV1:
    return EmploymentStartedV1(
        client_id=client_id,
        employment_id=uuid4(),
        employer_id=uuid4(),
        start_date=start,
        weekly_hours=Decimal("30"),
        gross_monthly_pay=Decimal(gross),
        net_monthly_pay=Decimal(net),
        first_pay_date=start.replace(day=30),
        subject_to_social_insurance=True,
    )


async def income_recorded(benefits, employment_id: UUID) -> bool:
    async with benefits.runtime.uow.transaction() as tx:
        return await tx.session.get(EarnedIncomeRow, employment_id) is not None


async def granted_household(benefits, bootstrap: str, tokens) -> tuple[UUID, UUID]:
    household_id, client_id = await registered_household(benefits, bootstrap, tokens)
    response = await benefits.http.put(
        f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens)
    )
    assert response.json()["decision"]["kind"] == "grant"
    return household_id, client_id


async def test_an_employment_start_changes_the_entitlement_and_a_redelivery_changes_nothing(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await granted_household(benefits, bootstrap, tokens)
    await announce(
        bootstrap,
        envelope(
            CaseAssignedV1(
                client_id=client_id,
                case_worker_id="cm-1",
                office_id="plon",
                program_id="joboffensive",
                assigned_at=datetime.now(UTC),
            )
        ),
    )
    started = envelope(hire(client_id, "1200.00", "950.00"))
    # The start twice, then a hire in a household never entered: once that is recorded, so were the two.
    other_household, other_client = await registered_household(benefits, bootstrap, tokens)
    marker = hire(other_client, "900.00", "700.00")
    await announce(bootstrap, started, started, envelope(marker), partition=3)

    _, changed = await entitlement_events(bootstrap, household_id, 2)
    assert changed.type == "de.lotse.benefits.entitlement_changed.v1"
    assert (changed.data.employment_id, changed.data.client_ids) == (started.data.employment_id, [client_id])
    assert (
        changed.data.effective_month,
        changed.data.previous_monthly_entitlement,
        changed.data.monthly_entitlement,
    ) == (date(2026, 9, 1), Decimal("1428.68"), Decimal("826.68"))
    await eventually(lambda: income_recorded(benefits, marker.employment_id))
    assert [d.kind for d in await stored(benefits, DecisionRow, household_id)] == ["grant", "change"]

    untouched = (await benefits.http.get(f"/households/{other_household}", headers=clerk(tokens))).json()
    assert untouched["current_entitlement"] is None and "never entered" in untouched["notes"][0]
    assert [i["employment_id"] for i in untouched["earned_incomes"]] == [str(marker.employment_id)]

    async def saved_by_programme() -> dict | None:
        report = (
            await benefits.http.get(
                "/savings",
                params={"group_by": "program", "from": "2026-09-01", "to": "2026-12-01"},
                headers=clerk(tokens),
            )
        ).json()
        return next((g for g in report["groups"] if g["key"] == "joboffensive"), None)

    await eventually(saved_by_programme)
    group = await saved_by_programme()
    assert group is not None
    assert (group["employment_starts"], group["monthly_saving"], group["accumulated_saving"]) == (
        1,
        "602.00",
        "2408.00",
    )


async def test_income_that_covers_the_need_ends_the_entitlement(benefits, kafka_server, tokens):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await granted_household(benefits, bootstrap, tokens)
    started = hire(client_id, "3600.00", "2500.00")
    await announce(bootstrap, envelope(started))
    _, ended = await entitlement_events(bootstrap, household_id, 2)
    assert ended.type == "de.lotse.benefits.entitlement_ended.v1"
    assert (ended.data.income_covers_need, ended.data.employment_id) == (True, started.employment_id)
    view = (await benefits.http.get(f"/households/{household_id}", headers=clerk(tokens))).json()
    assert (view["current_entitlement"]["kind"], view["current_entitlement"]["active"]) == ("end", False)


async def test_confirmed_pay_that_differs_and_the_end_of_the_job_each_change_the_amount(benefits, kafka_server, tokens):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await granted_household(benefits, bootstrap, tokens)
    started = hire(client_id, "1200.00", "950.00")
    confirmed = EmploymentConfirmedV1(
        client_id=client_id,
        employment_id=started.employment_id,
        month=date(2026, 10, 1),
        gross_pay=Decimal("1100.00"),
        net_pay=Decimal("880.00"),
    )
    same_again = confirmed.model_copy(update={"month": date(2026, 11, 1)})
    finished = EmploymentEndedV1(
        client_id=client_id, employment_id=started.employment_id, end_date=date(2026, 11, 30), reason="fixed term"
    )
    await announce(bootstrap, *(envelope(e) for e in (started, confirmed, same_again, finished)))

    events = await entitlement_events(bootstrap, household_id, 4)
    amounts = [(e.data.effective_month, e.data.monthly_entitlement) for e in events[1:]]
    assert amounts == [
        (date(2026, 9, 1), Decimal("826.68")),
        (date(2026, 10, 1), Decimal("886.68")),
        (date(2026, 12, 1), Decimal("1428.68")),
    ]
    decisions = sorted(await stored(benefits, DecisionRow, household_id), key=lambda d: d.sequence)
    assert [d.cause for d in decisions] == [
        "household_change",
        "employment_started",
        "employment_confirmed",
        "employment_ended",
    ]
    assert decisions[2].settlement["recovery_waived"] is False and decisions[2].settlement["back_payment"] == "120.00"
