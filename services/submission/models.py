"""Submission's tables: calls and their versions, proposals, their frozen versions, attachments,
the verifier's checks, the audit log, and the timeline."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, BigInteger, ForeignKey, Index, String, Text, UniqueConstraint, event
from sqlalchemy.engine import Connection
from sqlalchemy.orm import DeclarativeBase, Mapped, Mapper, mapped_column

from services.submission.search import search_text
from shared.db import UtcDateTime, make_metadata
from shared.directory import directory_tables
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables, utcnow


class Base(DeclarativeBase):
    metadata = make_metadata()


class Call(Base):
    """A call for proposals (a period). `definition` is the current version's settings."""

    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(300))
    year: Mapped[int] = mapped_column(index=True)
    opens_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime())
    version_no: Mapped[int] = mapped_column(default=1)
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class CallVersion(Base):
    """A call's settings as they were at one version: never changed once written."""

    __tablename__ = "call_versions"
    __table_args__ = (UniqueConstraint("call_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id"), index=True)
    version_no: Mapped[int]
    definition: Mapped[dict[str, Any]] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    created_by: Mapped[int | None]


class Proposal(Base):
    __tablename__ = "proposals"
    # The list's order (newest change first, the id breaking ties), read from the index rather
    # than by sorting every row: a page of 20,000 proposals then costs what a page of 50 does.
    __table_args__ = (Index("ix_proposals_updated_at_id", "updated_at", "id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    opd_code: Mapped[str] = mapped_column(String(80), index=True)
    innovator_id: Mapped[int] = mapped_column(index=True)
    status: Mapped[str] = mapped_column(String(30), default="draft", index=True)
    version_no: Mapped[int] = mapped_column(default=0)
    evaluator_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    call_id: Mapped[int | None] = mapped_column(ForeignKey("calls.id"), index=True)
    call_version: Mapped[int | None]
    # indexed: the list's selects offer the categories and groups found (`listing.choices`)
    category: Mapped[str | None] = mapped_column(String(300), index=True)
    group: Mapped[str | None] = mapped_column(String(300), index=True)
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    video_url: Mapped[str | None] = mapped_column(String(500))
    deadline_override: Mapped[datetime | None] = mapped_column(UtcDateTime())
    fixes: Mapped[list[str]] = mapped_column(JSON, default=list, server_default="[]")
    decision: Mapped[str | None] = mapped_column(String(30))
    # The title, summary and aspects as the list's search reads them (services.submission.search),
    # written on every save by `_keep_search_text`.
    search_text: Mapped[str] = mapped_column(Text, default="", server_default="")


@event.listens_for(Proposal, "before_insert")
@event.listens_for(Proposal, "before_update")
def _keep_search_text(_mapper: Mapper[Proposal], _connection: Connection, p: Proposal) -> None:
    p.search_text = search_text(p.title or "", p.summary or "", p.sections)


class ProposalVersion(Base):
    """What was submitted, frozen: later edits never change it."""

    __tablename__ = "proposal_versions"
    __table_args__ = (UniqueConstraint("proposal_id", "version_no"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    version_no: Mapped[int]
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    opd_code: Mapped[str] = mapped_column(String(80))
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    call_id: Mapped[int | None]
    call_version: Mapped[int | None]
    category: Mapped[str | None] = mapped_column(String(300))
    group: Mapped[str | None] = mapped_column(String(300))
    sdgs: Mapped[list[int]] = mapped_column(JSON, default=list, server_default="[]")
    sections: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    profile: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict, server_default="{}")
    attachments: Mapped[list[dict[str, Any]]] = mapped_column(
        JSON, default=list, server_default="[]"
    )
    video_url: Mapped[str | None] = mapped_column(String(500))


class Attachment(Base):
    """An uploaded file: stored under a random name; `kind` is a required attachment's key,
    `aspect:<key>` for an aspect's supporting file, or `other`."""

    __tablename__ = "attachments"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    kind: Mapped[str] = mapped_column(String(80))
    filename: Mapped[str] = mapped_column(String(255))
    stored_name: Mapped[str] = mapped_column(String(80), unique=True)
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int] = mapped_column(BigInteger)
    sha256: Mapped[str] = mapped_column(String(64))
    uploaded_by: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class TeamMember(Base):
    """A co-innovator: invited by e-mail, may read and edit the proposal once accepted. An
    invitation names an address; `user_id` is the account it reached (None while no innovator
    has that address: the inviter is answered the same either way)."""

    __tablename__ = "team_members"
    __table_args__ = (UniqueConstraint("proposal_id", "email"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    email: Mapped[str] = mapped_column(String(254), index=True)
    user_id: Mapped[int | None] = mapped_column(index=True)
    accepted: Mapped[bool] = mapped_column(default=False)
    invited_by: Mapped[int]
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    accepted_at: Mapped[datetime | None] = mapped_column(UtcDateTime())


class CheckRecord(Base):
    """The verifier's administrative check of one submitted version: `verdict` pass, return or
    refuse (None on checks recorded before refusing existed: `passed` tells those apart)."""

    __tablename__ = "checks"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    version_no: Mapped[int]
    verifier_id: Mapped[int]
    passed: Mapped[bool]
    verdict: Mapped[str | None] = mapped_column(String(10))
    items: Mapped[dict[str, bool]] = mapped_column(JSON, default=dict)
    fixes: Mapped[list[str]] = mapped_column(JSON, default=list)
    note: Mapped[str] = mapped_column(Text, default="")
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class AuditEntry(Base):
    """Who did what an admin answers for (call edits, deadline extensions), and why."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    actor_id: Mapped[int]
    action: Mapped[str] = mapped_column(String(60))
    target: Mapped[str] = mapped_column(String(80), index=True)
    reason: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class TimelineEntry(Base):
    """One step in a proposal's life, projected from an event (one entry per event)."""

    __tablename__ = "timeline_entries"

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(ForeignKey("proposals.id"), index=True)
    event_id: Mapped[str] = mapped_column(String(36), unique=True)
    event: Mapped[str] = mapped_column(String(100))
    at: Mapped[datetime] = mapped_column(UtcDateTime())
    detail_key: Mapped[str] = mapped_column(String(100))
    detail_values: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    link: Mapped[str | None] = mapped_column(String(300))


OUTBOX = outbox_tables(Base.metadata, "submission", audit_columns=True)
INBOX = inbox_table(Base.metadata, "submission")
# Accounts and agencies as identity announces them (shared.directory).
DIRECTORY = directory_tables(Base.metadata, "submission")
# The search's index (services/submission/text_index.py) is made in SQL by migration f6b8d0e2a4c5.
MIGRATIONS = MigrationSet(
    "submission",
    Path(__file__).parent / "migrations",
    Base.metadata,
    unmanaged=("proposal_words", "ix_proposals_search_trgm"),
)
