"""Each programme's terms the yardsticks are judged by: its German name, caseload ratio, contacts target and
cost per place, read once in the composition root.

The ratios and contact targets are coaching's catalogue (`services/coaching/data/programmes.json`), read as data
so reporting imports nothing of coaching; the costs are reporting's own table (`data/programme_costs.yaml`).
"""

import json
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path

import yaml

SERVICES = Path(__file__).resolve().parent.parent
CATALOGUE = SERVICES / "coaching" / "data" / "programmes.json"
COSTS = SERVICES / "reporting" / "data" / "programme_costs.yaml"


@dataclass(frozen=True)
class ProgrammeTerms:
    programme_id: str
    name: str  # German, for the report
    clients_per_case_manager: int  # Betreuungsschlüssel 1:n (§ 44c Abs. 4 SGB II)
    contacts_per_month: int
    cost_per_place_month: Decimal
    after_months: int  # the months after the end the savings yardstick compares


def load_programme_terms(catalogue: Path = CATALOGUE, costs: Path = COSTS) -> dict[str, ProgrammeTerms]:
    """The terms of every programme in the catalogue; a programme without a cost entry is an error."""
    programmes = json.loads(catalogue.read_text(encoding="utf-8"))["programmes"]
    table = yaml.safe_load(costs.read_text(encoding="utf-8"))
    priced = table["programmes"]
    return {
        p["program_id"]: ProgrammeTerms(
            programme_id=p["program_id"],
            name=str(priced[p["program_id"]]["name"]),
            clients_per_case_manager=int(p["caseload_ratio"]),
            contacts_per_month=int(p["max_contacts_per_month"]),
            cost_per_place_month=Decimal(str(priced[p["program_id"]]["cost_per_place_month"])),
            after_months=int(table["after_months"]),
        )
        for p in programmes
    }


@cache
def measure_programmes(costs: Path = COSTS) -> frozenset[str]:
    """The programmes that are Maßnahmen der aktiven Arbeitsförderung (§ 2 Abs. 2 Nr. 1 Kennzahlen-Verordnung):
    those with a `measure` (its legal basis) in reporting's programme table. Read once, when first asked."""
    priced = yaml.safe_load(costs.read_text(encoding="utf-8"))["programmes"]
    return frozenset(pid for pid, entry in priced.items() if entry.get("measure"))
