"""Temporal's codec server protocol: the payloads JSON of `/decode` and `/encode`, read strictly.

A body that is not JSON (or nests too deeply to parse) is a 400; one that is not
`{"payloads": [{"metadata": {…}, "data": …}]}` with base64 bytes (proto3 JSON: standard or
URL-safe alphabet, padding optional) is a 422 naming the field. The protobuf parser alone
would read `[]` as no payloads and `"!!!"` as empty bytes.
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from collections.abc import Sequence
from typing import Annotated

from google.protobuf import json_format
from pydantic import BaseModel, ConfigDict, Field, PlainValidator, ValidationError
from temporalio.api.common.v1 import Payload, Payloads

_BASE64 = re.compile(r"[A-Za-z0-9+/_-]*={0,2}")


def _base64(value: object) -> bytes:
    """proto3 JSON bytes: the standard or URL-safe alphabet, padding optional; anything else is refused."""
    if not isinstance(value, str) or not _BASE64.fullmatch(value) or len(value.rstrip("=")) % 4 == 1:
        raise ValueError("not base64")
    bare = value.rstrip("=").replace("-", "+").replace("_", "/")
    try:
        return base64.b64decode(bare + "=" * (-len(bare) % 4), validate=True)
    except binascii.Error as error:
        raise ValueError("not base64") from error


Base64 = Annotated[bytes, PlainValidator(_base64)]


class PayloadIn(BaseModel):
    metadata: dict[str, Base64] = Field(default_factory=dict)
    data: Base64 = b""


class PayloadsIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    payloads: list[PayloadIn]


class MalformedBody(Exception):
    def __init__(
        self, status: int, detail: str, errors: Sequence[dict[str, str]] = (), summary: str | None = None
    ) -> None:
        super().__init__(detail)
        self.status, self.detail, self.errors = status, detail, list(errors)
        # For the audit: the server's own words and the fields named, never what the caller sent.
        fields = ", ".join(e["field"] for e in self.errors)
        self.summary = (summary or detail) + (f"; fields {fields}" if fields else "")


def parse_payloads(body: bytes) -> list[Payload]:
    try:
        document = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise MalformedBody(400, "the body is not JSON") from error
    except RecursionError as error:  # the stdlib parser recurses per level; the caller chooses the depth
        raise MalformedBody(400, "the body is JSON nested too deeply") from error
    try:
        PayloadsIn.model_validate(document)
        return list(json_format.ParseDict(document, Payloads()).payloads)
    except ValidationError as error:
        errors = [{"field": ".".join(map(str, e["loc"])) or "body", "reason": e["msg"]} for e in error.errors()]
        raise MalformedBody(422, "the body is not Temporal's payloads JSON", errors) from error
    except json_format.ParseError as error:
        summary = "the body is not Temporal's payloads JSON"
        raise MalformedBody(422, f"{summary}: {error}", summary=summary) from error
