"""A household's reductions from benefits, each with the lines of the change decision it led to (its amount)."""

from __future__ import annotations

from datetime import date
from typing import Any
from uuid import UUID

from staff_app.backend import Backend
from staff_app.reduction_texts import ReductionView, own_lines, view
from staff_app.sections import Section, section, sections
from staff_app.sessions import Staff


async def household_reductions(backend: Backend, staff: Staff, household_id: UUID, today: date) -> Section:
    """The list (benefits' clerks of the office only; a refusal is the section's notice), newest first; a
    decision benefits does not show this reader leaves that reduction without its amount."""
    found = await section(backend.get("benefits", f"/households/{household_id}/reductions", staff))
    if not found.shown:
        return found
    rows: list[dict[str, Any]] = list(found.data or [])
    with_decision = [r for r in rows if r.get("decision_id")]
    decisions = await sections(
        *(backend.get("benefits", f"/decisions/{r['decision_id']}", staff) for r in with_decision)
    )
    by_reduction = {str(r["reduction_id"]): d.data for r, d in zip(with_decision, decisions, strict=True)}
    views: list[ReductionView] = [
        view(r, own_lines(by_reduction.get(str(r["reduction_id"])), str(r["client_id"])), today) for r in reversed(rows)
    ]
    return Section(views)
