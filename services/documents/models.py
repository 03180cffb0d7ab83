"""The documents service's tables: the rendered files, their numbering, the facts it keeps from
events to print the documents of a whole call, the admin's background jobs, the versioned
document settings of the installation, its outbox and inbox."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any

from sqlalchemy import JSON, CheckConstraint, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.beat import schedule_table
from shared.db import UtcDateTime, make_metadata
from shared.directory import directory_tables
from shared.inbox import inbox_table
from shared.migrations import MigrationSet
from shared.outbox import outbox_tables, utcnow


class Base(DeclarativeBase):
    metadata = make_metadata()


class Document(Base):
    """A rendered, stored PDF, how it is verified, and who may read it.

    One per (kind, subject, revision): `subject` names what the document is about
    (`proposal:41:v2`, `call:3:evaluator:31`, `review:17`, `call:3`). A document whose data
    changed is issued as the next revision and the previous one becomes `superseded`; the same
    data again is the same document, so a redelivered event never makes a second one.
    """

    __tablename__ = "documents"
    __table_args__ = (
        UniqueConstraint("kind", "subject", "revision"),
        CheckConstraint("length(sha256) = 64", name="sha256_length"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), default="", index=True)
    revision: Mapped[int] = mapped_column(default=1)
    status: Mapped[str] = mapped_column(String(20), default="valid")
    number: Mapped[str | None] = mapped_column(String(120), unique=True)
    verification_code: Mapped[str | None] = mapped_column(String(16), unique=True)
    issued_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    source_sha256: Mapped[str] = mapped_column(String(64), default="")
    call_id: Mapped[int | None] = mapped_column(index=True)
    proposal_id: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    sha256: Mapped[str] = mapped_column(String(64), index=True)
    storage_key: Mapped[str] = mapped_column(String(200))
    size_bytes: Mapped[int]
    pages: Mapped[int] = mapped_column(default=0)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)
    owner_user_id: Mapped[int] = mapped_column(index=True)
    owner_opd_code: Mapped[str] = mapped_column(String(80), index=True)
    # Evaluators allowed to read (assigned to the proposal): confidential, never printed.
    reader_user_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    # The version of the installation's document settings it was rendered with (None: before
    # there were versions): a new version makes the same data a new revision when asked again.
    settings_version: Mapped[int | None]


class RenderFailure(Base):
    """A document that cannot be rendered from its input (a limit hit, a template error), with
    the reason: shown as failed to the admin and, through `document.failed`, the innovator. One
    per (kind, subject, source), so a redelivered event records it once."""

    __tablename__ = "document_render_failures"
    __table_args__ = (UniqueConstraint("kind", "subject", "source_sha256"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    subject: Mapped[str] = mapped_column(String(120), index=True)
    source_sha256: Mapped[str] = mapped_column(String(64))
    status: Mapped[str] = mapped_column(String(20), default="failed")
    reason: Mapped[str] = mapped_column(String(2000))
    call_id: Mapped[int | None] = mapped_column(index=True)
    proposal_id: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    owner_user_id: Mapped[int] = mapped_column(index=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class NumberCounter(Base):
    """The last sequence number handed out for a kind of document in a (local) year.

    Incremented in place (`UPDATE ... SET last = last + 1 ... RETURNING`), so two workers
    numbering documents of one kind at once always get different numbers (see numbering.py).
    """

    __tablename__ = "document_number_counters"
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    year: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    last: Mapped[int] = mapped_column(default=0)


class NumberReservation(Base):
    """The sequence number reserved for one revision of a document before it is rendered: an
    issue retried or redelivered after a failed render reuses it (no gap, no second number)."""

    __tablename__ = "document_number_reservations"
    __table_args__ = (UniqueConstraint("kind", "year", "seq"),)
    kind: Mapped[str] = mapped_column(String(40), primary_key=True)
    subject: Mapped[str] = mapped_column(String(120), primary_key=True)
    revision: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    year: Mapped[int]
    seq: Mapped[int]
    reserved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class CallInfo(Base):
    """The latest `call.published` of a call: its name and year print on the call's documents."""

    __tablename__ = "document_calls"
    call_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version_no: Mapped[int]
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class ProposalInfo(Base):
    """The latest submitted version of a proposal, from `proposal.submitted`."""

    __tablename__ = "document_proposals"
    proposal_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    version_no: Mapped[int]
    call_id: Mapped[int | None] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class Assignment(Base):
    """An evaluator on a proposal version, from `review.assigned` (for the surat tugas)."""

    __tablename__ = "document_assignments"
    __table_args__ = (UniqueConstraint("evaluator_id", "proposal_id", "version_no"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int | None] = mapped_column(index=True)
    evaluator_id: Mapped[int] = mapped_column(index=True)
    evaluator_name: Mapped[str] = mapped_column(String(200))
    proposal_id: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int]
    title: Mapped[str] = mapped_column(String(500))
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime())
    blind: Mapped[bool] = mapped_column(default=False)


class LetterDue(Base):
    """An evaluator's surat tugas to issue again, once `due_at` has passed.

    Assignments come in bursts (a whole call admitted at the deadline) and the letter lists every
    one of the evaluator's proposals, so it is rendered once `letter_delay` after the first
    assignment it will list rather than once per assignment. A row is written with the
    assignment, in the same transaction, and claimed by the documents beat's
    `documents.issue_due_letters`; `due_at` is None once it is issued."""

    __tablename__ = "document_letters_due"
    call_key: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)  # 0: no call
    evaluator_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    name: Mapped[str] = mapped_column(String(200))
    email: Mapped[str] = mapped_column(String(320))
    language: Mapped[str] = mapped_column(String(8), default="id")
    assigned_at: Mapped[datetime] = mapped_column(UtcDateTime())  # the newest: the letter's date
    due_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), index=True)  # None: issued


class ScoreInfo(Base):
    """A submitted review's total, from `review.submitted` (for the recap and the minutes)."""

    __tablename__ = "document_scores"
    review_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    call_id: Mapped[int | None] = mapped_column(index=True)
    proposal_id: Mapped[int] = mapped_column(index=True)
    version_no: Mapped[int]
    evaluator_id: Mapped[int]
    evaluator_name: Mapped[str] = mapped_column(String(200))
    total: Mapped[float]
    # Each scored aspect's score, by key: where the reviews of one aspect disagree.
    scores: Mapped[dict[str, float] | None] = mapped_column(JSON, nullable=True)


class DecisionInfo(Base):
    """The latest `decision.made` of a proposal (for the certificates)."""

    __tablename__ = "document_decisions"
    proposal_id: Mapped[int] = mapped_column(primary_key=True, autoincrement=False)
    call_id: Mapped[int | None] = mapped_column(index=True)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)


class Job(Base):
    """A document the admin asked for (recap, minutes, certificates), rendered in the worker."""

    __tablename__ = "document_jobs"
    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(40))
    call_id: Mapped[int]
    params: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    status: Mapped[str] = mapped_column(String(20), default="queued")
    done: Mapped[int] = mapped_column(default=0)
    total: Mapped[int] = mapped_column(default=0)
    document_id: Mapped[int | None]
    error: Mapped[str | None] = mapped_column(String(500))
    requested_by: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class SettingsVersion(Base):
    """One saved version of the installation's document settings: the kop surat, the
    signatories and the legal bases (`letterhead.deploy` reads `values`), who saved it and when.
    Never changed once written: each save adds the next version, the newest applies to what is
    rendered from then on, and a document names the version it was rendered with."""

    __tablename__ = "document_settings"
    id: Mapped[int] = mapped_column(primary_key=True)  # the version number
    values: Mapped[dict[str, Any]] = mapped_column(JSON)
    logo_sha256: Mapped[str | None] = mapped_column(String(64))  # None: the packaged emblem
    saved_by_id: Mapped[int | None]  # None: the seed
    saved_by_name: Mapped[str] = mapped_column(String(200), default="")
    saved_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


class Logo(Base):
    """An uploaded logo that passed `images.check_logo`, once per content, shared by every
    settings version that prints it."""

    __tablename__ = "document_logos"
    sha256: Mapped[str] = mapped_column(String(64), primary_key=True)
    media_type: Mapped[str] = mapped_column(String(40))
    data: Mapped[bytes] = mapped_column(LargeBinary)
    width: Mapped[int]
    height: Mapped[int]
    uploaded_at: Mapped[datetime] = mapped_column(UtcDateTime(), default=utcnow)


OUTBOX = outbox_tables(Base.metadata, "documents", audit_columns=True)
INBOX = inbox_table(Base.metadata, "documents")
# Accounts and agencies as identity announces them (shared.directory).
DIRECTORY = directory_tables(Base.metadata, "documents")
SCHEDULE = schedule_table(Base.metadata, "documents_schedule")
MIGRATIONS = MigrationSet("documents", Path(__file__).parent / "migrations", Base.metadata)
