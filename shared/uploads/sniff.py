"""What a file really is, from its first bytes (never from its name)."""

from __future__ import annotations

import io
import zipfile

from shared.uploads import pdf_content

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
OLE = "application/x-ole-storage"  # .doc, .xls, .ppt of old Office
ODT = "application/vnd.oasis.opendocument.text"
ODS = "application/vnd.oasis.opendocument.spreadsheet"
ODP = "application/vnd.oasis.opendocument.presentation"
EXECUTABLE = "application/x-executable"
# Refused with their own message: an archive that would unpack to far more than it weighs, and
# a PDF that carries something a viewer would run (script, launch, an HTML or zip second face).
ARCHIVE_BOMB = "application/x-archive-bomb"
ACTIVE_CONTENT = "application/x-active-content"
UNREADABLE_PDF = "application/x-unreadable-pdf"

ALLOWED = frozenset({PDF, PNG, JPEG, GIF, WEBP, DOCX, XLSX, PPTX, OLE, ODT, ODS, ODP})
EXTENSIONS = {
    PDF: "pdf",
    PNG: "png",
    JPEG: "jpg",
    GIF: "gif",
    WEBP: "webp",
    DOCX: "docx",
    XLSX: "xlsx",
    PPTX: "pptx",
    OLE: "doc",
    ODT: "odt",
    ODS: "ods",
    ODP: "odp",
}

_PDF_KINDS = {
    pdf_content.Verdict.CLEAN: PDF,
    pdf_content.Verdict.ACTIVE: ACTIVE_CONTENT,
    pdf_content.Verdict.UNREADABLE: UNREADABLE_PDF,
}
_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce", b"#!")


# Office files are zips of XML: a few hundred members, ratios of 5 to 50. Beyond these an
# archive is built to exhaust whoever opens it (a reviewer's Word, an indexer).
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200
_ZIP_RATIO_FROM = 1024 * 1024  # small members may compress very well without harm


def sniff(data: bytes) -> str | None:
    """The content type `data` starts like, `EXECUTABLE` for a program, `ARCHIVE_BOMB` or
    `ACTIVE_CONTENT` for a dangerous zip or PDF, None when unknown."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return _PDF_KINDS[pdf_content.inspect(data)]
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head.startswith((b"GIF87a", b"GIF89a")):
        return GIF
    if head.startswith(b"RIFF") and data[8:12] == b"WEBP":
        return WEBP
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return OLE
    if head.startswith(b"PK\x03\x04"):
        return _zip_kind(data)
    if head.startswith(_EXECUTABLE_MAGIC):
        return EXECUTABLE
    return None


def _zip_kind(data: bytes) -> str | None:
    """Office Open XML and OpenDocument files are zip archives; which one is in the names."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
            if _is_bomb(members):
                return ARCHIVE_BOMB
            names = {m.filename for m in members}
            if "mimetype" in names:
                with archive.open("mimetype") as member:  # at most 100 bytes ever unpacked
                    kind = member.read(100).decode("ascii", "replace").strip()
                return kind if kind in {ODT, ODS, ODP} else None
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError):
        return None
    if "[Content_Types].xml" not in names:
        return None
    for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
        if any(n.startswith(prefix) for n in names):
            return kind
    return None


def _is_bomb(members: list[zipfile.ZipInfo]) -> bool:
    """Judged from the directory alone: nothing is unpacked to decide."""
    if len(members) > ZIP_MAX_MEMBERS:
        return True
    if sum(m.file_size for m in members) > ZIP_MAX_UNPACKED:
        return True
    return any(
        m.file_size > _ZIP_RATIO_FROM and m.file_size > ZIP_MAX_RATIO * max(m.compress_size, 1)
        for m in members
    )
