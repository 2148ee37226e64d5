"""The district's reference data — offices, programmes, staff roster — from the data files' contents. No I/O here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from services.coaching.domain.offices import OfficeDirectory
from services.coaching.domain.programmes import ProgrammeCatalogue
from services.coaching.domain.providers import ProviderDirectory
from services.coaching.domain.staffing import StaffMember, roster_from_data


@dataclass(frozen=True)
class Reference:
    offices: OfficeDirectory
    programmes: ProgrammeCatalogue
    roster: Sequence[StaffMember]
    providers: ProviderDirectory = field(default_factory=ProviderDirectory)  # § 16a providers per office

    @classmethod
    def from_data(
        cls,
        offices: Mapping[str, Any],
        programmes: Mapping[str, Any],
        staff: Mapping[str, Any],
        providers: Mapping[str, Any] | None = None,
    ) -> Reference:
        return cls(
            OfficeDirectory.from_data(offices),
            ProgrammeCatalogue.from_data(programmes),
            roster_from_data(staff),
            ProviderDirectory.from_data(providers) if providers is not None else ProviderDirectory(),
        )
