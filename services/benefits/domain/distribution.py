"""Spreading the uncovered need over the members by need shares (§ 9 Abs. 2 S. 3 SGB II)."""

from __future__ import annotations

from collections.abc import Mapping
from decimal import Decimal

from services.benefits.domain.money import ZERO, cents


def need_share(need: Decimal, total_need: Decimal) -> Decimal:
    return need / total_need if total_need > 0 else ZERO


def split_by_need_shares(total: Decimal, needs: Mapping[str, Decimal]) -> dict[str, Decimal]:
    """Each member gets `total` × own need ÷ total need, rounded half-up to cents (§ 41 Abs. 2).

    Each claim is the member's own (Individualanspruch), so each is rounded on its own: members with
    equal needs get equal amounts. The household total is the sum of these claims and may differ from
    the unrounded uncovered need by at most half a cent per member.
    """
    weight = sum(needs.values(), ZERO)
    if total <= 0 or weight <= 0:
        return dict.fromkeys(needs, ZERO)
    return {key: cents(total * need / weight) for key, need in needs.items()}
