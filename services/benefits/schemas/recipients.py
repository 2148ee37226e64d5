"""HTTP bodies of a household's letter recipient: name and postal address, as on the envelope."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.benefits.domain.letters import Recipient
from services.platform.http.fields import Postcode, Text

AddressLine = Annotated[Text, StringConstraints(strip_whitespace=True, min_length=1, max_length=100)]


class RecipientIn(BaseModel):
    """Whom the household's decision letters go to: the person who represents it (§ 38 SGB II)."""

    model_config = ConfigDict(extra="forbid")
    name: AddressLine = Field(description="as on the envelope, e.g. `Marie Luise Kraska`")
    care_of: AddressLine | None = Field(None, description="c/o line, when the letters go to someone else's door")
    street: AddressLine = Field(description="street and house number")
    postcode: Postcode
    town: AddressLine

    def to_domain(self) -> Recipient:
        return Recipient(self.name, self.street, self.postcode, self.town, self.care_of)


class RecipientOut(BaseModel):
    name: str
    care_of: str | None
    street: str
    postcode: str
    town: str
