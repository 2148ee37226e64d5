"""Reads several pages share: a client's placement and a household's benefits, each part from its service."""

from __future__ import annotations

from typing import Any
from uuid import UUID

from staff_app.backend import Backend
from staff_app.sections import Section, items, section, sections
from staff_app.sessions import Staff

PAGE = 500  # placement's list routes page by id (`after`, `limit` ≤ 500)


async def client_placement(
    backend: Backend, staff: Staff, client_id: UUID, proposal_id: str = "", employment_id: str = ""
) -> dict[str, Any]:
    """The job search, matches (each excluded vacancy with its reasons), the employers for a hire, the
    client's proposals with their outcomes and employments, and the proposal or employment named in the
    address (just made, or chosen from the list) with its next step."""
    search, matches, vacancies, employers, proposals, employments = await sections(
        backend.get("placement", f"/searches/{client_id}", staff),
        backend.get("placement", f"/searches/{client_id}/matches", staff),
        backend.get("placement", "/vacancies", staff, {"limit": PAGE}),
        backend.get("placement", "/employers", staff, {"limit": PAGE}),
        backend.get("placement", "/proposals", staff, {"client_id": str(client_id), "limit": PAGE}),
        backend.get("placement", "/employments", staff, {"client_id": str(client_id), "limit": PAGE}),
    )
    by_id = {str(v["vacancy_id"]): v for v in items(vacancies.data)}
    if matches.data:
        for excluded in matches.data["excluded"]:
            excluded["vacancy"] = by_id.get(str(excluded["vacancy_id"]))
    proposal_rows = sorted(items(proposals.data), key=lambda p: str(p["proposed_at"]), reverse=True)
    for row in proposal_rows:
        row["vacancy"] = by_id.get(str(row["vacancy_id"]))
    employment_rows = sorted(items(employments.data), key=lambda e: str(e["start_date"]), reverse=True)
    proposal = _named(proposal_rows, "proposal_id", proposal_id)
    employment = _named(employment_rows, "employment_id", employment_id)
    employer_names = {str(e["employer_id"]): e["name"] for e in items(employers.data)}
    steps = (
        await section(backend.get("placement", f"/proposals/{proposal['proposal_id']}/steps", staff))
        if proposal
        else None
    )
    return {
        "steps": steps,
        "search": search,
        "matches": matches,
        "employers": items(employers.data),
        "employer_names": employer_names,
        "proposals": proposals,
        "proposal_rows": proposal_rows,
        "employments": employments,
        "employment_rows": employment_rows,
        "proposal": Section(proposal) if proposal else None,
        "employment": Section(employment) if employment else None,
    }


def _named(rows: list[dict[str, Any]], key: str, named: str) -> dict[str, Any] | None:
    return next((r for r in rows if str(r[key]) == named), None) if named else None


async def household_parts(
    backend: Backend, staff: Staff, household_id: UUID, *, with_recipient: bool = False
) -> dict[str, Any]:
    """The household as entered, its current entitlement with the explanation, its decisions, and (an audited
    read, for the Leistungen page only) the recipient of its letters: 404 while none is entered."""
    calls = [
        backend.get("benefits", f"/households/{household_id}", staff),
        backend.get("benefits", f"/households/{household_id}/decisions", staff),
    ]
    if with_recipient:
        calls.append(backend.get("benefits", f"/households/{household_id}/recipient", staff))
    found = await sections(*calls)
    parts = {"household_id": household_id, "household": found[0], "decisions": found[1]}
    return parts | ({"recipient": found[2]} if with_recipient else {})


async def client_referrals(backend: Backend, staff: Staff, client_id: UUID, office_id: str) -> dict[str, Any]:
    """The client's § 16a referrals (their details shown to case managers and coaches) and the office's providers."""
    referrals, providers = await sections(
        backend.get("coaching", f"/cases/{client_id}/referrals", staff),
        backend.get("coaching", f"/offices/{office_id}/referral-providers", staff),
    )
    return {"referrals": referrals, "providers": items(providers.data)}
