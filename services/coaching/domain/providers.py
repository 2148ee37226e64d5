"""The § 16a providers an office refers clients to (the office's data). No I/O here."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from services.coaching.domain.referrals import ReferralKind


@dataclass(frozen=True)
class Provider:
    provider_id: str
    office_id: str
    name: str
    kinds: frozenset[ReferralKind]
    example: bool  # made up for the demo offices, never a real service


@dataclass(frozen=True)
class ProviderDirectory:
    providers: Sequence[Provider] = ()

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> ProviderDirectory:
        return cls(tuple(_provider(p) for p in data["providers"]))

    def of_office(self, office_id: str, kind: ReferralKind | None = None) -> list[Provider]:
        return [p for p in self.providers if p.office_id == office_id and (kind is None or kind in p.kinds)]

    def get(self, provider_id: str) -> Provider | None:
        return next((p for p in self.providers if p.provider_id == provider_id), None)


def _provider(data: Mapping[str, Any]) -> Provider:
    return Provider(
        provider_id=data["provider_id"],
        office_id=data["office_id"],
        name=data["name"],
        kinds=frozenset(ReferralKind(k) for k in data["kinds"]),
        example=bool(data.get("example", False)),
    )
