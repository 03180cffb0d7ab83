"""The review service's tables, in its own MetaData (names unique across the project)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.beat import schedule_table
from shared.db import UtcDateTime, make_metadata
from shared.directory import directory_tables
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables

EVALUATOR_KINDS = ("academic", "practitioner", "government")
WAITING, ASSIGNED = "waiting", "assigned"  # review_proposals.status
SCORED, DECIDED = "scored", "decided"  # review_proposals.status, after every review is in
WITHDRAWN = "withdrawn"  # review_proposals.status: the innovator withdrew it
PROPOSAL_STATES = (WAITING, ASSIGNED, SCORED, DECIDED, WITHDRAWN)
# assignments.status: assigned (not started), draft (scores saved), submitted, released
OPEN_REVIEW_STATES = ("assigned", "draft")
DECISIONS = ("finalist", "not_selected", "winner")


class Base(DeclarativeBase):
    metadata = make_metadata()


class Evaluator(Base):
    """A member of the tim evaluasi; `id` is the identity user id, so it is never generated."""

    __tablename__ = "evaluators"
    __table_args__ = (
        CheckConstraint("kind IN ('academic', 'practitioner', 'government')", name="kind"),
        CheckConstraint("max_load >= 0", name="max_load"),
    )

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    # Home agency, for conflicts. No foreign key to review_agencies: identity owns the tree
    # and an evaluator may be known here before the tree is synced.
    opd_code: Mapped[str | None] = mapped_column(String(80))
    kind: Mapped[str] = mapped_column(String(20))
    language: Mapped[str] = mapped_column(String(5), default="id")
    max_load: Mapped[int] = mapped_column(default=10)
    active: Mapped[bool] = mapped_column(default=True)
    min_load: Mapped[int] = mapped_column(Integer, default=0)
    # Expertise: urusan / categories as topics, and free-text keywords for TF-IDF.
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    expertise: Mapped[str] = mapped_column(Text, default="")


class ReviewCall(Base):
    """One version of a call's settings as `call.published` carried them (the rubric is data)."""

    __tablename__ = "review_calls"

    call_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    k: Mapped[int] = mapped_column(Integer)
    blind: Mapped[bool] = mapped_column(Boolean)
    scale_min: Mapped[int] = mapped_column(Integer)
    scale_max: Mapped[int] = mapped_column(Integer)
    # [{"key", "title", "weight"}, ...]
    aspects: Mapped[list[dict[str, object]]] = mapped_column(JSON)
    review_days: Mapped[int] = mapped_column(Integer)
    # topic_weight, text_weight, composition, disagreement, remind_days ...
    settings: Mapped[dict[str, object]] = mapped_column(JSON)
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())


class Announcement(Base):
    """A call's results announced (pengumuman hasil): who, when; the next one is numbered on."""

    __tablename__ = "review_announcements"
    __table_args__ = (UniqueConstraint("call_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    number: Mapped[int] = mapped_column(Integer)
    announced_at: Mapped[datetime] = mapped_column(UtcDateTime())
    announced_by: Mapped[int] = mapped_column(Integer)
    decided: Mapped[int] = mapped_column(Integer)  # how many decided proposals it listed


class Invitation(Base):
    """An evaluator invited to a call: invited → accepted | declined."""

    __tablename__ = "review_invitations"
    __table_args__ = (
        UniqueConstraint("call_id", "evaluator_id"),
        CheckConstraint("status IN ('invited', 'accepted', 'declined')", name="status"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("evaluators.id"))
    status: Mapped[str] = mapped_column(String(20), default="invited")
    invited_at: Mapped[datetime] = mapped_column(UtcDateTime())
    answered_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Conflict(Base):
    """A declared conflict of interest (evaluator's own or the admin's), with its reason."""

    __tablename__ = "review_conflicts"
    __table_args__ = (UniqueConstraint("proposal_id", "evaluator_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(Integer, index=True)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("evaluators.id"))
    source: Mapped[str] = mapped_column(String(20))  # evaluator | admin
    reason: Mapped[str] = mapped_column(Text)
    declared_at: Mapped[datetime] = mapped_column(UtcDateTime())


class ReviewAgency(Base):
    """Review's copy of the agency tree (code → parent), enough to detect conflicts."""

    __tablename__ = "review_agencies"

    code: Mapped[str] = mapped_column(String(80), primary_key=True)
    # No self foreign key: the copy is synced in whatever order identity hands it over.
    parent_code: Mapped[str | None] = mapped_column(String(80))


class ReviewProposal(Base):
    """The snapshot of a submitted proposal version, as `proposal.admitted` carried it.

    It holds all `review.assigned` needs, so a proposal left "waiting" (too few evaluators)
    can be assigned later without the original event.
    """

    __tablename__ = "review_proposals"
    __table_args__ = (
        CheckConstraint(
            "status IN ('waiting', 'assigned', 'scored', 'decided', 'withdrawn')", name="status"
        ),
    )

    proposal_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    title: Mapped[str] = mapped_column(String(300))
    summary: Mapped[str] = mapped_column(Text)
    opd_code: Mapped[str] = mapped_column(String(80), index=True)
    opd_name: Mapped[str] = mapped_column(String(200))
    innovator_id: Mapped[int] = mapped_column(Integer)
    innovator_name: Mapped[str] = mapped_column(String(200))
    innovator_email: Mapped[str] = mapped_column(String(254))
    innovator_language: Mapped[str] = mapped_column(String(5), default="id")
    call_id: Mapped[int | None] = mapped_column(Integer)
    submitted_at: Mapped[datetime] = mapped_column(UtcDateTime())
    received_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(20), default="waiting", index=True)
    call_version: Mapped[int | None] = mapped_column(Integer)
    category: Mapped[str | None] = mapped_column(String(120))
    group_name: Mapped[str | None] = mapped_column(String(120))
    topics: Mapped[list[str]] = mapped_column(JSON, default=list)
    text: Mapped[str] = mapped_column(Text, default="")
    # Each section as written: [{"key", "title", "text"}]; an aspect's key names its section.
    sections: Mapped[list[dict[str, str]] | None] = mapped_column(JSON, nullable=True)
    # The version's files: [{"id", "kind", "filename", "content_type", "size"}]; `aspect:<key>`
    # files are the supporting data the evaluator reads beside that aspect.
    files: Mapped[list[dict[str, object]] | None] = mapped_column(JSON, nullable=True)
    team_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The team's names, masked (with the innovator's and the agency's) for a blind reader.
    team_names: Mapped[list[str]] = mapped_column(JSON, default=list)
    blind: Mapped[bool] = mapped_column(Boolean, default=False)
    # Aggregation, once every review is in (proposal.scored).
    mean: Mapped[float | None] = mapped_column(Float)
    median: Mapped[float | None] = mapped_column(Float)
    calibrated: Mapped[float | None] = mapped_column(Float)
    disagreement: Mapped[bool] = mapped_column(Boolean, default=False)
    decision: Mapped[str | None] = mapped_column(String(20))
    decided_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # Evaluators added beyond the call's k (the admin's answer to a disagreement).
    extra_evaluators: Mapped[int] = mapped_column(Integer, default=0)


class Assignment(Base):
    """One evaluator assigned to one proposal version, with why they were chosen."""

    __tablename__ = "assignments"
    __table_args__ = (
        UniqueConstraint("proposal_id", "version_no", "evaluator_id"),
        ForeignKeyConstraint(
            ["proposal_id", "version_no"],
            ["review_proposals.proposal_id", "review_proposals.version_no"],
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    proposal_id: Mapped[int] = mapped_column(Integer)
    version_no: Mapped[int] = mapped_column(Integer)
    evaluator_id: Mapped[int] = mapped_column(ForeignKey("evaluators.id"), index=True)
    status: Mapped[str] = mapped_column(String(20), default="assigned")
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime())
    # How many assignments the evaluator already held when chosen (before this one).
    load_at_assignment: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    call_id: Mapped[int | None] = mapped_column(Integer, index=True)
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True, index=True)
    replacement: Mapped[bool] = mapped_column(Boolean, default=False)
    reminded_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    released_reason: Mapped[str | None] = mapped_column(String(20))
    released_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # The review itself: {"aspect key": {"score": n, "comment": "..."}}, and the weighted total.
    scores: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)
    total: Mapped[float | None] = mapped_column(Float)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class BatchRun(Base):
    """ "Optimise every assignment not yet started" for a call: planned in the background with
    progress and cancel, previewed as a difference, then deployed (or not)."""

    __tablename__ = "review_batch_runs"
    __table_args__ = (
        CheckConstraint(
            "status IN ('queued', 'running', 'ready', 'infeasible', 'cancelled', 'deployed')",
            name="status",
        ),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    progress: Mapped[int] = mapped_column(Integer, default=0)
    message: Mapped[str] = mapped_column(Text, default="")
    requested_by: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())
    finished_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)
    # {"proposals": [{"proposal_id", "version_no", "current": [ids], "planned": [{"evaluator_id",
    #   "score", "reasons"}]}], "objective": float}
    plan: Mapped[dict[str, object]] = mapped_column(JSON, default=dict)


class Override(Base):
    """The admin's manual change of an evaluator, with the reason (the audit trail)."""

    __tablename__ = "review_overrides"

    id: Mapped[int] = mapped_column(primary_key=True)
    released_assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"))
    new_assignment_id: Mapped[int] = mapped_column(ForeignKey("assignments.id"))
    admin_id: Mapped[int] = mapped_column(Integer)
    reason: Mapped[str] = mapped_column(Text)
    at: Mapped[datetime] = mapped_column(UtcDateTime())


class RankingPlace(Base):
    """A scored version's place in its call's ranking as last computed (`standings`), so a page
    of the ranking is read by its position; computed again once the call's scores change."""

    __tablename__ = "review_ranking_places"
    __table_args__ = (Index("ix_review_ranking_places_call_position", "call_id", "position"),)

    call_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    proposal_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    position: Mapped[int] = mapped_column(Integer)  # 1-based, in the ranking's order
    rank: Mapped[int] = mapped_column(Integer)  # within the category
    group_rank: Mapped[int] = mapped_column(Integer)  # within the group
    calibrated: Mapped[float] = mapped_column(Float)


class RankingStamp(Base):
    """What a call's stored ranking was computed from (`standings.stamp`): unchanged while the
    call's submitted reviews and scored versions are."""

    __tablename__ = "review_ranking_stamps"

    call_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    stamp: Mapped[str] = mapped_column(String(200))


class ObjectionWindow(Base):
    """A call's objection window (uji publik), opened once after its announcement; its held
    decisions are published when it has closed and every objection is resolved."""

    __tablename__ = "review_objection_windows"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, unique=True)  # one window per call, ever
    days: Mapped[int] = mapped_column(Integer)
    opened_at: Mapped[datetime] = mapped_column(UtcDateTime())
    closes_at: Mapped[datetime] = mapped_column(UtcDateTime())  # the last second still open
    opened_by: Mapped[int] = mapped_column(Integer)
    finalized_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class Objection(Base):
    """An objection (sanggahan) to a decided proposal, by an account or a confirmed e-mail."""

    __tablename__ = "review_objections"
    __table_args__ = (CheckConstraint("status IN ('open', 'upheld', 'dismissed')", name="status"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    proposal_id: Mapped[int] = mapped_column(Integer)
    version_no: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(254))
    user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    reason: Mapped[str] = mapped_column(Text)
    # The evidence file, checked (shared.uploads) and kept under a random name in `review`.
    evidence_key: Mapped[str | None] = mapped_column(String(200), nullable=True)
    evidence_name: Mapped[str | None] = mapped_column(String(255), nullable=True)
    evidence_type: Mapped[str | None] = mapped_column(String(100), nullable=True)
    filed_at: Mapped[datetime] = mapped_column(UtcDateTime())
    status: Mapped[str] = mapped_column(String(20), default="open")
    resolution: Mapped[str | None] = mapped_column(Text, nullable=True)
    resolved_by: Mapped[int | None] = mapped_column(Integer, nullable=True)
    resolved_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


class HeldDecision(Base):
    """A decision of a call with uji publik, saved but not yet published: its `decision.made`
    as it will be sent, published once (`published_at`) when the window's decisions are final."""

    __tablename__ = "review_held_decisions"

    proposal_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    version_no: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    call_id: Mapped[int] = mapped_column(Integer, index=True)
    event: Mapped[dict[str, object]] = mapped_column(JSON)
    held_at: Mapped[datetime] = mapped_column(UtcDateTime())
    published_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), nullable=True)


OUTBOX = outbox_tables(Base.metadata, "review", audit_columns=True)
INBOX = inbox_table(Base.metadata, "review")
# Accounts and agencies as identity announces them (shared.directory).
DIRECTORY = directory_tables(Base.metadata, "review")
SCHEDULE = schedule_table(Base.metadata, "review_schedule")
MIGRATIONS = MigrationSet("review", Path(__file__).parent / "migrations", Base.metadata)
