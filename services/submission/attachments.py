"""A proposal's files: kept when their content is an allowed type within the call's limits,
under a random stored name; read and removed by who may."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from services.submission import access, calls, files, proposals, scrub, states
from services.submission.errors import FileRefused, NotFound, TransitionRefused
from services.submission.models import Attachment
from services.submission.schemas import AttachmentOut
from services.submission.versions import attachments as of_proposal
from shared import runtime
from shared.uploads import filenames, sniff
from shared.web.auth import CurrentUser

MB = 1024 * 1024
_REFUSED = {
    sniff.EXECUTABLE: "file.executable",
    sniff.ARCHIVE_BOMB: "file.archive_bomb",
    sniff.ACTIVE_CONTENT: "file.active_content",
    sniff.UNREADABLE_PDF: "file.unreadable_pdf",
}


def refuse_oversized_body(user: CurrentUser, proposal_id: int, length: int | None) -> None:
    """Refused before a byte of the body is read when its announced length already exceeds the
    call's per-file limit (plus room for the multipart framing)."""
    definition = proposals.form_definition(user, proposal_id)  # also: may this user see it
    each_mb = definition.max_file_mb if definition else 10
    if (length or 0) > each_mb * MB + 64 * 1024:
        raise FileRefused("file", "file.too_large", too_large=True, limit=each_mb)


def upload(
    user: CurrentUser, proposal_id: int, kind: str, filename: str, data: bytes
) -> AttachmentOut:
    """Keep an uploaded file when its content is an allowed type within the call's limits."""
    with runtime.database("submission").session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        if not states.allowed(proposal.status, "edit"):
            raise TransitionRefused("not_editable", "proposal.not_editable")
        definition = calls.definition_for(s, proposal)
        each_mb, total_mb = (
            (definition.max_file_mb, definition.max_total_mb) if definition else (10, 50)
        )
        kinds = {"other"}
        if definition is not None:
            kinds |= {a.key for a in definition.attachments}
            kinds |= {f"aspect:{a.key}" for a in definition.aspects if a.supporting_files}
        if kind not in kinds:
            raise FileRefused("kind", "file.unknown_kind")
        if not data:
            raise FileRefused("file", "file.empty")
        if len(data) > each_mb * MB:
            raise FileRefused("file", "file.too_large", too_large=True, limit=each_mb)
        used = sum(a.size for a in of_proposal(s, proposal.id))
        if used + len(data) > total_mb * MB:
            raise FileRefused("file", "file.total_too_large", too_large=True, limit=total_mb)
        found = sniff.sniff(data)
        if found in _REFUSED:
            raise FileRefused("file", _REFUSED[found], name=filenames.cleaned(filename))
        if found not in sniff.ALLOWED:
            raise FileRefused("file", "file.type_not_allowed", name=filenames.cleaned(filename))
        shown = filenames.display_name(filename, sniff.EXTENSIONS[found])
        stored = files.store(data, sniff.EXTENSIONS[found])
        try:  # held only now: a long check above does not keep other writers waiting on SQLite
            proposals.hold_for_edit(s, proposal)
        except TransitionRefused:
            files.remove(stored)
            raise
        attachment = Attachment(
            proposal_id=proposal.id,
            kind=kind,
            filename=shown,
            stored_name=stored,
            content_type=found,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            uploaded_by=user.id,
        )
        s.add(attachment)
        s.flush()
        return AttachmentOut.of(attachment)


def attachment_list(user: CurrentUser, proposal_id: int) -> list[AttachmentOut]:
    """The files of a proposal the user may read."""
    with runtime.database("submission").session() as s:
        access.load(s, proposal_id, user)
        return [AttachmentOut.of(a) for a in of_proposal(s, proposal_id)]


def attachment_file(
    user: CurrentUser, proposal_id: int, attachment_id: int
) -> tuple[bytes, str, str]:
    """(bytes, download name, content type) of an attachment the user may read."""
    with runtime.database("submission").session() as s:
        access.load(s, proposal_id, user)
        a = s.get(Attachment, attachment_id)
        if a is None or a.proposal_id != proposal_id:
            raise NotFound()
        stored, filename, content_type = a.stored_name, a.filename, a.content_type
    try:
        return files.read(stored), filename, content_type
    except KeyError:
        raise NotFound() from None


@dataclass(frozen=True)
class Shown:
    """A file as a reader opens it in the browser."""

    data: bytes
    name: str
    content_type: str
    inline: bool


def attachment_shown(user: CurrentUser, proposal_id: int, attachment_id: int) -> Shown:
    """A file to open in the browser: PDFs and images inline, the rest downloaded. A blind
    reader gets an aspect's supporting files only (the administrative ones name the team), under
    a neutral name and without the metadata that could name their author."""
    with runtime.database("submission").session() as s:
        _, blind = access.load_evidence(s, proposal_id, user)
        a = s.get(Attachment, attachment_id)
        if a is None or a.proposal_id != proposal_id:
            raise NotFound()
        if blind and not (a.kind.startswith("aspect:") and scrub.scrubbable(a.content_type)):
            raise NotFound()
        stored, filename, content_type = a.stored_name, a.filename, a.content_type
    try:
        data = files.read(stored)
    except KeyError:
        raise NotFound() from None
    if blind:
        data = scrub.without_metadata(data, content_type)
        filename = scrub.neutral_name(attachment_id, content_type)
    return Shown(data, filename, content_type, content_type in scrub.INLINE)


def delete_attachment(user: CurrentUser, proposal_id: int, attachment_id: int) -> None:
    """Remove a file from a draft."""
    with runtime.database("submission").session() as s:
        proposal = access.load(s, proposal_id, user, edit=True)
        a = s.get(Attachment, attachment_id)
        if a is None or a.proposal_id != proposal_id:
            raise NotFound()
        proposals.hold_for_edit(s, proposal)
        stored = a.stored_name
        s.delete(a)
    files.remove(stored)  # after the commit: a failed commit keeps file and row together
