"""What the notifications API answers, for its OpenAPI document."""

from __future__ import annotations

from pydantic import BaseModel


class NoticeOut(BaseModel):
    id: int
    kind: str
    subject: str
    text: str
    link: str
    created_at: str
    read: bool
    mandatory: bool
    email_status: str


class InboxOut(BaseModel):
    unread: int
    items: list[NoticeOut]
    total: int
    page: int
    per_page: int


class UnreadOut(BaseModel):
    unread: int


class ReadOut(BaseModel):
    id: int
    read: bool


class MarkedOut(BaseModel):
    marked: int


class PreferenceOut(BaseModel):
    kind: str
    enabled: bool
    mandatory: bool


class FailedDeliveryOut(BaseModel):
    id: int
    kind: str
    recipient_email: str
    subject: str
    attempts: int
    server_answer: str | None
    last_attempt_at: str | None
    channel: str


class AttemptOut(BaseModel):
    at: str
    channel: str
    outcome: str
    answer: str | None
