"""The demo district as data: offices, their towns and postcodes, and the caseload figures of the seeds.

Kreis Plön (seed 000): Lütjenburg serves 850 clients, about 100 of them young people without a job;
Plön and Heikendorf 1,200 each, Preetz 1,700. Landkreis Celle (seed 001) gives no figure: we assume
the size of Preetz. Postcodes are the ones intake maps to each office (Deutsche Post).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class OfficeFigures:
    office_id: str
    name: str
    district: str
    clients: int  # clients served by the office (seed figure)
    youths: int  # of them under 25 without a job
    postcodes: tuple[str, ...]  # residences served; the first is the office's own town
    figure_source: str


# Lütjenburg: "850 Klienten, darunter … rund 100 Jugendliche" — the same youth share elsewhere.
YOUTH_SHARE = 100 / 850

OFFICES: tuple[OfficeFigures, ...] = (
    OfficeFigures(
        "plon", "Plön", "kreis-ploen", 1200, round(1200 * YOUTH_SHARE), ("24306", "24326", "24327", "24329"), "seed 000"
    ),
    OfficeFigures(
        "preetz",
        "Preetz",
        "kreis-ploen",
        1700,
        round(1700 * YOUTH_SHARE),
        ("24211", "24223", "24245", "24247", "24248"),
        "seed 000",
    ),
    OfficeFigures(
        "heikendorf",
        "Heikendorf",
        "kreis-ploen",
        1200,
        round(1200 * YOUTH_SHARE),
        ("24226", "24235", "24253", "24217", "24222", "24232"),
        "seed 000",
    ),
    OfficeFigures(
        "lutjenburg", "Lütjenburg", "kreis-ploen", 850, 100, ("24321", "24238", "24250", "24257"), "seed 000"
    ),
    OfficeFigures(
        "celle",
        "Celle",
        "landkreis-celle",
        1700,
        round(1700 * YOUTH_SHARE),
        (
            "29221",
            "29223",
            "29225",
            "29227",
            "29229",
            "29328",
            "29331",
            "29336",
            "29339",
            "29303",
            "29313",
            "29348",
            "29352",
            "29361",
            "29320",
            "29345",
        ),
        "assumed (no figure in the seeds)",
    ),
)

OFFICES_BY_ID = {office.office_id: office for office in OFFICES}
DEMO_DISTRICT = tuple(office.office_id for office in OFFICES)


def office(office_id: str) -> OfficeFigures:
    try:
        return OFFICES_BY_ID[office_id]
    except KeyError:
        raise ValueError(f"unknown office {office_id!r}; known: {', '.join(OFFICES_BY_ID)}") from None


def apportion(total: int, weights: dict[str, int]) -> dict[str, int]:
    """Split `total` by `weights` with the largest-remainder method: the parts add up exactly."""
    weight_sum = sum(weights.values())
    if total < 0 or weight_sum <= 0:
        raise ValueError("need a non-negative total and positive weights")
    exact = {key: total * w / weight_sum for key, w in weights.items()}
    parts = {key: int(value) for key, value in exact.items()}
    left = total - sum(parts.values())
    by_remainder = sorted(weights, key=lambda key: (-(exact[key] - parts[key]), key))
    for key in by_remainder[:left]:
        parts[key] += 1
    return parts


def clients_per_office(total: int | None, office_ids: tuple[str, ...]) -> dict[str, int]:
    """How many clients each office gets: the seed figures themselves, or `total` split in their proportion."""
    chosen = [office(o) for o in office_ids]
    if total is None:
        return {o.office_id: o.clients for o in chosen}
    return apportion(total, {o.office_id: o.clients for o in chosen})


def youths_among(office_id: str, clients: int) -> int:
    """The office's youth share applied to `clients` (850 at Lütjenburg → 100)."""
    figures = office(office_id)
    return round(clients * figures.youths / figures.clients)
