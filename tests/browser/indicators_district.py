"""What the Kennzahlen page finds: ten clients of Heikendorf with two years of benefits and some work.

No other browser test registers clients in Heikendorf, so its figures are these clients' alone. The clients are
registered at intake as its software does (with their sex, for the statistics); their benefits and jobs lie in
the past, where no desk of the platform can record them any more, so they come as the benefits and placement
services would have published them, on those services' topics. The test then waits until reporting's API counts
them — the fact, not a pause.

Seen in August 2026: every client is needy in the month. C1–C6 since September 2023 (long-term: K3 compares
them with August 2025), C7–C10 since June 2025. C1 took up insured work in October 2025 and kept it (confirmed
every month since: K2E3), C2 in January 2026, C3 in April 2026 (both not confirmed), C4 an apprenticeship in
July 2026; C5 a minijob in May 2026 (K2E1, no integration). The one diverse client (C10) is a group of one in a
breakdown by sex.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any
from uuid import UUID, uuid4

from contracts.envelope import Envelope
from contracts.events import EmploymentConfirmedV1, EmploymentStartedV1, EntitlementGrantedV1, Event, MemberShareV1
from services.platform.auth.staff import Role
from services.reporting.domain.months import add_months
from tests.e2e.staff import StaffApps, eventually
from tests.integration.reporting_district import publish

HEIKENDORF_POSTCODE = "24226"
AUGUST = date(2026, 8, 1)
SEXES = ("female", "male", "female", "male", "female", "male", "female", "male", "female", "diverse")
LONG_TERM_SINCE, RECENT_SINCE = date(2023, 9, 1), date(2025, 6, 1)
JOBS = {  # client number → (start, kind)
    1: (date(2025, 10, 6), "insured"),
    2: (date(2026, 1, 12), "insured"),
    3: (date(2026, 4, 1), "insured"),
    4: (date(2026, 7, 1), "apprenticeship"),
    5: (date(2026, 5, 4), "minijob"),
}
INTEGRATIONS_IN_THE_YEAR = 4  # C1–C4: September 2025 … August 2026
# K2E3 of August 2026 judges the integrations of March 2025 … February 2026 (C1, C2); C1's was continuous.
CONTINUOUS, JUDGED = 1, 2


async def register_heikendorf(staff: StaffApps, run: str) -> list[dict[str, Any]]:
    """The ten clients at intake, named after this run (no other test finds them by name)."""
    clients = []
    for number, sex in enumerate(SEXES, start=1):
        body = {
            "person": {
                "given_name": f"Kennzahl{number}",
                "family_name": f"Heikendorf{run}",
                "birth_date": "1980-03-02",
            },
            "residence_postcode": HEIKENDORF_POSTCODE,
            "sex": sex,
            "consent": True,
        }
        clients.append(await staff.ok("POST", "intake", "/clients", Role.INTAKE_CLERK, body=body))
    return clients


def past_events(clients: list[dict[str, Any]]) -> list[Envelope]:
    """Their benefits since 2023 or 2025 and their jobs, as benefits and placement published them."""
    events: list[Event] = []
    for number, client in enumerate(clients, start=1):
        since = LONG_TERM_SINCE if number <= 6 else RECENT_SINCE
        events.append(_granted(client, since))
        if number in JOBS:
            events += _job(UUID(client["client_id"]), *JOBS[number], confirmed_until=AUGUST if number == 1 else None)
    return [Envelope(id=uuid4(), source="/tests/browser", time=datetime.now(UTC), data=e) for e in events]


def _granted(client: dict[str, Any], since: date) -> EntitlementGrantedV1:
    return EntitlementGrantedV1(
        household_id=UUID(client["household_id"]),
        decision_id=uuid4(),
        client_ids=[UUID(client["client_id"])],
        period_start=since,
        period_end=AUGUST,
        monthly_entitlement=Decimal("1000.00"),
        subsistence_amount=Decimal("563.00"),
        housing_amount=Decimal("437.00"),
        member_shares=[  # alone in the household: its whole need share (§ 9 Abs. 2 S. 3 SGB II), K1 by sex
            MemberShareV1(
                client_id=UUID(client["client_id"]),
                subsistence_amount=Decimal("563.00"),
                housing_amount=Decimal("437.00"),
            )
        ],
    )


def _job(client_id: UUID, start: date, kind: str, confirmed_until: date | None) -> list[Event]:
    insured = kind != "minijob"
    started = EmploymentStartedV1(
        client_id=client_id,
        employment_id=uuid4(),
        employer_id=uuid4(),
        start_date=start,
        weekly_hours=Decimal("38.00") if insured else Decimal("10.00"),
        gross_monthly_pay=Decimal("2600.00") if insured else Decimal("520.00"),
        net_monthly_pay=Decimal("1900.00") if insured else Decimal("520.00"),
        first_pay_date=start,
        subject_to_social_insurance=insured,
        apprenticeship=kind == "apprenticeship",
    )
    months = []
    month = add_months(start.replace(day=1), 1)
    while confirmed_until is not None and month <= confirmed_until:
        months.append(month)
        month = add_months(month, 1)
    confirmed = [
        EmploymentConfirmedV1(
            client_id=client_id,
            employment_id=started.employment_id,
            month=m,
            gross_pay=Decimal("2600.00"),
            net_pay=Decimal("1900.00"),
        )
        for m in months
    ]
    return [started, *confirmed]


async def populate_heikendorf(staff: StaffApps, run: str) -> None:
    """Registers, publishes, and returns once reporting counts every client, integration and confirmed month of
    August 2026's figures (each on its topic: the benefits, the starts and their confirmations)."""
    clients = await register_heikendorf(staff, run)
    await publish(staff.platform.bootstrap, past_events(clients))

    async def counted() -> dict[str, Any] | None:
        params = {"month": AUGUST.isoformat(), "office_id": "heikendorf"}
        found = await staff.ok("GET", "reporting", "/indicators", Role.MANAGEMENT, params=params)
        figures = {f["key"]: f for f in found["groups"][0]["figures"]}
        k2, k2e3 = figures["K2"], figures["K2E3"]
        stock_counted = Decimal(k2["denominator"]) == len(SEXES)
        jobs_counted = Decimal(k2["numerator"]) == INTEGRATIONS_IN_THE_YEAR
        judged = Decimal(k2e3["numerator"]) == CONTINUOUS and Decimal(k2e3["denominator"]) == JUDGED
        return figures if stock_counted and jobs_counted and judged else None

    await eventually(counted)
