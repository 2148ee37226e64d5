"""Reads several pages share: a client's placement and a household's benefits, each part from its service."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from staff_app.backend import Backend
from staff_app.sections import items, section, sections
from staff_app.sessions import Staff

PAGE = 500  # placement's list routes page by id (`after`, `limit` ≤ 500)


async def client_placement(
    backend: Backend, staff: Staff, client_id: UUID, proposal_id: str = "", employment_id: str = ""
) -> dict[str, Any]:
    """The job search, matches (each excluded vacancy with its reasons), the employers for a hire, and the
    proposal or employment just made (placement lists neither per client)."""
    search, matches, vacancies, employers = await sections(
        backend.get("placement", f"/searches/{client_id}", staff),
        backend.get("placement", f"/searches/{client_id}/matches", staff),
        backend.get("placement", "/vacancies", staff, {"limit": PAGE}),
        backend.get("placement", "/employers", staff, {"limit": PAGE}),
    )
    by_id = {str(v["vacancy_id"]): v for v in items(vacancies.data)}
    if matches.data:
        for excluded in matches.data["excluded"]:
            excluded["vacancy"] = by_id.get(str(excluded["vacancy_id"]))
    proposal = (
        await section(backend.get("placement", f"/proposals/{UUID(proposal_id)}", staff)) if proposal_id else None
    )
    employment = (
        await section(backend.get("placement", f"/employments/{UUID(employment_id)}", staff)) if employment_id else None
    )
    employer_names = {str(e["employer_id"]): e["name"] for e in items(employers.data)}
    return {
        "search": search,
        "matches": matches,
        "employers": items(employers.data),
        "employer_names": employer_names,
        "proposal": proposal,
        "employment": employment,
    }


async def household_parts(backend: Backend, staff: Staff, household_id: UUID) -> dict[str, Any]:
    """The household as entered, its current entitlement with the explanation, and its decisions."""
    household, decisions = await sections(
        backend.get("benefits", f"/households/{household_id}", staff),
        backend.get("benefits", f"/households/{household_id}/decisions", staff),
    )
    return {"household_id": household_id, "household": household, "decisions": decisions}
