"""Moving house: a client's new residence and the office it makes responsible. No I/O here.

Clients belong to the office of their residence postcode (DESIGN "Offices"). A move is recorded once the client
lives at the new address (the registration certificate, § 17 BMG, names the day): never for a day still to come,
nor for a day before the client was registered. A move to a postcode no office serves is refused: the client then
leaves this Jobcenter, which is a closure of the case, not a move.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from uuid import UUID

from services.intake.domain.model import IntakeError
from services.intake.domain.offices import Office, OfficeDirectory


@dataclass(frozen=True)
class RecordMove:
    client_id: UUID
    residence_postcode: str
    moved_on: date


@dataclass(frozen=True)
class Move:
    """The checked move: from which office to which (the same office for a move within its area)."""

    from_office: Office
    to_office: Office

    @property
    def changes_office(self) -> bool:
        return self.from_office.office_id != self.to_office.office_id


def check_move(
    cmd: RecordMove,
    current_postcode: str,
    current_office_id: str,
    registered_on: date,
    today: date,
    offices: OfficeDirectory,
) -> Move:
    """The move as the rules allow it; IntakeError (HTTP 422) names the field and the reason otherwise."""
    if cmd.residence_postcode == current_postcode:
        raise IntakeError("residence_postcode", "is the client's current residence postcode")
    if cmd.moved_on > today:
        raise IntakeError("moved_on", "lies in the future: record a move once the client lives there")
    if cmd.moved_on < registered_on:
        raise IntakeError("moved_on", f"lies before the registration on {registered_on.isoformat()}")
    to_office = offices.for_postcode(cmd.residence_postcode)
    if to_office is None:
        raise IntakeError("residence_postcode", "not in a district served by this Jobcenter: close the case instead")
    from_office = offices.offices.get(current_office_id)
    if from_office is None:  # an office no longer in the directory: the move is still recorded from it
        from_office = Office(current_office_id, "", current_office_id, "office", frozenset())
    return Move(from_office, to_office)
