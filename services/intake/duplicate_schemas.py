"""Intake's HTTP bodies for possible duplicates: the registration's reply with them, the worklist, the decision."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from services.intake.domain.duplicates import THRESHOLD
from services.intake.domain.merges import MERGEABLE_FIELDS, DecidePair, Decision, PairStatus
from services.intake.schemas import ClientOut, ClientSummaryOut
from services.intake.use_cases.clients import Registered
from services.intake.use_cases.duplicate_pairs import PairView
from services.intake.use_cases.duplicates import Proposal

REASONS = "which parts matched how, e.g. `same family name`, `birth date one digit off`, `different postcode`"
MergeableField = Literal["given_name", "family_name", "birth_date", "residence_postcode", "sex"]
assert set(MergeableField.__args__) == set(MERGEABLE_FIELDS)  # type: ignore[attr-defined]


class PossibleDuplicateOut(BaseModel):
    pair_id: UUID = Field(description="the pair on the duplicate worklist, for `POST /duplicates/{pair_id}/decision`")
    client: ClientSummaryOut = Field(description="the client already registered who may be the same person")
    score: int = Field(ge=0, le=100, description=f"how alike the two are; proposed from {THRESHOLD}")
    reasons: list[str] = Field(description=REASONS)

    @classmethod
    def of(cls, p: Proposal) -> PossibleDuplicateOut:
        return cls(pair_id=p.pair_id, client=ClientSummaryOut.of(p.other), score=p.score, reasons=list(p.reasons))


class RegisteredClientOut(ClientOut):
    possible_duplicates: list[PossibleDuplicateOut] = Field(
        description="clients who may be the same person, best first (only those of offices the caller acts for); "
        "registering never refuses one, staff decide on the worklist"
    )

    @classmethod
    def of(cls, registered: Registered) -> RegisteredClientOut:
        client = ClientOut.model_validate(registered.client, from_attributes=True)
        return cls(
            **client.model_dump(),
            possible_duplicates=[PossibleDuplicateOut.of(p) for p in registered.possible_duplicates],
        )


class DuplicatePairOut(BaseModel):
    pair_id: UUID
    clients: list[ClientSummaryOut] = Field(min_length=2, max_length=2, description="the two, the lower id first")
    score: int = Field(ge=0, le=100)
    reasons: list[str] = Field(description=REASONS)
    found_at: datetime
    status: PairStatus
    decided_by: str | None
    decided_at: datetime | None
    merged_into: UUID | None = Field(description="the surviving client of a merge")

    @classmethod
    def of(cls, v: PairView) -> DuplicatePairOut:
        return cls(
            pair_id=v.pair_id,
            clients=[ClientSummaryOut.of(v.first), ClientSummaryOut.of(v.second)],
            score=v.score,
            reasons=list(v.reasons),
            found_at=v.found_at,
            status=v.status,
            decided_by=v.decided_by,
            decided_at=v.decided_at,
            merged_into=v.merged_into,
        )


class DuplicatePairPage(BaseModel):
    items: list[DuplicatePairOut]
    next_cursor: str | None = Field(description="pass as `after` for the next page; null on the last page")


class DuplicatePairList(BaseModel):
    items: list[DuplicatePairOut]


class DecisionIn(BaseModel):
    """Staff's decision; nothing is merged without one."""

    model_config = ConfigDict(extra="forbid")
    decision: Decision = Field(description="`not_same_person` (never proposed again) or `merge`")
    keep: UUID | None = Field(None, description="for a merge: the client who stays; the other is merged into it")
    take_from_merged: list[MergeableField] = Field(
        default_factory=list,
        max_length=len(MERGEABLE_FIELDS),
        description="for a merge: the fields whose value the surviving record takes from the merged-away one; "
        "every other field keeps the survivor's",
    )

    def to_command(self, pair_id: UUID) -> DecidePair:
        return DecidePair(pair_id, self.decision, self.keep, frozenset(self.take_from_merged))
