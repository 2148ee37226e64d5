"""The entered household (benefits' `inputs`) as the values of the clerk's form, row by row.

The form shows what is stored when nothing was posted; amounts as benefits gives them, months as `2026-08`.
"""

from __future__ import annotations

from typing import Any

from staff_app.pages.household_form import (
    ASSET_FLAGS,
    HOUSING_FLAGS,
    INCOME_FLAGS,
    MEMBER_FLAGS,
    asset_name,
    income_name,
)


def _person_keys(members: list[dict[str, Any]]) -> list[str]:
    keys, children = [], 0
    for member in members:
        if member["role"] == "child":
            children += 1
            keys.append(f"child-{children}")
        else:
            keys.append(member["role"])
    return keys


def _text(value: Any) -> str:
    return "" if value is None or value is False else str(value)


def _income_values(row: int, person: str, income: dict[str, Any]) -> dict[str, str]:
    values = {income_name(row, "member"): person}
    for name, value in income.items():
        if name in INCOME_FLAGS:
            values[income_name(row, name)] = "on" if value else ""
        elif name in ("inflow_from", "inflow_until"):
            values[income_name(row, name)] = _text(value)[:7]
        elif name not in ("spread", "spread_counted"):
            values[income_name(row, name)] = "" if value in ("0", "0.00") and name != "amount" else _text(value)
    if income.get("spread") is not None:
        values[income_name(row, "spread")] = "six" if income["spread"] else "full"
    return values


def _asset_values(row: int, person: str, asset: dict[str, Any]) -> dict[str, str]:
    values = {asset_name(row, "member"): person}
    for name, value in asset.items():
        values[asset_name(row, name)] = ("on" if value else "") if name in ASSET_FLAGS else _text(value)
    return values


def stored_values(inputs: dict[str, Any] | None) -> dict[str, str]:
    """Form values of the entered household; empty rows offered after them get the API's defaults."""
    if not inputs:
        return {}
    members, housing = inputs["members"], inputs["housing"]
    values = {flag: "on" if housing.get(flag) else "" for flag in HOUSING_FLAGS}
    values |= {
        "appropriate_heating": _text(housing.get("appropriate_heating")),
        "grace_period_start": _text(housing.get("grace_period_start"))[:7],
        "other_occupants": "" if not housing.get("other_occupants") else str(housing["other_occupants"]),
        "provisional": "on" if inputs.get("provisional") else "",
    }
    for member in members:
        if member["role"] in ("adult", "partner"):
            values |= {f"{member['role']}_{flag}": "on" if member.get(flag) else "" for flag in MEMBER_FLAGS}
    incomes = assets = 0
    for person, member in zip(_person_keys(members), members, strict=True):
        for income in member.get("incomes") or []:
            values |= _income_values(incomes, person, income)
            incomes += 1
        for asset in member.get("assets") or []:
            values |= _asset_values(assets, person, asset)
            assets += 1
    return values
