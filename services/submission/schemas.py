"""The JSON shapes of submission's API (they also generate its OpenAPI document)."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, StringConstraints

from services.submission.models import Proposal, TimelineEntry

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=3, max_length=300)]
Summary = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=20000)]
OpdCode = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class ProposalCreate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    title: Title
    summary: Summary
    opd_code: OpdCode | None = None


class ProposalUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)
    title: Title | None = None
    summary: Summary | None = None
    opd_code: OpdCode | None = None


class ProposalOut(BaseModel):
    id: int
    title: str
    summary: str
    opd_code: str
    status: str
    version_no: int
    innovator_id: int
    created_at: datetime
    updated_at: datetime
    submitted_at: datetime | None

    @classmethod
    def of(cls, p: Proposal) -> ProposalOut:
        return cls(
            id=p.id,
            title=p.title,
            summary=p.summary,
            opd_code=p.opd_code,
            status=p.status,
            version_no=p.version_no,
            innovator_id=p.innovator_id,
            created_at=p.created_at,
            updated_at=p.updated_at,
            submitted_at=p.submitted_at,
        )


class SubmitAccepted(BaseModel):
    id: int
    status: str
    version_no: int


class TimelineItem(BaseModel):
    event: str
    at: datetime
    detail: str
    link: str | None = Field(default=None, description="A download or page about this step")

    @classmethod
    def of(cls, entry: TimelineEntry, detail: str) -> TimelineItem:
        return cls(event=entry.event, at=entry.at, detail=detail, link=entry.link)
