"""The envelope an event travels in, and who caused it."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from pydantic import Field

from shared.events.base import Contract, Event
from shared.events.routing import CONTRACTS


class Origin(Contract):
    """Who caused an event and from where: the signed-in user and the client's address of the
    request that published it. None on events a service publishes on its own (a consumer, beat)."""

    user_id: int | None = None
    role: str | None = None
    ip: str | None = None


class Envelope(Contract):
    event_id: str = Field(default_factory=lambda: str(uuid.uuid4()))
    name: str
    version: int
    occurred_at: datetime = Field(default_factory=lambda: datetime.now(UTC))
    producer: str
    correlation_id: str | None = None
    origin: Origin | None = None
    payload: dict[str, Any]

    @classmethod
    def wrap(
        cls,
        event: Event,
        producer: str,
        correlation_id: str | None = None,
        origin: Origin | None = None,
    ) -> Envelope:
        return cls(
            name=event.name,
            version=event.version,
            producer=producer,
            correlation_id=correlation_id,
            origin=origin,
            payload=event.model_dump(mode="json"),
        )

    def open(self) -> Event:
        """The typed payload; raises `UnknownEvent` for a contract this code does not know."""
        contract = CONTRACTS.get(self.name)
        if contract is None or contract.version != self.version:
            raise UnknownEventError(f"{self.name} v{self.version}")
        return contract.model_validate(self.payload)

    def to_wire(self) -> dict[str, Any]:
        return self.model_dump(mode="json")


class UnknownEventError(ValueError):
    """An envelope names a contract or version this code cannot read."""
