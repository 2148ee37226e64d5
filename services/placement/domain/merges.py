"""One placement profile out of two registrations of the same person (no I/O): nothing either recorded is lost.

The kept client's values stand; lists (occupations, qualifications, licences, languages) take the duplicate's
entries the kept client lacks, and a value only the duplicate has fills the gap.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

LISTS = ("target_occupations", "qualifications", "driving_licences", "languages")
NOT_MERGED = ("client_id", "updated_at", "updated_by")


def merged_profile(kept: Mapping[str, Any], gone: Mapping[str, Any]) -> dict[str, Any]:
    profile = dict(kept)
    for name, value in gone.items():
        if name in NOT_MERGED:
            continue
        if name in LISTS:
            profile[name] = [*kept[name], *(v for v in value if v not in kept[name])]
        elif profile.get(name) is None:
            profile[name] = value
    profile["apprenticeship_seeker"] = bool(kept.get("apprenticeship_seeker") or gone.get("apprenticeship_seeker"))
    return profile
