"""Whom a household's letters go to: name and postal address as the clerk entered them, sealed."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import Column, Text
from sqlmodel import Field

from services.benefits.tables.base import BenefitsTable
from services.platform.columns import moment_field


class LetterRecipientRow(BenefitsTable, table=True):
    """One per household, replaced when the clerk enters a new address. Benefits learns no names from events
    (they carry ids only), so the clerk enters the recipient here; sealed like the household's inputs, every
    read and write audited."""

    __tablename__ = "letter_recipients"

    household_id: UUID = Field(primary_key=True)
    office_id: str = Field(max_length=50)
    sealed_recipient: str = Field(sa_column=Column(Text, nullable=False))
    entered_by: str = Field(max_length=100)
    entered_at: datetime = moment_field()


LETTER_RECIPIENT = "letter_recipients.sealed_recipient"  # the sealed field: its audit name and associated data
