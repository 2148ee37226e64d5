"""The benefits clerk's household form and `PUT /households/{id}`: members, income rows, asset rows.

A row names its person (`adult`, `partner`, `child-1` …) and is sent with that member; a row without an amount
is left out. The rows' fields are flat form names (`income_2_net`), so a refusal of `members.1.incomes.0.net`
is shown next to the field of the row it came from (see `aliases`).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from staff_app.forms import Invalid, euros

HOUSEHOLD_FIELDS = (
    "month",
    "adult_birth_date",
    "partner_birth_date",
    "children",
    "rent",
    "heating",
    "appropriate_rent",
)
INCOME_FIELDS = (
    "member",
    "kind",
    "amount",
    "net",
    "deductions",
    "proven_costs",
    "pension_provision",
    "health_insurance",
    "inflow_from",
    "inflow_until",
    "proof",
    "back_payment",
    "grundrente_years_proven",
    "separate_job",
    "earnings_before_birth",
    "parental_allowance_plus",
    "description",
)
ASSET_FIELDS = ("member", "kind", "value", "living_area_m2", "home_type", "appropriate", "hardship", "description")
INCOME_AMOUNTS = ("amount", "net", "deductions", "proven_costs", "pension_provision", "health_insurance")
INCOME_FLAGS = ("back_payment", "grundrente_years_proven", "separate_job", "parental_allowance_plus")
ASSET_FLAGS = ("appropriate", "hardship")
MONTHS = ("inflow_from", "inflow_until")
INCOME_KINDS = (
    ("employment", "Erwerbstätigkeit (Lohn)"),
    ("self_employment", "Selbständige Tätigkeit (Gewinn)"),
    ("unemployment_benefit", "Arbeitslosengeld (SGB III)"),
    ("pension", "Rente"),
    ("maintenance", "Unterhalt"),
    ("advance_maintenance", "Unterhaltsvorschuss (UVG)"),
    ("parental_allowance", "Elterngeld (BEEG)"),
    ("student_grant", "BAföG oder Berufsausbildungsbeihilfe"),
    ("maternity_benefit", "Mutterschaftsgeld (§ 19 MuSchG)"),
    ("inheritance", "Erbschaft, Vermächtnis oder Pflichtteil (einmalig)"),
    ("other", "Sonstige Einnahme"),
)
ASSET_KINDS = (
    ("cash", "Bargeld und Konten"),
    ("securities", "Wertpapiere"),
    ("car", "Kraftfahrzeug"),
    ("pension", "Altersvorsorge"),
    ("home", "Selbst genutztes Wohneigentum"),
    ("household_goods", "Hausrat"),
    ("other", "Sonstiges Vermögen"),
)
EMPTY_ROWS = 1  # rows offered beyond those entered
MIN_INCOME_ROWS, MIN_ASSET_ROWS = 3, 2
MEMBER_FLAGS = ("pregnant", "disabled_with_participation", "in_training_under_25", "has_minor_child_elsewhere")
HOUSING_FLAGS = ("decentral_hot_water", "grace_period_exception", "in_cost_reduction_period")
EXTRA_FIELDS = (
    *(f"{role}_{flag}" for role in ("adult", "partner") for flag in MEMBER_FLAGS),
    *HOUSING_FLAGS,
    "appropriate_heating",
    "grace_period_start",
    "other_occupants",
    "provisional",
)
HOUSEHOLD_ALIASES = {
    "members.0.birth_date": "adult_birth_date",
    "members.1.birth_date": "partner_birth_date",
    "housing.rent": "rent",
    "housing.heating": "heating",
    "housing.appropriate_rent": "appropriate_rent",
    "housing.appropriate_heating": "appropriate_heating",
    "housing.grace_period_start": "grace_period_start",
    "housing.other_occupants": "other_occupants",
    **{f"members.0.{flag}": f"adult_{flag}" for flag in MEMBER_FLAGS},
    **{f"members.1.{flag}": f"partner_{flag}" for flag in MEMBER_FLAGS},
}


def income_name(row: int, name: str) -> str:
    return f"income_{row}_{name}"


def asset_name(row: int, name: str) -> str:
    return f"asset_{row}_{name}"


@dataclass
class HouseholdForm:
    """The body for benefits and, for each row sent, where benefits will name it (for the refusal's fields)."""

    body: dict[str, Any]
    aliases: dict[str, str] = field(default_factory=dict)


def rows(form: Mapping[str, str], prefix: str, least: int) -> int:
    """How many rows the form shows: those posted (or entered), and one empty row more."""
    used = [int(key.split("_")[1]) for key in form if key.startswith(prefix) and key.split("_")[1].isdigit()]
    filled = {n for n in used if form.get(f"{prefix}{n}_amount" if prefix == "income_" else f"{prefix}{n}_value")}
    return max(least, (max(filled) + 1 + EMPTY_ROWS) if filled else 0, (max(used) + 1) if used else 0)


def _month(text: str, field: str) -> str:
    """A month input's `2026-08` (or a date) as the first day of that month."""
    text = text.strip()
    try:
        parsed = date.fromisoformat(f"{text}-01" if len(text) == 7 else text)
    except ValueError:
        raise Invalid(field, "Bitte einen Monat angeben, z. B. 2026-08.") from None
    return parsed.replace(day=1).isoformat()


def _positions(form: Mapping[str, str], children: int) -> dict[str, int]:
    positions = {"adult": 0}
    first_child = 1
    if form.get("partner_birth_date", "").strip():
        positions["partner"], first_child = 1, 2
    positions |= {f"child-{n + 1}": first_child + n for n in range(children)}
    return positions


def _member_of(form: Mapping[str, str], name: str, positions: Mapping[str, int]) -> int:
    chosen = form.get(name, "adult") or "adult"
    if chosen not in positions:
        raise Invalid(name, "Diese Person ist oben nicht angegeben (Partner/in oder Kind fehlt).")
    return positions[chosen]


def _income(form: Mapping[str, str], row: int) -> dict[str, Any]:
    def name(field: str) -> str:
        return income_name(row, field)

    income: dict[str, Any] = {"kind": form.get(name("kind"), ""), "proof": form.get(name("proof"), "proven")}
    for amount in INCOME_AMOUNTS:
        if form.get(name(amount), "").strip():
            income[amount] = euros(form, name(amount))
    if form.get(name("earnings_before_birth"), "").strip():
        income["earnings_before_birth"] = euros(form, name("earnings_before_birth"))
    inflow = form.get(name("inflow_from"), "").strip() or form.get("month", "")
    income["inflow_from"] = _month(inflow, name("inflow_from"))
    if form.get(name("inflow_until"), "").strip():
        income["inflow_until"] = _month(form[name("inflow_until")], name("inflow_until"))
    elif income["kind"] == "inheritance":  # one-off: its single inflow month (§ 11a Abs. 1 Nr. 7 SGB II)
        income["inflow_until"] = income["inflow_from"]
    for flag in INCOME_FLAGS:
        if form.get(name(flag)):
            income[flag] = True
    if form.get(name("description"), "").strip():
        income["description"] = form[name("description")].strip()
    return income


def _asset(form: Mapping[str, str], row: int) -> dict[str, Any]:
    def name(field: str) -> str:
        return asset_name(row, field)

    asset: dict[str, Any] = {"kind": form.get(name("kind"), ""), "value": euros(form, name("value"))}
    if form.get(name("living_area_m2"), "").strip():
        asset["living_area_m2"] = form[name("living_area_m2")].strip()
    if form.get(name("home_type")):
        asset["home_type"] = form[name("home_type")]
    asset["appropriate"] = bool(form.get(name("appropriate")))
    asset["hardship"] = bool(form.get(name("hardship")))
    if form.get(name("description"), "").strip():
        asset["description"] = form[name("description")].strip()
    return asset


def _add_rows(form: Mapping[str, str], members: list[dict[str, Any]], positions: Mapping[str, int]) -> dict[str, str]:
    """Income and asset rows go to their members; the aliases say which row each one is."""
    aliases: dict[str, str] = {}
    for row in range(rows(form, "income_", 0)):
        if not form.get(income_name(row, "amount"), "").strip():
            continue
        position = _member_of(form, income_name(row, "member"), positions)
        incomes = members[position].setdefault("incomes", [])
        at = f"members.{position}.incomes.{len(incomes)}"
        incomes.append(_income(form, row))
        aliases |= {f"{at}.{name}": income_name(row, name) for name in INCOME_FIELDS} | {
            at: income_name(row, "amount"),
            f"{at}.grundrente_years_proven": income_name(row, "grundrente_years_proven"),
        }
    for row in range(rows(form, "asset_", 0)):
        if not form.get(asset_name(row, "value"), "").strip():
            continue
        position = _member_of(form, asset_name(row, "member"), positions)
        assets = members[position].setdefault("assets", [])
        at = f"members.{position}.assets.{len(assets)}"
        assets.append(_asset(form, row))
        aliases |= {f"{at}.{name}": asset_name(row, name) for name in ASSET_FIELDS} | {at: asset_name(row, "value")}
    return aliases


def iso_date(text: str, field: str) -> str:
    for parse in (date.fromisoformat, lambda t: date(*reversed([int(p) for p in t.split(".")]))):
        try:
            return parse(text).isoformat()
        except (ValueError, TypeError):
            continue
    raise Invalid(field, f"„{text}“ ist kein Datum (z. B. 12.03.2015).")


def household_form(form: Mapping[str, str], clients: list[str]) -> HouseholdForm:
    """The household as `PUT /households/{id}` takes it, from the clerk's form: applicant, partner, children,
    then each income and asset row with the person it names."""
    members: list[dict[str, Any]] = [
        {"role": "adult", "birth_date": form.get("adult_birth_date", ""), "client_id": clients[0] if clients else None}
    ]
    if form.get("partner_birth_date", "").strip():
        partner_id = clients[1] if len(clients) > 1 else None
        members.append({"role": "partner", "birth_date": form["partner_birth_date"], "client_id": partner_id})
    children = [c.strip() for c in form.get("children", "").split(",") if c.strip()]
    for member in members:
        member |= {flag: True for flag in MEMBER_FLAGS if form.get(f"{member['role']}_{flag}")}
    members += [{"role": "child", "birth_date": iso_date(text, "children")} for text in children]
    aliases = HOUSEHOLD_ALIASES | _add_rows(form, members, _positions(form, len(children)))
    body: dict[str, Any] = {"month": form.get("month", ""), "members": members, "housing": _housing(form)}
    if form.get("provisional"):
        body["provisional"] = True
    return HouseholdForm(body, aliases)


def _housing(form: Mapping[str, str]) -> dict[str, Any]:
    housing: dict[str, Any] = {
        "rent": euros(form, "rent"),
        "heating": euros(form, "heating"),
        "appropriate_rent": euros(form, "appropriate_rent"),
    }
    if form.get("appropriate_heating", "").strip():
        housing["appropriate_heating"] = euros(form, "appropriate_heating")
    if form.get("grace_period_start", "").strip():
        housing["grace_period_start"] = _month(form["grace_period_start"], "grace_period_start")
    if form.get("other_occupants", "").strip():
        housing["other_occupants"] = form["other_occupants"].strip()
    return housing | {flag: True for flag in HOUSING_FLAGS if form.get(flag)}


def known_fields(form: Mapping[str, str]) -> tuple[str, ...]:
    income_rows, asset_rows = rows(form, "income_", MIN_INCOME_ROWS), rows(form, "asset_", MIN_ASSET_ROWS)
    incomes = (income_name(row, name) for row in range(income_rows) for name in INCOME_FIELDS)
    assets = (asset_name(row, name) for row in range(asset_rows) for name in ASSET_FIELDS)
    return (*HOUSEHOLD_FIELDS, *EXTRA_FIELDS, *incomes, *assets)
