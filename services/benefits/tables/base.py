"""The declarative base of benefits' tables (its own database, its own registry) and their column kinds."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, Column, Numeric
from sqlalchemy.orm import registry
from sqlmodel import Field, SQLModel


class BenefitsTable(SQLModel, registry=registry()):
    pass


def money() -> Any:
    return Field(sa_column=Column(Numeric(12, 2), nullable=False))


def json_document(nullable: bool = False) -> Any:
    column = Column(JSON, nullable=nullable)
    return Field(default=None, sa_column=column) if nullable else Field(sa_column=column)
