"""The reporting service's charts, monthly report and yardsticks against real Kafka: events in, SVG/PDF out."""

from __future__ import annotations

import io

import httpx
import pytest
from pypdf import PdfReader

from services.platform.auth.staff import Role
from tests.integration.reporting_district import AUGUST, SmallDistrict, applied, publish
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

TYPESET_S = 120.0  # an office's report typeset on the shared, loaded machine (measured up to ~35 s)


@pytest.fixture
async def reporting(kafka_server, database_url, tokens):
    async with running_service("reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


async def read(reporting, path: str, params: dict[str, str], headers: dict[str, str]) -> httpx.Response:
    """`path`'s answer; the monthly report once typeset: until then reporting answers 202 with Retry-After."""
    answers: list[httpx.Response] = []

    async def answered() -> bool:
        response = await reporting.http.get(path, params=params, headers=headers)
        if response.status_code == 202:
            assert path == "/reports/monthly" and int(response.headers["Retry-After"]) > 0, response.text
        answers.append(response)
        return response.status_code != 202

    await eventually(answered, timeout=TYPESET_S, interval=0.25)
    return answers[-1]


def management(tokens) -> dict[str, str]:
    return tokens.headers(Role.OPERATOR, offices=("*",), staff_id="management-1")


async def loaded(reporting, kafka_server) -> SmallDistrict:
    district = SmallDistrict()
    sent = district.events()
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    return district


async def test_the_k2_trend_chart_carries_the_months_numerator_and_denominator(reporting, kafka_server, tokens):
    """K2 of August 2026 is 2 integrations ÷ 4 (§ 5 Abs. 1; hand-checked in test_reporting); the chart's
    description says so in words a screen reader reads, and starts twelve months earlier, in September 2025."""
    district = await loaded(reporting, kafka_server)
    response = await reporting.http.get(
        "/indicators/K2/trend.svg",
        params={"month": AUGUST.isoformat(), "office_id": district.office_id},
        headers=management(tokens),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("image/svg+xml")
    svg = response.text
    assert "<title" in svg and "Integrationsquote" in svg
    assert "August 2026: 50,0\u00a0% (Zähler 2, Nenner 4)" in svg or "August 2026: 50,0 % (Zähler 2, Nenner 4)" in svg
    assert "September 2025" in svg and "August 2025:" not in svg


async def test_the_by_office_chart_shows_large_offices_and_stars_a_small_one(reporting, kafka_server, tokens):
    """Two offices of 8 people (two small districts each: K2 4 ÷ 8 = 50,0 %) and one of 4 (K2 2 ÷ 4): the
    small office's integrations are 2, so its bar is "*"; if it is the only one, the secondary rule hides one
    large office too, so the Jobcenter's total minus the others cannot give it away."""
    large = []
    for _ in range(2):
        one = SmallDistrict()
        large.append(one.office_id)
        sent = [*one.events(), *SmallDistrict(office_id=one.office_id).events()]
        await publish(kafka_server.bootstrap_servers, sent)
        await applied(reporting, sent)
    small = await loaded(reporting, kafka_server)
    response = await reporting.http.get(
        "/indicators/K2/by-office.svg", params={"month": AUGUST.isoformat()}, headers=management(tokens)
    )
    assert response.status_code == 200, response.text
    assert f"{small.office_id}: * (geheim" in response.text
    assert any(f"{office}: 50,0" in response.text for office in large)
    assert f"{small.office_id}: 50,0" not in response.text


async def test_the_monthly_report_pdf_holds_the_months_k2(reporting, kafka_server, tokens):
    district = await loaded(reporting, kafka_server)
    response = await read(
        reporting,
        "/reports/monthly",
        params={"month": AUGUST.isoformat(), "office_id": district.office_id},
        headers=management(tokens),
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf"
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(response.content)).pages)
    assert "Integrationsquote" in text and "August 2026" in text
    assert "50,0" in text


async def test_the_monthly_report_comes_as_html_when_asked_for(reporting, kafka_server, tokens):
    district = await loaded(reporting, kafka_server)
    response = await read(
        reporting,
        "/reports/monthly",
        params={"month": AUGUST.isoformat(), "office_id": district.office_id},
        headers={**management(tokens), "Accept": "text/html"},
    )
    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/html")
    assert '<html lang="de"' in response.text and "50,0" in response.text


async def test_the_yardsticks_list_each_programme_with_its_success_goal(reporting, kafka_server, tokens):
    district = await loaded(reporting, kafka_server)
    response = await reporting.http.get(
        "/yardsticks", params={"month": AUGUST.isoformat(), "office_id": district.office_id}, headers=management(tokens)
    )
    assert response.status_code == 200, response.text
    programmes = response.json()["programmes"]
    assert programmes and all(p["success"]["target"] == "90" for p in programmes)
    assert all({"numerator", "denominator"} <= set(p["success"]) for p in programmes)


@pytest.mark.parametrize(
    "path", ["/indicators/K2/trend.svg", "/indicators/K2/by-office.svg", "/reports/monthly", "/yardsticks"]
)
async def test_a_case_manager_alone_may_not_see_charts_or_reports(reporting, tokens, path):
    headers = tokens.headers(Role.CASE_MANAGER, offices=("plon",))
    response = await reporting.http.get(path, params={"month": AUGUST.isoformat()}, headers=headers)
    assert response.status_code == 403


@pytest.mark.parametrize("path", ["/indicators/K2/trend.svg", "/reports/monthly", "/yardsticks"])
async def test_a_ploen_team_lead_gets_no_lutjenburg_chart_or_report(reporting, tokens, path):
    lead = tokens.headers(Role.CASE_MANAGER, Role.OPERATOR, offices=("plon",), staff_id="plon-lead")
    response = await reporting.http.get(
        path, params={"month": AUGUST.isoformat(), "office_id": "lutjenburg"}, headers=lead
    )
    assert response.status_code == 403
    assert "lutjenburg" in response.text


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/indicators/K9/trend.svg", {"month": "2026-08-01"}, "key"),
        ("/indicators/K2/trend.svg", {"month": "2026-08-15"}, "month"),
        ("/indicators/K2/by-office.svg", {}, "month"),
        ("/reports/monthly", {"month": "2026-08-01", "office_id": "Plön"}, "office_id"),
        ("/yardsticks", {"month": "August"}, "month"),
    ],
)
async def test_bad_chart_and_report_parameters_get_422_naming_the_field(reporting, tokens, path, params, field):
    response = await reporting.http.get(path, params=params, headers=management(tokens))
    assert response.status_code == 422
    assert field in response.text


async def test_the_charts_and_the_report_are_in_the_openapi_document(reporting):
    paths = (await reporting.http.get("/openapi.json")).json()["paths"]
    assert "image/svg+xml" in str(paths["/indicators/{key}/trend.svg"]["get"]["responses"]["200"])
    assert "/indicators/{key}/by-office.svg" in paths and "/yardsticks" in paths
    assert "application/pdf" in paths["/reports/monthly"]["get"]["responses"]["200"]["content"]


READS = ["/indicators", "/indicators/K2/trend.svg", "/reports/monthly", "/yardsticks"]


@pytest.mark.parametrize("path", READS)
async def test_a_team_lead_reads_their_own_office_and_not_a_foreign_one(reporting, kafka_server, tokens, path):
    own, foreign = await loaded(reporting, kafka_server), await loaded(reporting, kafka_server)
    lead = tokens.headers(Role.TEAM_LEAD, offices=(own.office_id,), staff_id="lead-1")
    mine = await read(reporting, path, {"month": AUGUST.isoformat(), "office_id": own.office_id}, lead)
    assert mine.status_code == 200, mine.text
    theirs = await reporting.http.get(
        path, params={"month": AUGUST.isoformat(), "office_id": foreign.office_id}, headers=lead
    )
    assert theirs.status_code == 403
    assert theirs.headers["content-type"] == "application/problem+json" and foreign.office_id in theirs.text


async def test_a_team_leads_by_office_chart_has_only_their_office(reporting, kafka_server, tokens):
    own, foreign = await loaded(reporting, kafka_server), await loaded(reporting, kafka_server)
    lead = tokens.headers(Role.TEAM_LEAD, offices=(own.office_id,), staff_id="lead-1")
    response = await reporting.http.get(
        "/indicators/K2/by-office.svg", params={"month": AUGUST.isoformat()}, headers=lead
    )
    assert response.status_code == 200, response.text
    assert own.office_id in response.text and foreign.office_id not in response.text


@pytest.mark.parametrize("path", [*READS, "/indicators/K2/by-office.svg"])
async def test_management_reads_every_office(reporting, kafka_server, tokens, path):
    district = await loaded(reporting, kafka_server)
    boss = tokens.headers(Role.MANAGEMENT, offices=("*",), staff_id="jobcenter-management-01")
    office = {} if "by-office" in path else {"office_id": district.office_id}
    response = await read(reporting, path, {"month": AUGUST.isoformat(), **office}, boss)
    assert response.status_code == 200, response.text


@pytest.mark.parametrize(
    "role",
    [r for r in Role if r not in (Role.TEAM_LEAD, Role.MANAGEMENT, Role.OPERATOR)],
)
async def test_every_other_role_gets_a_403_problem_from_reporting(reporting, tokens, role):
    for path in READS:
        response = await reporting.http.get(path, params={"month": AUGUST.isoformat()}, headers=tokens.headers(role))
        assert response.status_code == 403, (path, role)
        assert response.headers["content-type"] == "application/problem+json"


async def test_the_report_counts_the_case_managers_of_each_programme(reporting, kafka_server, tokens):
    """The district's one joboffensive case (A) is cm-1's, and a second district in the office gives cm-1 one
    more and cm-2 one: 2 case managers for Joboffensive, none for the others (no case of theirs)."""
    district = SmallDistrict()
    second = SmallDistrict(office_id=district.office_id)
    sent = [*district.events(), *second.events()]
    sent.append(second.assignment(second.b, "cm-2", "joboffensive"))
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(reporting, sent)
    response = await read(
        reporting,
        "/reports/monthly",
        params={"month": AUGUST.isoformat(), "office_id": district.office_id},
        headers={**management(tokens), "Accept": "text/html"},
    )
    assert response.status_code == 200, response.text
    caseloads = response.text.split('id="h-caseload"')[1]
    row = caseloads.split('<th scope="row">Joboffensive</th>')[1].split("</tr>")[0]
    assert row.startswith('<td class="num">3</td><td class="num">2</td>'), row  # 3 participants, 2 managers
    standard = caseloads.split('<th scope="row">Standard-Fallmanagement</th>')[1].split("</tr>")[0]
    assert '<td class="num">0</td>' in standard


@pytest.fixture
async def typesetting(kafka_server, database_url, tokens):
    """Reporting that never waits for a report being typeset, and serves a stored one only while unchanged."""
    async with running_service(
        "reporting", database_url, kafka_server.bootstrap_servers, tokens.public_key,
        report_wait_seconds=0, report_fresh_seconds=0, report_prebuild_seconds=0,
    ) as service:  # fmt: skip
        yield service


async def test_a_report_is_typeset_once_and_again_when_its_data_changed(typesetting, kafka_server, tokens):
    district = await loaded(typesetting, kafka_server)
    params = {"month": AUGUST.isoformat(), "office_id": district.office_id}
    headers = {**management(tokens), "Accept": "text/html"}
    first = await typesetting.http.get("/reports/monthly", params=params, headers=headers)
    assert first.status_code == 202 and first.headers["Retry-After"] == "5", first.text
    typeset = await read(typesetting, "/reports/monthly", params, headers)
    assert typeset.status_code == 200 and "50,0" in typeset.text, typeset.text
    again = await typesetting.http.get("/reports/monthly", params=params, headers=headers)
    assert again.status_code == 200 and again.headers["ETag"] == typeset.headers["ETag"]  # served as stored

    second = SmallDistrict(office_id=district.office_id)
    sent = second.events()
    await publish(kafka_server.bootstrap_servers, sent)
    await applied(typesetting, sent)
    stale = await typesetting.http.get("/reports/monthly", params=params, headers=headers)
    assert stale.status_code == 202, stale.text
    retypeset = await read(typesetting, "/reports/monthly", params, headers)
    assert retypeset.status_code == 200 and retypeset.headers["ETag"] != typeset.headers["ETag"]


async def test_the_months_reports_are_typeset_ahead_for_each_office_and_for_all(typesetting, kafka_server, tokens):
    district = await loaded(typesetting, kafka_server)
    builder = typesetting.app.state.report_builder
    assert await builder.prebuild(typesetting.runtime, AUGUST) == 2  # every office's, and the one office's
    assert await builder.prebuild(typesetting.runtime, AUGUST) == 0  # nothing changed since
    month = {"month": AUGUST.isoformat()}
    for params in ({**month, "office_id": district.office_id}, month):
        response = await typesetting.http.get("/reports/monthly", params=params, headers=management(tokens))
        assert response.status_code == 200 and response.content.startswith(b"%PDF"), response.text
