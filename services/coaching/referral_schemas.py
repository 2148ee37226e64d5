"""HTTP bodies of § 16a referrals (kept apart from schemas.py, which holds the case's)."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.coaching.domain.referrals import (
    ChangeStatus,
    MakeReferral,
    ReferralDetails,
    ReferralKind,
    ReferralStatus,
)
from services.platform.http.fields import MultilineText, StaffDate, Text

ProviderId = Annotated[str, StringConstraints(pattern=r"^[a-z0-9][a-z0-9_-]{0,59}$")]
ProviderName = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=200)]
Note = Annotated[MultilineText, Field(max_length=2000, description="free text: sealed, shown only to its readers")]
KIND = (
    "§ 16a SGB II: care (Nr. 1, children or relatives), debt_counselling (Nr. 2), psychosocial_care (Nr. 3), "
    "addiction_counselling (Nr. 4)"
)


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReferralIn(Strict):
    kind: ReferralKind = Field(description=KIND)
    provider_id: ProviderId | None = Field(None, description="one of the office's providers (GET …/referral-providers)")
    provider_name: ProviderName | None = Field(None, description="a provider not on the office's list")
    status: Literal[ReferralStatus.PROPOSED, ReferralStatus.REFERRED] = ReferralStatus.REFERRED
    on: StaffDate = Field(description="the day it was proposed or referred")
    follow_up_on: StaffDate | None = Field(None, description="raises a follow-up task due on this day")
    consent_given_on: StaffDate | None = Field(
        None, description="the client's release from confidentiality towards the provider (Schweigepflichtentbindung)"
    )
    note: Note | None = None

    def to_command(self) -> MakeReferral:
        details = ReferralDetails(self.kind, self.provider_id, self.provider_name or "", self.note)
        return MakeReferral(details, ReferralStatus(self.status), self.on, self.follow_up_on, self.consent_given_on)


class StatusIn(Strict):
    status: ReferralStatus
    on: StaffDate
    follow_up_on: StaffDate | None = Field(None, description="a new follow-up task (replaces the open one)")
    consent_given_on: StaffDate | None = None
    note: Note | None = Field(None, description="replaces the note")

    def to_command(self) -> ChangeStatus:
        return ChangeStatus(self.status, self.on, self.follow_up_on, self.consent_given_on, self.note)


class StatusStepOut(BaseModel):
    status: ReferralStatus
    on: date
    by: str


class ReferralDetailsOut(BaseModel):
    kind: ReferralKind
    paragraph: str = Field(examples=["§ 16a Nr. 2 SGB II"])
    provider_id: str | None
    provider_name: str
    note: str | None


class ReferralOut(BaseModel):
    referral_id: UUID
    client_id: UUID
    office_id: str
    status: ReferralStatus
    history: list[StatusStepOut] = Field(description="every status with its day, oldest first")
    follow_up_on: date | None
    consent_given_on: date | None
    details: ReferralDetailsOut | None = Field(
        description="kind, provider and note: for case managers and coaches of the client's office (every read "
        "audited); null for everyone else and in replies to writes"
    )
    created_by: str


class ProviderOut(BaseModel):
    provider_id: str
    office_id: str
    name: str
    kinds: list[ReferralKind]
    example: bool = Field(description="made up for the demo offices")
