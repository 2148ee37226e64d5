"""The benefits clerk's Leistungen page lists a household's reductions and lifts one: benefits (real, over Kafka
from intake) decides, the page reads its answers and refusals in German (§ 31a Abs. 1 S. 2, § 31b Abs. 2 S. 2)."""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID, uuid4
from zoneinfo import ZoneInfo

from services.platform.auth.staff import Role
from tests.integration.staff_app.conftest import csrf_token, household_page, registered_client, signed_in
from tests.integration.staff_app.test_no_english import english_in

BERLIN = ZoneInfo("Europe/Berlin")


def next_month(day: date) -> date:
    return (day.replace(day=1) + timedelta(days=32)).replace(day=1)


async def determined_breach(
    platform: Any,
    client: dict[str, Any],
    household_id: UUID,
    today: date,
    *,
    inputs: bool = True,
    days_before: int = 10,
    heating: str = "90.00",
) -> dict[str, Any]:
    """A breach of duty determined last month for a clerk of the office, so it reduces from this month (§ 31b Abs. 1
    S. 1: the month after it is made known); the household's inputs are entered from this month. Dated last month,
    it is determined as the hearing workflow does (a clerk's own determination is dated today)."""
    benefits = platform.services["benefits"].http
    clerk = platform.tokens.headers(Role.BENEFITS_CLERK, offices=("lutjenburg",), staff_id="lutjenburg-benefits-01")
    hearing = platform.tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")
    household = {
        "month": today.replace(day=1).isoformat(),
        "members": [{"client_id": str(client["client_id"]), "role": "adult", "birth_date": "1991-04-02"}],
        "housing": {"rent": "450.00", "heating": heating, "appropriate_rent": "475.00"},
    }
    if inputs:
        entered = await benefits.put(f"/households/{household_id}", json=household, headers=clerk)
        assert entered.status_code == 200, entered.text
    determined_on = today.replace(day=1) - timedelta(days=1)
    body = {
        "client_id": str(client["client_id"]),
        "incident": "breach_of_duty",
        "occurred_on": (determined_on - timedelta(days=days_before)).isoformat(),
        "determined_on": determined_on.isoformat(),
        "made_known_on": determined_on.isoformat(),
        "determined_by": "lutjenburg-benefits-01",
    }
    answer = await benefits.post(
        f"/households/{household_id}/reductions", json=body, headers={**hearing, "Idempotency-Key": f"r-{uuid4()}"}
    )
    assert answer.status_code == 201, answer.text
    return dict(answer.json())


async def test_a_clerk_sees_a_running_breach_lifts_it_and_reads_each_refusal_in_german(platform):
    today = datetime.now(BERLIN).date()
    client = await registered_client(platform, given_name="Frauke", family_name="Thormählen")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        await household_page(browser, household_id)
        reduction = await determined_breach(platform, client, household_id, today)
        path = f"/leistungen/{household_id}"
        page = await browser.get(path)
        assert page.status_code == 200, page.text
        shown = page.text
        assert "Leistungsminderungen" in shown and "<dt>Anlass</dt><dd>Pflichtverletzung</dd>" in shown
        assert f"<dd>{date.fromisoformat(reduction['occurred_on']):%d.%m.%Y}</dd>" in shown
        assert "30 % des Regelbedarfs" in shown and "<strong>läuft</strong>" in shown
        assert f"168,90 € im ersten Monat ({today:%m/%Y})" in shown  # 30 % of 563 € (§ 20), from the decision
        assert reduction["paragraph"] in shown and english_in(shown) == []

        client_file = (await browser.get(f"/akte/{client['client_id']}")).text
        assert 'id="h-reductions"' in client_file and "30 % des Regelbedarfs" in client_file
        assert f'href="{path}#minderungen">Minderung aufheben (Seite der Bedarfsgemeinschaft)' in client_file
        assert "/aufheben" not in client_file  # the form is on the household's page only

        action = f"{path}/minderungen/{reduction['reduction_id']}/aufheben"
        too_early = (date.fromisoformat(reduction["occurred_on"]) - timedelta(days=1)).isoformat()
        refused = await browser.post(action, data={"csrf_token": csrf_token(page), "fulfilled_on": too_early})
        assert refused.status_code == 422
        assert re.search(r'aria-invalid="true"[^>]*aria-describedby=" reduction-1-fulfilled-on-error"', refused.text)
        assert '<p class="error" id="reduction-1-fulfilled-on-error">Liegt vor dem Verstoß.</p>' in refused.text
        assert f'value="{too_early}"' in refused.text  # what was typed stays

        without_token = await browser.post(action, data={"fulfilled_on": today.isoformat()})
        assert without_token.status_code == 403

        lifted = await browser.post(action, data={"csrf_token": csrf_token(page), "fulfilled_on": today.isoformat()})
        assert lifted.status_code == 303, lifted.text
        after = (await browser.get(lifted.headers["location"])).text
        section = after.split('id="h-reductions"', 1)[1].split("</section>", 1)[0]
        assert "Die Minderung ist aufgehoben" in section  # the notice where the clerk acted, not at the top
        lifted_text = f"aufgehoben ab {next_month(today):%d.%m.%Y} (Pflichterfüllung am {today:%d.%m.%Y})"
        assert f"<strong>{lifted_text}</strong>" in section
        assert "Minderung aufheben</button>" not in after  # nothing left to lift

        again = await browser.post(action, data={"csrf_token": csrf_token(page), "fulfilled_on": today.isoformat()})
        assert again.status_code == 409
        assert f"Diese Minderung ist bereits ab {next_month(today):%d.%m.%Y} aufgehoben." in again.text


async def test_a_clerk_of_another_office_reads_a_german_notice_instead_of_the_reductions(platform):
    today = datetime.now(BERLIN).date()
    client = await registered_client(platform, given_name="Jörn", family_name="Sievers")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        await household_page(browser, household_id)
        reduction = await determined_breach(platform, client, household_id, today)
    async with platform.browser() as browser:
        await signed_in(browser, "plon-benefits-01")
        page = await browser.get(f"/leistungen/{household_id}")
        lift = await browser.post(
            f"/leistungen/{household_id}/minderungen/{reduction['reduction_id']}/aufheben",
            data={"csrf_token": csrf_token(page), "fulfilled_on": today.isoformat()},
        )
    assert lift.status_code == 403 and "Kein Zugriff" in lift.text  # benefits refuses; a German page, never a 500
    assert page.status_code == 200, page.text
    section = page.text.split('id="h-reductions"', 1)[1].split("</section>", 1)[0]
    assert "Diesen Teil dürfen Sie mit Ihrer Rolle nicht sehen." in section and "Pflichtverletzung" not in section


async def test_a_case_manager_reads_no_reductions_in_the_client_file(platform):
    """GET …/reductions is for the office's benefits clerks: the file of a case manager has no such part."""
    today = datetime.now(BERLIN).date()
    client = await registered_client(platform, given_name="Wiebke", family_name="Asmussen")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        await household_page(browser, household_id)
        await determined_breach(platform, client, household_id, today)
    async with platform.browser() as browser:
        await signed_in(browser, str(client["case_worker_id"]))
        client_file = await browser.get(f"/akte/{client['client_id']}")
    assert client_file.status_code == 200, client_file.text
    assert "Leistungsminderungen" not in client_file.text and "Pflichtverletzung" not in client_file.text


async def test_two_breaches_in_the_same_months_are_shown_with_the_30_percent_cap_benefits_applied(platform):
    """§ 31a Abs. 4 S. 1: reductions in force together at most 30 % of the Regelbedarf. The second changes no
    amount, so benefits makes no decision for it; the next computation (a household change) applies both and
    cites the cap — the page names it on each and shows the 168.90 € they take together."""
    today = datetime.now(BERLIN).date()
    client = await registered_client(platform, given_name="Hauke", family_name="Petersen")
    household_id = UUID(str(client["household_id"]))
    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        await household_page(browser, household_id)
        first = await determined_breach(platform, client, household_id, today)
        second = await determined_breach(platform, client, household_id, today, inputs=False, days_before=5)
        before = (await browser.get(f"/leistungen/{household_id}")).text
        # the household's heating changes: benefits decides the month anew, under both reductions
        await determined_breach(platform, client, household_id, today, days_before=3, heating="95.00")
        after = (await browser.get(f"/leistungen/{household_id}")).text
    assert first["decision_id"] and second["decision_id"] is None
    newest = before.split('<article class="reduction"')[1]
    assert f"Pflichtverletzung vom {date.fromisoformat(second['occurred_on']):%d.%m.%Y}" in newest  # newest first
    assert f"kein Änderungsbescheid für {today:%m/%Y}" in newest
    articles = after.split('<article class="reduction"')[1:]
    assert len(articles) == 3
    for article in articles:
        assert "auf 30 % des Regelbedarfs begrenzt (§ 31a Abs. 4 S. 1 SGB II)" in article
        assert "168,90 € monatlich im laufenden Anspruch" in article  # 30 % in all, not 60 or 90 %


async def test_a_missed_appointment_is_offered_no_lift_and_a_sperrzeit_reads_by_days(platform):
    """§ 32 Abs. 1, Abs. 2 n.F.: a first miss determined without a reduction, the repeated one 30 % for a month and
    never lifted (§ 32 Abs. 2 does not refer to § 31a Abs. 1); a Sperrzeit from its first day (§ 31b Abs. 1 S. 2)."""
    today = datetime.now(BERLIN).date()
    client = await registered_client(platform, given_name="Telse", family_name="Brodersen")
    household_id = UUID(str(client["household_id"]))
    benefits = platform.services["benefits"].http
    hearing = platform.tokens.headers(Role.JOURNEY_WORKER, staff_id="journey-worker")  # dates it last month
    determined_on = today.replace(day=1) - timedelta(days=1)

    async def determine(**terms: str) -> dict[str, Any]:
        body = {
            "client_id": str(client["client_id"]),
            "determined_on": determined_on.isoformat(),
            "determined_by": "lutjenburg-benefits-01",
            **terms,
        }
        answer = await benefits.post(
            f"/households/{household_id}/reductions", json=body, headers={**hearing, "Idempotency-Key": f"r-{uuid4()}"}
        )
        assert answer.status_code == 201, answer.text
        return dict(answer.json())

    async with platform.browser() as browser:
        await signed_in(browser, "lutjenburg-benefits-01")
        await household_page(browser, household_id)
        await determined_breach(platform, client, household_id, today, days_before=20)
        for days in (15, 8):
            await determine(
                incident="missed_appointment",
                occurred_on=(determined_on - timedelta(days=days)).isoformat(),
                made_known_on=determined_on.isoformat(),
            )
        sperrzeit_from = determined_on - timedelta(days=3)
        sperrzeit = await determine(
            incident="sperrzeit", occurred_on=sperrzeit_from.isoformat(), sperrzeit_from=sperrzeit_from.isoformat()
        )
        page = (await browser.get(f"/leistungen/{household_id}")).text
    articles = page.split('<article class="reduction"')[1:]
    # benefits lists by first month, oldest first; the page the other way round: the Sperrzeit began in last month
    repeated, first_miss, _breach, by_days = articles
    assert "<dt>Anlass</dt><dd>Sperrzeit</dd>" in by_days
    assert f"<dd>{sperrzeit_from:%d.%m.%Y} (nach Tagen, § 31b Abs. 1 S. 2 SGB II)</dd>" in by_days
    assert f"<dt>Bis</dt><dd>{date.fromisoformat(sperrzeit['until']):%d.%m.%Y}</dd>" in by_days
    assert "Minderung aufheben</button>" in by_days
    assert "<dt>Anlass</dt><dd>Meldeversäumnis</dd>" in repeated and "30 % des Regelbedarfs" in repeated
    assert "wird nicht aufgehoben (§ 32 Abs. 2 SGB II)" in repeated and "Minderung aufheben</button>" not in repeated
    assert "keine Minderung" in first_miss and "festgestellt, ohne Minderung" in first_miss
    assert "Minderung aufheben</button>" not in first_miss
