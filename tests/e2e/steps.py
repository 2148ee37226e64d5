"""Steps of a client's way through the platform, as staff and employers take them over HTTP."""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any

from services.platform.auth.staff import Role
from tests.e2e.staff import StaffApps, eventually, last_open_thursday_afternoon

OFFICE = "lutjenburg"
CLERK, CASE_MANAGER, PLACEMENT, BENEFITS = (
    Role.INTAKE_CLERK,
    Role.CASE_MANAGER,
    Role.PLACEMENT_OFFICER,
    Role.BENEFITS_CLERK,
)
PAY = {"gross_pay": "1505.83", "net_pay": "1230.70"}


async def register_single_parent(
    staff: StaffApps, given_name: str = "Marie", postcode: str = "24321"
) -> dict[str, Any]:
    """A single parent living in Lütjenburg (24321), or at `postcode` (Preetz: 24211)."""
    body = {
        "person": {"given_name": given_name, "family_name": "Kraska", "birth_date": "1997-03-14"},
        "residence_postcode": postcode,
        "target_groups": ["single_parent"],
        "availability": {"earliest_daily_start": "08:00", "max_weekly_hours": 30},
        "consent": True,
    }
    return await staff.ok("POST", "intake", "/clients", CLERK, body=body)  # type: ignore[no-any-return]


async def enter_household(staff: StaffApps, client: dict[str, Any], month: date) -> None:
    body = {
        "month": month.isoformat(),
        "members": [
            {"client_id": client["client_id"], "role": "adult", "birth_date": client["person"]["birth_date"]},
            {"role": "child", "birth_date": "2021-04-02"},
        ],
        "housing": {"rent": "520.00", "heating": "95.00", "appropriate_rent": "570.00"},
    }
    await staff.ok("PUT", "benefits", f"/households/{client['household_id']}", BENEFITS, body=body)


async def assigned_case_worker(staff: StaffApps, client_id: str) -> str:
    async def assigned() -> str | None:
        case = await staff.ok("GET", "coaching", f"/cases/{client_id}", CASE_MANAGER)
        return case.get("case_worker_id")  # type: ignore[no-any-return]

    return await eventually(assigned)


async def coach_until_ready(staff: StaffApps, client_id: str, worker: str) -> None:
    """A contact on Thursday afternoon, the cooperation plan, readiness for placement."""
    thursday = last_open_thursday_afternoon(datetime.now(UTC))
    await staff.ok(
        "POST",
        "coaching",
        f"/cases/{client_id}/contacts",
        CASE_MANAGER,
        staff_id=worker,
        body={"channel": "in_person", "occurred_at": thursday.isoformat()},
    )
    plan = {
        "obstacles": [{"kind": "childcare", "status": "resolved"}],
        "goals": ["a job from 08:30"],
        "agreed_at": thursday.isoformat(),
    }
    await staff.ok("PUT", "coaching", f"/cases/{client_id}/cooperation-plan", CASE_MANAGER, body=plan, staff_id=worker)
    await staff.ok("POST", "coaching", f"/cases/{client_id}/readiness", CASE_MANAGER, body={}, staff_id=worker)


async def add_employer(staff: StaffApps, name: str = "Seniorenresidenz Lütjenburg") -> dict[str, Any]:
    body = {"name": name, "office_id": OFFICE, "postcode": "24321", "partner_company": True}
    return await staff.ok("POST", "placement", "/employers", PLACEMENT, body=body)  # type: ignore[no-any-return]


async def add_vacancy(
    staff: StaffApps, employer_id: str, title: str, daily_start: str, positions: int = 1
) -> dict[str, Any]:
    body = {
        "employer_id": employer_id,
        "title": title,
        "occupation": "care_home",
        "kind": "job",
        "weekly_hours": "25",
        "daily_start": daily_start,
        "location_postcode": "24321",
        "positions": positions,
        "gross_monthly_pay": PAY["gross_pay"],
        "subject_to_social_insurance": True,
    }
    return await staff.ok("POST", "placement", "/vacancies", PLACEMENT, body=body)  # type: ignore[no-any-return]


async def propose(staff: StaffApps, body: dict[str, Any]) -> dict[str, Any]:
    return await staff.ok("POST", "placement", "/proposals", PLACEMENT, body=body)  # type: ignore[no-any-return]


def hire_body(client_id: str, vacancy: dict[str, Any], start: date) -> dict[str, Any]:
    return {
        "client_id": client_id,
        "employer_id": vacancy["employer_id"],
        "vacancy_id": vacancy["vacancy_id"],
        "start_date": start.isoformat(),
        "weekly_hours": "25",
        "gross_monthly_pay": PAY["gross_pay"],
        "net_monthly_pay": PAY["net_pay"],
        "first_pay_date": start.replace(day=28).isoformat(),
        "subject_to_social_insurance": True,
    }


async def propose_and_hire(staff: StaffApps, client_id: str, vacancy: dict[str, Any], start: date) -> str:
    """Proposal, application, acceptance and the contract; returns the employment id."""
    proposal = await propose(staff, {"client_id": client_id, "vacancy_id": vacancy["vacancy_id"]})
    for outcome in ("applied", "accepted"):
        await staff.ok(
            "POST", "placement", f"/proposals/{proposal['proposal_id']}/outcome", PLACEMENT, body={"outcome": outcome}
        )
    hire = hire_body(client_id, vacancy, start) | {"proposal_id": proposal["proposal_id"]}
    employment = await staff.ok("POST", "placement", "/employments", PLACEMENT, body=hire)
    return str(employment["employment_id"])


async def answer_open_checks(staff: StaffApps, employment_ids: set[str]) -> list[tuple[str, date]]:
    """The employers confirm every open continuation check of these employments (one key per month)."""
    checks = await staff.ok(
        "GET",
        "placement",
        "/continuation-checks",
        PLACEMENT,
        params={"status": "open", "office_id": OFFICE, "limit": 500},
    )
    answered = []
    for check in (c for c in checks if c["employment_id"] in employment_ids):
        employment_id, month = check["employment_id"], check["month"]
        await staff.ok(
            "POST",
            "placement",
            f"/employments/{employment_id}/confirmations",
            PLACEMENT,
            body={"month": month, **PAY},
            key=f"e2e-confirm-{employment_id}-{month}",
        )
        answered.append((employment_id, date.fromisoformat(month)))
    return answered


async def open_tasks(staff: StaffApps, client_id: str, kind: str) -> list[dict[str, Any]]:
    # The client's own case, not a page of the office's tasks: other tests' clients share the office.
    case = await staff.ok("GET", "coaching", f"/cases/{client_id}", CASE_MANAGER)
    return [t for t in case["open_tasks"] if t["kind"] == kind]


async def journey_state(staff: StaffApps, client_id: str) -> dict[str, Any]:
    return (await staff.journey(client_id))["state"]  # type: ignore[no-any-return]


async def sustained(staff: StaffApps, client_id: str) -> dict[str, Any] | None:
    state = await journey_state(staff, client_id)
    return state if state["stage"] in ("sustained", "closed") and state.get("sustained_at") else None
