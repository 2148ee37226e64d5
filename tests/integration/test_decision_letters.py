"""Decision letters as PDF over HTTP: a grant, a change after an employment start and an end, each read back.

The figures are read from the PDF's text (pypdf) and compared with the stored decision; every page is also
rendered to PNG (`pdftoppm -png -r 80`) into `.local/test-output/letters/` for a person to look at.
"""

from __future__ import annotations

import io
import os
import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from pypdf import PdfReader

from services.platform.auth.staff import Role
from tests.integration.test_benefits import announce, clerk, envelope, registered_household, single_parent
from tests.integration.test_benefits_consumers import hire
from tests.integration.test_benefits_special_categories import audit_trail
from tests.support.kafka_reading import eventually
from tests.support.running_service import running_service

OUTPUT = Path(os.environ.get("LOTSE_TEST_OUTPUT", ".local/test-output")) / "letters"
EURO = re.compile(r"(−?)(\d{1,3}(?:\.\d{3})*),(\d{2})\s*€")
RECIPIENT = {"name": "Marie Luise Kraska", "street": "Am Markt 7", "postcode": "24321", "town": "Lütjenburg"}
LETTER = "GET /decisions/{decision_id}/letter"


@pytest.fixture
async def benefits(kafka_server, database_url, tokens):
    async with running_service("benefits", database_url, kafka_server.bootstrap_servers, tokens.public_key) as service:
        yield service


def amounts(text: str) -> list[Decimal]:
    """Every euro amount printed, as the letter writes them (1.428,68 €; −100,00 € for a deduction)."""
    return [Decimal(f"{sign and '-'}{whole.replace('.', '')}.{cents}") for sign, whole, cents in EURO.findall(text)]


def pages(pdf: bytes) -> list[str]:
    return [page.extract_text().replace("\xa0", " ") for page in PdfReader(io.BytesIO(pdf)).pages]


def look_at(pdf: bytes, name: str) -> None:
    """Pages as PNG for a person's eyes; the file's name says which letter it is."""
    OUTPUT.mkdir(parents=True, exist_ok=True)
    (OUTPUT / f"{name}.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "80", str(OUTPUT / f"{name}.pdf"), str(OUTPUT / name)], check=True)


async def letter_of(benefits, tokens, decision_id: str, name: str) -> tuple[dict[str, Any], list[str]]:
    """The stored decision (as its API shows it) and the text of its letter's pages."""
    response = await benefits.http.get(f"/decisions/{decision_id}/letter", headers=clerk(tokens))
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/pdf" and response.content.startswith(b"%PDF-")
    look_at(response.content, name)
    decision = (await benefits.http.get(f"/decisions/{decision_id}", headers=clerk(tokens))).json()
    return decision, pages(response.content)


def assert_the_sheet_shows_every_line(decision: dict[str, Any], text: list[str]) -> None:
    """The calculation sheet (from the page that starts it) prints each explanation line's amount and paragraph,
    each person's monthly amount and the household's; nothing else."""
    start = next(i for i, page in enumerate(text) if "Anlage: Berechnungsbogen" in page.splitlines()[0])
    sheet = "\n".join(text[start:])
    result = decision["result"]
    lines = [Decimal(line["amount"]) for line in result["explanation"]]
    per_person = [Decimal(p["entitlement"]) + Decimal(p["child_supplement"]) for p in result["persons"]]
    assert Counter(amounts(sheet)) == Counter([*lines, *per_person, Decimal(decision["monthly_amount"])])
    flat = " ".join(sheet.split())
    assert all(" ".join(line["paragraph"].split()) in flat for line in result["explanation"])


def assert_the_months_show_each_persons_amount(decision: dict[str, Any], first_page: str) -> None:
    period = decision["approval_period"]
    months = (int(period["end"][:4]) - int(decision["effective_month"][:4])) * 12
    months += int(period["end"][5:7]) - int(decision["effective_month"][5:7]) + 1
    persons = [Decimal(p["entitlement"]) + Decimal(p["child_supplement"]) for p in decision["result"]["persons"]]
    rows = [
        line
        for line in first_page.splitlines()
        if re.match(
            r"^(Januar|Februar|März|April|Mai|Juni|Juli|"
            r"August|September|Oktober|November|Dezember) \d{4}",
            line,
        )
    ]
    assert len(rows) == months
    assert all(amounts(row) == [*persons, Decimal(decision["monthly_amount"])] for row in rows)


async def with_recipient(benefits, tokens, household_id: UUID) -> None:
    response = await benefits.http.put(f"/households/{household_id}/recipient", json=RECIPIENT, headers=clerk(tokens))
    assert response.status_code == 200, response.text


async def decisions_of(benefits, tokens, household_id: UUID, count: int) -> list[dict[str, Any]]:
    async def listed() -> list[dict[str, Any]] | None:
        found = (await benefits.http.get(f"/households/{household_id}/decisions", headers=clerk(tokens))).json()
        return found if len(found) >= count else None

    await eventually(listed)
    return await listed() or []


async def test_a_grant_letter_shows_the_stored_figures_per_person_and_month_and_the_legal_remedy(
    benefits, kafka_server, tokens
):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens, "lutjenburg")
    put = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    decision_id = put.json()["decision"]["decision_id"]
    await with_recipient(benefits, tokens, household_id)

    decision, text = await letter_of(benefits, tokens, decision_id, "grant")
    first = text[0]
    assert "Bewilligungsbescheid" in first and "Jobcenter Kreis Plön" in first and "Geschäftsstelle Lütjenburg" in first
    assert all(part in first for part in ("Marie Luise Kraska", "Am Markt 7", "24321 Lütjenburg"))
    assert "für die Zeit vom 01.08.2026 bis 31.07.2027" in " ".join(first.split())
    assert Decimal(decision["monthly_amount"]) == Decimal("1428.68") and "1.428,68 €" in first
    assert_the_months_show_each_persons_amount(decision, first)
    assert_the_sheet_shows_every_line(decision, text)
    everything = " ".join(" ".join(text).split())
    assert "Widerspruch erhoben werden" in everything and "innerhalb eines Monats" in everything
    assert "Jobcenter Kreis Plön, Hamburger Straße 17, 24306 Plön" in everything  # objections go to the main office
    assert "aufschiebende Wirkung" not in everything  # § 39 only where benefits are taken away

    trail = await audit_trail(benefits, tokens, client_id)
    assert {(field, purpose) for _, action, field, purpose in trail if action == "read" and purpose == LETTER} == {
        ("decisions.sealed_computation", LETTER),
        ("letter_recipients.sealed_recipient", LETTER),
    }


async def test_a_change_letter_after_an_employment_start_shows_the_new_and_the_old_amount(
    benefits, kafka_server, tokens
):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens, "lutjenburg")
    await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    await with_recipient(benefits, tokens, household_id)
    await announce(bootstrap, envelope(hire(client_id, "1200.00", "950.00")))
    _, change = await decisions_of(benefits, tokens, household_id, 2)

    decision, text = await letter_of(benefits, tokens, change["decision_id"], "change")
    first = " ".join(text[0].split())
    assert "Änderungsbescheid" in first and decision["kind"] == "change"
    assert "der Bescheid vom 01.08.2026 wird mit Wirkung ab 01.09.2026 geändert" in first  # the grant's date
    assert "monatlich 826,68 € (bisher 1.428,68 €)" in first
    assert_the_months_show_each_persons_amount(decision, text[0])
    assert_the_sheet_shows_every_line(decision, text)
    everything = " ".join(" ".join(text).split())
    assert "Sie haben eine Erwerbstätigkeit aufgenommen" in everything and "§ 48 Abs. 1 SGB X" in everything
    assert "keine aufschiebende Wirkung (§ 39 Nr. 1 SGB II)" in everything
    assert any(line["kind"] == "earned_income_allowance" for line in decision["result"]["explanation"])


async def test_an_end_letter_says_income_covers_the_need_and_shows_no_months(benefits, kafka_server, tokens):
    bootstrap = kafka_server.bootstrap_servers
    household_id, client_id = await registered_household(benefits, bootstrap, tokens, "lutjenburg")
    await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    await with_recipient(benefits, tokens, household_id)
    await announce(bootstrap, envelope(hire(client_id, "3600.00", "2500.00")))
    _, ended = await decisions_of(benefits, tokens, household_id, 2)

    decision, text = await letter_of(benefits, tokens, ended["decision_id"], "end")
    first = " ".join(text[0].split())
    assert "Aufhebungsbescheid" in first and decision["kind"] == "end" and decision["monthly_amount"] == "0.00"
    assert "wird mit Wirkung ab 01.09.2026 aufgehoben" in first
    assert "keine Leistungen mehr (bisher monatlich 1.428,68 €)" in first
    assert "Monatliche Leistungen je Person" not in first
    everything = " ".join(" ".join(text).split())
    assert "Sie sind nicht mehr hilfebedürftig" in everything
    assert_the_sheet_shows_every_line(decision, text)


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_a_letter_needs_a_recipient_a_known_decision_and_a_clerk_of_its_office(benefits, kafka_server, tokens):
    household_id, client_id = await registered_household(benefits, kafka_server.bootstrap_servers, tokens, "plon")
    put = await benefits.http.put(f"/households/{household_id}", json=single_parent(client_id), headers=clerk(tokens))
    letter = f"/decisions/{put.json()['decision']['decision_id']}/letter"

    missing = await benefits.http.get(letter, headers=clerk(tokens))
    assert missing.status_code == 409 and f"/households/{household_id}/recipient" in missing.json()["detail"]
    recipient = f"/households/{household_id}/recipient"
    assert (await benefits.http.get(recipient, headers=clerk(tokens))).status_code == 404
    await with_recipient(benefits, tokens, household_id)
    assert (await benefits.http.get(recipient, headers=clerk(tokens))).json() == RECIPIENT | {"care_of": None}
    assert (await benefits.http.get(recipient, headers=clerk(tokens, offices=("celle",)))).status_code == 403
    assert (await benefits.http.get(letter, headers=clerk(tokens, offices=("celle",)))).status_code == 403
    assert (await benefits.http.get(letter, headers=tokens.headers(Role.CASE_MANAGER))).status_code == 403
    assert (await benefits.http.get(f"/decisions/{uuid4()}/letter", headers=clerk(tokens))).status_code == 404
    bad = await benefits.http.put(
        f"/households/{household_id}/recipient", json=RECIPIENT | {"postcode": "2432"}, headers=clerk(tokens)
    )
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "postcode"
    unknown = await benefits.http.put(f"/households/{uuid4()}/recipient", json=RECIPIENT, headers=clerk(tokens))
    assert unknown.status_code == 404


@pytest.mark.parametrize("database_backend", ["sqlite"], indirect=True)
async def test_the_openapi_document_declares_the_letter_as_a_pdf(benefits):
    document = (await benefits.http.get("/openapi.json")).json()
    answers = document["paths"]["/decisions/{decision_id}/letter"]["get"]["responses"]
    assert answers["200"]["content"] == {"application/pdf": {"schema": {"type": "string", "format": "binary"}}}
    assert {"403", "404", "409"} <= answers.keys()
