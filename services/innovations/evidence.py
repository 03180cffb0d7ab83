"""Files kept as evidence (bukti dukung, photos of a visit, a signed berita acara): checked as
proposal attachments are (the content's real type from its bytes, executables, archive bombs and
active PDFs refused, a size cap) and stored under a random name in the `innovations` area."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass

from sqlalchemy.orm import Session

from services.innovations.errors import Invalid, NotFound
from services.innovations.models import Evidence
from shared import runtime
from shared.storage import Storage, named_key, storage_from_url
from shared.uploads import filenames, sniff

AREA = "innovations"
MB = 1024 * 1024
MAX_MB = 10
IMAGES = frozenset({sniff.PNG, sniff.JPEG, sniff.GIF, sniff.WEBP})
_REFUSED = {
    sniff.EXECUTABLE: "file.executable",
    sniff.ARCHIVE_BOMB: "file.archive_bomb",
    sniff.ACTIVE_CONTENT: "file.active_content",
    sniff.UNREADABLE_PDF: "file.unreadable_pdf",
}


def storage() -> Storage:
    return storage_from_url(runtime.settings().storage_url)


def checked(filename: str, data: bytes, *, field: str = "file", images_only: bool = False) -> str:
    """The file's real content type, or `Invalid` naming `field` with a message a person reads."""
    name = filenames.cleaned(filename)
    if not data:
        raise Invalid(problems={field: ("file.empty", {})})
    if len(data) > MAX_MB * MB:
        raise Invalid(problems={field: ("file.too_large", {"limit": MAX_MB})})
    found = sniff.sniff(data)
    if found in _REFUSED:
        raise Invalid(problems={field: (_REFUSED[found], {"name": name})})
    if found not in sniff.ALLOWED or (images_only and found not in IMAGES):
        raise Invalid(problems={field: ("file.type_not_allowed", {"name": name})})
    return found


def keep(
    s: Session,
    *,
    area: str,
    filename: str,
    data: bytes,
    innovation_id: int | None,
    user_id: int | None,
    field: str = "file",
    images_only: bool = False,
) -> Evidence:
    """Check the file, store it and record it (in the caller's transaction)."""
    found = checked(filename, data, field=field, images_only=images_only)
    key = named_key(AREA, f".{sniff.EXTENSIONS[found]}")
    storage().write(key, data)
    row = Evidence(
        innovation_id=innovation_id, area=area,
        filename=filenames.display_name(filename, sniff.EXTENSIONS[found]), stored_name=key,
        content_type=found, size=len(data), sha256=hashlib.sha256(data).hexdigest(),
        uploaded_by=user_id,
    )  # fmt: skip
    s.add(row)
    s.flush()
    return row


@dataclass(frozen=True)
class Opened:
    data: bytes
    name: str
    content_type: str
    inline: bool  # PDFs and images open in the browser; the rest is downloaded


def opened(row: Evidence) -> Opened:
    try:
        data = storage().get(row.stored_name)
    except KeyError:
        raise NotFound() from None
    inline = row.content_type == sniff.PDF or row.content_type in IMAGES
    return Opened(data, row.filename, row.content_type, inline)
