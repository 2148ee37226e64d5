"""A household's inputs as the benefits clerk enters them (PUT /households/{household_id}). Pure, no I/O."""

from __future__ import annotations

from datetime import date
from typing import Any

from simulator.population import ClientProfile


def household_inputs(head: ClientProfile, client_ids: dict[str, str], month: date) -> dict[str, Any]:
    """Members (adult, partner, children: role and birth date) and the flat's costs, from `month` on.

    `client_ids` maps profile keys to the ids intake gave the household's registered members. A young
    client living with a parent is the child of that parent's household (§ 7 Abs. 3 Nr. 4 SGB II).
    """
    h = head.household
    if h.parent_birth_date is not None:
        members = [
            _member(None, "adult", h.parent_birth_date),
            _member(client_ids.get(head.key), "child", head.birth_date),
        ]
    else:
        members = [_member(client_ids.get(head.key), "adult", head.birth_date)]
        if h.partner_birth_date is not None:
            partner_id = next((cid for key, cid in client_ids.items() if key != head.key), None)
            members.append(_member(partner_id, "partner", h.partner_birth_date))
        members += [_member(None, "child", birth) for birth in h.children_birth_dates]
    return {
        "month": month.isoformat(),
        "members": members,
        "housing": {"rent": str(h.rent), "heating": str(h.heating), "appropriate_rent": str(h.appropriate_rent)},
    }


def _member(client_id: str | None, role: str, birth_date: date) -> dict[str, Any]:
    member: dict[str, Any] = {"role": role, "birth_date": birth_date.isoformat()}
    if client_id is not None:
        member["client_id"] = client_id
    return member
