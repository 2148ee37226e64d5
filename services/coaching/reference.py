"""The district's reference data — offices, programmes, staff roster — read from the data files at start-up."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from services.coaching.domain.offices import OfficeDirectory
from services.coaching.domain.programmes import ProgrammeCatalogue
from services.coaching.domain.staffing import StaffMember, roster_from_data

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True)
class Reference:
    offices: OfficeDirectory
    programmes: ProgrammeCatalogue
    roster: Sequence[StaffMember]


def load_reference(directory: Path = DATA_DIR) -> Reference:
    def read(name: str) -> dict[str, object]:
        data: dict[str, object] = json.loads((directory / name).read_text(encoding="utf-8"))
        return data

    return Reference(offices=OfficeDirectory.from_data(read("offices.json")),
                     programmes=ProgrammeCatalogue.from_data(read("programmes.json")),
                     roster=roster_from_data(read("staff.json")))
