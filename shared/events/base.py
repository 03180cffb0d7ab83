"""The base of every contract: frozen models of JSON primitives, and the person they carry."""

from __future__ import annotations

from typing import ClassVar

from pydantic import BaseModel, ConfigDict


class Contract(BaseModel):
    model_config = ConfigDict(frozen=True, extra="ignore")


class Person(Contract):
    """A user as events carry them: enough to address and to authorise."""

    id: int
    name: str
    email: str
    language: str = "id"


class Event(Contract):
    """Base of every payload. `name` and `version` identify the contract on the wire."""

    name: ClassVar[str]
    version: ClassVar[int] = 1
