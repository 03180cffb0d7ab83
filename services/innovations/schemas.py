"""The innovations API's bodies: what a client sends and what it reads back."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from services.innovations.models import STAGES, Innovation


class InnovationIn(BaseModel):
    """A new innovation, registered directly (not from a proposal)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=300)
    summary: str = Field(default="", max_length=20000)
    opd_code: str | None = Field(default=None, max_length=40)
    initiator: str = Field(default="", max_length=60)
    kind: str = Field(default="", max_length=20)
    form: str = Field(default="", max_length=120)
    urusan: list[str] = Field(default_factory=list, max_length=40)
    theme: str = Field(default="", max_length=120)
    sdgs: list[int] = Field(default_factory=list, max_length=17)
    stage: str = Field(default="inisiatif", pattern="^(" + "|".join(STAGES) + ")$")
    started_on: date | None = None
    public: bool = False
    public_names: bool = False
    results: str = Field(default="", max_length=20000)


class InnovationEdit(BaseModel):
    """An innovation's profile changed (its stage moves by `/stage`, its agency stays)."""

    model_config = ConfigDict(extra="forbid")

    title: str = Field(min_length=3, max_length=300)
    summary: str = Field(default="", max_length=20000)
    initiator: str = Field(default="", max_length=60)
    kind: str = Field(default="", max_length=20)
    form: str = Field(default="", max_length=120)
    urusan: list[str] = Field(default_factory=list, max_length=40)
    theme: str = Field(default="", max_length=120)
    sdgs: list[int] = Field(default_factory=list, max_length=17)
    started_on: date | None = None
    public: bool = False
    public_names: bool = False
    results: str = Field(default="", max_length=20000)


class StageForm(BaseModel):
    """The multipart form of a stage reached (documentation only: the route reads the form)."""

    stage: str = Field(description="uji_coba or penerapan (never back)")
    on: date = Field(description="The day the stage began (not in the future)")
    trial_on: date | None = Field(
        default=None, description="The admin recording penerapan straight away: the trial's day"
    )
    berita_acara: bytes = Field(
        json_schema_extra={"format": "binary"},
        description="The signed berita acara (PDF or image); its type is read from its content",
    )


class InnovationOut(BaseModel):
    id: int
    title: str
    summary: str
    opd_code: str
    opd_name: str
    initiator: str
    kind: str
    form: str
    urusan: list[str]
    theme: str
    sdgs: list[int]
    stage: str
    started_on: date | None
    trial_on: date | None
    implemented_on: date | None
    public: bool
    public_names: bool
    results: str
    proposal_ids: list[int]
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, row: Innovation, proposal_ids: list[int]) -> InnovationOut:
        return cls(
            id=row.id, title=row.title, summary=row.summary, opd_code=row.opd_code,
            opd_name=row.opd_name, initiator=row.initiator, kind=row.kind, form=row.form,
            urusan=list(row.urusan), theme=row.theme, sdgs=list(row.sdgs), stage=row.stage,
            started_on=row.started_on, trial_on=row.trial_on,
            implemented_on=row.implemented_on, public=row.public,
            public_names=row.public_names, results=row.results, proposal_ids=proposal_ids,
            created_at=row.created_at, updated_at=row.updated_at,
        )  # fmt: skip


class HistoryOut(BaseModel):
    at: datetime
    kind: str
    detail: dict[str, Any]
