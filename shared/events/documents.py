"""Contracts produced by documents and notifications: a stored PDF, a delivered notice."""

from __future__ import annotations

from typing import ClassVar, Literal

from shared.events.base import Event, Person


class DocumentReady(Event):
    """A PDF was rendered and stored.

    Producer: documents. Consumers: notifications (tells the owner), submission (timeline),
    innovations (an innovation's history).
    `kind`: dossier, dossier_blind, surat_tugas, lembar_penilaian, rekap, berita_acara,
    sertifikat. `proposal_id`/`version_no` are 0 for documents of a whole call.
    """

    name: ClassVar[str] = "document.ready"
    document_id: int
    kind: str
    proposal_id: int
    version_no: int
    title: str
    sha256: str
    download_path: str
    owner: Person
    call_id: int | None = None
    number: str | None = None
    verification_code: str | None = None
    # Documents of an innovation's life (berita acara of a stage, a monev report): which one.
    innovation_id: int | None = None
    # What the document is of, for a document of an innovation's life ("visit:12" for the monev
    # report of visit 12) or a year's IID recap ("iid:2026"), so its producer finds its row.
    subject: str | None = None


class DocumentFailed(Event):
    """A document cannot be rendered from its input (a limit hit, a template error): permanent,
    recorded as failed with its reason and not retried.

    Producer: documents. Consumers: submission (timeline, the innovator reads why).
    `proposal_id`/`version_no` are 0 for documents of no proposal. `cause` says which kind of
    failure, in words a consumer chooses (time_limit, memory_limit, input); `reason` is the
    renderer's own words, for the admin, never shown to the innovator raw.
    """

    name: ClassVar[str] = "document.failed"
    kind: str
    subject: str
    proposal_id: int
    version_no: int
    title: str
    cause: Literal["time_limit", "memory_limit", "input"]
    reason: str
    owner: Person
    call_id: int | None = None


class NotificationSent(Event):
    """A notification was delivered on one channel.

    Producer: notifications. Consumers: submission (timeline).
    """

    name: ClassVar[str] = "notification.sent"
    notification_id: int
    proposal_id: int | None
    channel: str
    recipient_email: str
    recipient_role: str
    subject: str
