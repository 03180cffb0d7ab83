"""What the console's API answers, for its OpenAPI document."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel


class HealthLine(BaseModel):
    level: str
    text: str
    key: str
    values: dict[str, Any]


class SystemOut(BaseModel):
    status: str
    lines: list[HealthLine]
    queues: dict[str, Any]
    workers: Any
    outboxes: dict[str, Any]
    trouble: list[dict[str, Any]]  # tasks retried or failed in the last day, failed first


class AuditEntryOut(BaseModel):
    at: str  # an HTTP date, as Flask writes a datetime
    service: str
    action: str
    user_id: int | None
    role: str | None
    ip: str | None
    proposal_id: int | None
    correlation_id: str | None
    event_id: str
    reason: str
    target: str  # whom an admin's action on an account was about (their e-mail), else ""
