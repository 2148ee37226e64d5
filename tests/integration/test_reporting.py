"""The reporting service against real Kafka on SQLite and PostgreSQL: events in, § 48a figures out."""

from __future__ import annotations

from uuid import uuid4

import pytest
from aiokafka import AIOKafkaProducer

from contracts import topics
from contracts.envelope import to_record
from services.platform.auth.staff import Role
from services.reporting.tables import ContactMonthRow
from tests.integration.reporting_district import AUGUST, SmallDistrict, applied, couples, publish
from tests.support.kafka_reading import read_until
from tests.support.running_service import running_service


@pytest.fixture
async def reporting(kafka_server, database_url, tokens):
    async with running_service("reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def management(tokens) -> dict[str, str]:
    return tokens.headers(Role.OPERATOR, offices=("*",), staff_id="management-1")


def figures(reply: dict, group: int = 0) -> dict[str, dict]:
    return {f["key"]: f for f in reply["groups"][group]["figures"]}


async def loaded(reporting, kafka_server) -> SmallDistrict:
    district = SmallDistrict()
    sent = district.events()
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    return district


async def test_the_small_district_gets_a_hand_checked_integration_rate(reporting, kafka_server, tokens):
    """§ 5 Abs. 1: K2 = integrations in Sep 2025 … Aug 2026 (A in March — two starts, counted once — and C's
    apprenticeship in June; B's minijob is none) = 2, ÷ average ELB stock (4 people × 12 months ÷ 12) = 4: 50.0 %.
    K2E1 (§ 5 Abs. 2 Nr. 1): B's minijob, 1 ÷ 4 = 25.0 %. K2E4 (Nr. 4): C, 1 ÷ 1 single parent = 100.0 %."""
    district = await loaded(reporting, kafka_server)
    response = await reporting.http.get(
        "/indicators", params={"month": AUGUST.isoformat(), "office_id": district.office_id}, headers=management(tokens)
    )
    assert response.status_code == 200, response.text
    shown = figures(response.json())
    k2 = shown["K2"]
    assert (k2["numerator"], k2["denominator"], k2["value"]) == ("2", "4", "50.0")
    assert k2["paragraph"] == "§ 5 Abs. 1 Kennzahlen-Verordnung" and k2["name"] == "Integrationsquote"
    assert (shown["K2E1"]["numerator"], shown["K2E1"]["denominator"], shown["K2E1"]["value"]) == ("1", "4", "25.0")
    assert (shown["K2E4"]["numerator"], shown["K2E4"]["denominator"], shown["K2E4"]["value"]) == ("1", "1", "100.0")


async def test_the_figures_by_sex_show_a_sex_of_four_and_suppress_the_sexes_of_two(reporting, kafka_server, tokens):
    """§ 3 S. 3 "geschlechtsspezifisch", two small districts in one office: K2 of women = 4 integrated ÷ 4 =
    100.0 %; men (B twice) and diverse (D twice) count 2 each, shown as suppressed without numbers (the BA's
    rule, domain.suppression); no one `not_stated`, so 0 ÷ 0 is shown, having no value."""
    first = SmallDistrict()
    second = SmallDistrict(office_id=first.office_id)
    sent = [*first.events(), *second.events()]
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    response = await reporting.http.get(
        "/indicators",
        params={"month": AUGUST.isoformat(), "office_id": first.office_id, "breakdown": "sex"},
        headers=management(tokens),
    )
    assert response.status_code == 200, response.text
    groups = {g["value"]: {f["key"]: f for f in g["figures"]} for g in response.json()["groups"]}
    assert list(groups) == ["female", "male", "diverse", "not_stated"]
    k2 = {sex: (f["K2"]["numerator"], f["K2"]["denominator"], f["K2"]["suppressed"]) for sex, f in groups.items()}
    assert k2 == {
        "female": ("4", "4", False),
        "male": (None, None, True),
        "diverse": (None, None, True),
        "not_stated": ("0", "0", False),
    }
    assert groups["female"]["K2"]["value"] == "100.0" and groups["male"]["K2"]["value"] is None
    assert groups["male"]["K2"]["name"] == "Integrationsquote"  # what it is stays known


async def test_k1_by_sex_sums_each_member_s_need_share_for_their_sex(reporting, kafka_server, tokens):
    """§ 3 S. 3 with § 4 Abs. 1 Kennzahlen-Verordnung, the members' shares by § 9 Abs. 2 S. 3 SGB II (`couples`):
    K1 of women = 3 × 450 ÷ 3 × 600 = 1,350 ÷ 1,800 = 75.0 %, of men 3 × 360 ÷ 3 × 400 = 1,080 ÷ 1,200 = 90.0 %;
    K1E1 (§ 4 Abs. 2 Nr. 1) of women 750 ÷ 750 = 100.0 %. The office's K1 is its households': 2,430 ÷ 3,000."""
    office_id = f"t{uuid4().hex[:10]}"
    sent = couples(office_id)
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    month = {"month": AUGUST.isoformat(), "office_id": office_id}
    by_sex = await reporting.http.get("/indicators", params=month | {"breakdown": "sex"}, headers=management(tokens))
    assert by_sex.status_code == 200, by_sex.text
    groups = {g["value"]: {f["key"]: f for f in g["figures"]} for g in by_sex.json()["groups"]}

    def parts(sex: str, key: str) -> tuple[str, str, str]:
        return groups[sex][key]["numerator"], groups[sex][key]["denominator"], groups[sex][key]["value"]

    assert parts("female", "K1") == ("1350", "1800", "75.0")
    assert parts("male", "K1") == ("1080", "1200", "90.0")
    assert parts("female", "K1E1") == ("750", "750", "100.0")
    whole = figures((await reporting.http.get("/indicators", params=month, headers=management(tokens))).json())
    assert (whole["K1"]["numerator"], whole["K1"]["denominator"]) == ("2430", "3000")


async def test_the_figures_of_an_office_without_a_breakdown_are_never_suppressed(reporting, kafka_server, tokens):
    """An office is a unit the Verordnung reports (§ 3): its K2E4 of 1 ÷ 1 single parent is shown."""
    district = await loaded(reporting, kafka_server)
    response = await reporting.http.get(
        "/indicators", params={"month": AUGUST.isoformat(), "office_id": district.office_id}, headers=management(tokens)
    )
    k2e4 = figures(response.json())["K2E4"]
    assert (k2e4["numerator"], k2e4["denominator"], k2e4["suppressed"]) == ("1", "1", False)


async def test_a_redelivered_contact_is_counted_once(reporting, kafka_server):
    district = await loaded(reporting, kafka_server)
    async with reporting.runtime.uow.transaction() as tx:
        row = await tx.session.get(ContactMonthRow, (district.d, AUGUST))
    assert row is not None and row.contacts == 1


async def test_a_bad_event_is_dead_lettered_with_its_reason_and_the_next_one_is_applied(reporting, kafka_server):
    district = SmallDistrict()
    good = district.people()[:1]
    record = to_record(good[0])
    bad = record.value.replace(b'"sex":"female"', b'"sex":"w"').replace(b'"sex": "female"', b'"sex": "w"')
    assert bad != record.value
    producer = AIOKafkaProducer(bootstrap_servers=kafka_server.bootstrap_servers)
    await producer.start()
    try:
        await producer.send_and_wait(topics.CLIENTS.name, bad, key=record.key, headers=record.headers)
    finally:
        await producer.stop()
    await publish(kafka_server.bootstrap_servers, good)
    await applied(reporting, good)

    def ours(records):
        return [r for r in records if r.value == bad and dict(r.headers).get("dlq_consumer") == b"reporting"]

    (dead,) = ours(await read_until(kafka_server.bootstrap_servers, topics.CLIENTS.dead_letter, lambda rs: ours(rs)))
    reason = dict(dead.headers)["dlq_reason"].decode()
    assert "sex" in reason and dict(dead.headers)["dlq_original_topic"] == topics.CLIENTS.name.encode()


async def test_a_ploen_team_lead_gets_no_lutjenburg_figures(reporting, tokens):
    lead = tokens.headers(Role.CASE_MANAGER, Role.OPERATOR, offices=("plon",), staff_id="plon-lead")
    response = await reporting.http.get(
        "/indicators", params={"month": AUGUST.isoformat(), "office_id": "lutjenburg"}, headers=lead
    )
    assert response.status_code == 403
    assert "lutjenburg" in response.text  # the office they asked for; nothing of its figures


async def test_a_team_lead_without_an_office_sees_only_their_own(reporting, kafka_server, tokens):
    """Two districts in two offices: the lead of the first counts its four people, not the second's."""
    first, second = await loaded(reporting, kafka_server), await loaded(reporting, kafka_server)
    lead = tokens.headers(Role.OPERATOR, offices=(first.office_id,), staff_id="lead-1")
    response = await reporting.http.get("/indicators", params={"month": AUGUST.isoformat()}, headers=lead)
    assert response.status_code == 200, response.text
    assert figures(response.json())["K2"]["denominator"] == "4"
    everything = await reporting.http.get(
        "/indicators", params={"month": AUGUST.isoformat()}, headers=management(tokens)
    )
    assert int(figures(everything.json())["K2"]["denominator"]) >= 8  # the second district's four too
    theirs = await reporting.http.get(
        "/indicators", params={"month": AUGUST.isoformat(), "office_id": second.office_id}, headers=lead
    )
    assert theirs.status_code == 403


async def test_a_case_manager_alone_may_not_read_indicators(reporting, tokens):
    response = await reporting.http.get(
        "/indicators",
        params={"month": AUGUST.isoformat()},
        headers=tokens.headers(Role.CASE_MANAGER, offices=("plon",)),
    )
    assert response.status_code == 403


@pytest.mark.parametrize(
    ("params", "field"),
    [
        ({"month": "2026-08-15"}, "month"),
        ({"month": "August"}, "month"),
        ({"month": "2026-08-01", "breakdown": "age"}, "breakdown"),
        ({"month": "2026-08-01", "office_id": "Plön"}, "office_id"),
        ({}, "month"),
    ],
)
async def test_bad_parameters_get_422_naming_the_field(reporting, tokens, params, field):
    response = await reporting.http.get("/indicators", params=params, headers=management(tokens))
    assert response.status_code == 422
    assert field in response.text
