"""The BA Jobsuche's record format (the fields of its public API's `stellenangebote`), validated one record at
a time so that one bad record is reported instead of refusing the whole file."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from services.placement.domain.jobsuche import PublishedVacancy, Rejection, kind_of, subject_to_social_insurance
from services.placement.domain.occupations import Classification
from services.placement.schemas import Text
from services.platform.http import fields

Refnr = Annotated[str, StringConstraints(pattern=r"^[0-9A-Za-z][0-9A-Za-z-]{0,49}$")]


class Koordinaten(BaseModel):
    model_config = ConfigDict(extra="ignore")
    lat: Annotated[float, Field(ge=-90, le=90)]
    lon: Annotated[float, Field(ge=-180, le=180)]


class Arbeitsort(BaseModel):
    model_config = ConfigDict(extra="ignore")
    plz: fields.Postcode
    ort: Text | None = None
    koordinaten: Koordinaten | None = None


class Stellenangebot(BaseModel):
    """One published vacancy; fields the import does not use (region, externeUrl, …) are ignored."""

    model_config = ConfigDict(extra="ignore", populate_by_name=True)
    refnr: Refnr
    beruf: Text
    titel: Text
    arbeitgeber: Text
    arbeitsort: Arbeitsort
    arbeitszeit: Literal["vz", "tz", "snw", "ho", "mj"] | None = None
    eintrittsdatum: fields.StaffDate | None = None
    angebotsart: Literal[1, 4] = 1
    anzahl_offene_stellen: Annotated[int, Field(ge=1, le=1000, alias="anzahlOffeneStellen")] = 1


class JobsucheFile(BaseModel):
    """A file of the Jobsuche's search results: `{"stellenangebote": [...]}`."""

    stellenangebote: Annotated[list[Any], Field(max_length=5000)]  # each record checked on its own


def read_record(raw: Any, kldb: Classification) -> PublishedVacancy | list[tuple[str, str]]:
    """The record as a published vacancy, or its errors as (field, reason)."""
    try:
        record = Stellenangebot.model_validate(raw)
    except ValidationError as invalid:
        return [(".".join(str(p) for p in e["loc"]), e["msg"]) for e in invalid.errors()]
    code = kldb.code_of_job_title(record.beruf)
    if code is None:
        return [("beruf", f"{record.beruf!r} is not a job title of the KldB 2010")]
    kind = kind_of(record.angebotsart)
    return PublishedVacancy(
        refnr=record.refnr,
        title=record.titel,
        job_title=record.beruf,
        kldb_code=code,
        employer_name=record.arbeitgeber,
        postcode=record.arbeitsort.plz,
        kind=kind,
        subject_to_social_insurance=subject_to_social_insurance(kind, record.arbeitszeit),
        positions=record.anzahl_offene_stellen,
        entry_date=record.eintrittsdatum,
    )


def read_records(records: list[Any], kldb: Classification) -> list[PublishedVacancy | Rejection]:
    """Each record as a published vacancy, or as a rejection naming its position, `refnr` and errors."""
    read: list[PublishedVacancy | Rejection] = []
    for index, raw in enumerate(records):
        found = read_record(raw, kldb)
        if isinstance(found, PublishedVacancy):
            read.append(found)
            continue
        refnr = raw.get("refnr") if isinstance(raw, dict) and isinstance(raw.get("refnr"), str) else None
        read.append(Rejection(index, refnr, tuple(found)))
    return read
