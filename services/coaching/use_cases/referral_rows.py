"""A referral's row mapped to the domain: the status history as JSON, the sealed details as a dict."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.coaching.domain.referrals import Referral, ReferralDetails, ReferralKind, ReferralStatus, StatusStep
from services.coaching.tables import ReferralRow


def to_referral(row: ReferralRow, details: ReferralDetails | None) -> Referral:
    return Referral(
        referral_id=row.referral_id,
        client_id=row.client_id,
        office_id=row.office_id,
        status=ReferralStatus(row.status),
        history=steps_of(row),
        follow_up_on=row.follow_up_on,
        consent_given_on=row.consent_given_on,
        details=details,
        created_by=row.created_by,
    )


def steps_of(row: ReferralRow) -> tuple[StatusStep, ...]:
    return tuple(StatusStep(ReferralStatus(s["status"]), date.fromisoformat(s["on"]), s["by"]) for s in row.history)


def step_data(step: StatusStep) -> dict[str, Any]:
    return {"status": step.status.value, "on": step.on.isoformat(), "by": step.by}


def details_data(details: ReferralDetails) -> dict[str, Any]:
    """What `sealed_details` holds."""
    return {
        "kind": details.kind.value,
        "provider_id": details.provider_id,
        "provider_name": details.provider_name,
        "note": details.note,
    }


def details_from(data: dict[str, Any] | None) -> ReferralDetails | None:
    if data is None:
        return None
    return ReferralDetails(ReferralKind(data["kind"]), data["provider_id"], data["provider_name"], data["note"])
