"""A household's reductions from benefits, each with the lines of the change decision it led to (its amount)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from staff_app.backend import Backend
from staff_app.reduction_texts import own_lines, view
from staff_app.sections import Section, section, sections
from staff_app.sessions import Staff


async def household_reductions(backend: Backend, staff: Staff, household_id: UUID) -> Section:
    """Benefits' list (its clerks of the office only; a refusal is the section's notice), each reduction with the
    decision it led to; a decision benefits does not show this reader leaves that reduction without its amount."""
    found = await section(backend.get("benefits", f"/households/{household_id}/reductions", staff))
    if not found.shown:
        return found
    rows: list[dict[str, Any]] = list(found.data or [])
    with_decision = [r for r in rows if r.get("decision_id")]
    decisions = await sections(
        *(backend.get("benefits", f"/decisions/{r['decision_id']}", staff) for r in with_decision)
    )
    by_reduction = {str(r["reduction_id"]): d.data for r, d in zip(with_decision, decisions, strict=True)}
    return Section([(r, by_reduction.get(str(r["reduction_id"]))) for r in rows])


def shown(found: Section, household: Section, today: date) -> Section:
    """The reductions as the page reads them, the latest first month first (benefits lists the oldest first),
    with the current entitlement's lines of each person (the cap and the 1-euro rule benefits applied to all of
    them together)."""
    if not found.shown:
        return found
    entitlement = (household.data or {}).get("current_entitlement") or {}
    current = {"result": {"explanation": entitlement.get("explanation") or []}}
    month = entitlement.get("effective_month")
    return Section(
        [
            view(
                row, own_lines(decision, str(row["client_id"])), today, own_lines(current, str(row["client_id"])), month
            )
            for row, decision in reversed(found.data or [])
        ]
    )
