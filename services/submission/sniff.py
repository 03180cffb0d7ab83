"""What a file really is, from its first bytes (never from its name)."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

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

_EXECUTABLE_MAGIC = (b"MZ", b"\x7fELF", b"\xcf\xfa\xed\xfe", b"\xfe\xed\xfa\xce", b"#!")


# Office files are zips of XML: a few hundred members, ratios of 5 to 50. Beyond these an
# archive is built to exhaust whoever opens it (a reviewer's Word, an indexer).
ZIP_MAX_MEMBERS = 5_000
ZIP_MAX_UNPACKED = 200 * 1024 * 1024
ZIP_MAX_RATIO = 200
_ZIP_RATIO_FROM = 1024 * 1024  # small members may compress very well without harm

# Every script action names its type `/S /JavaScript`; `/JS` alone (three bytes) turns up by
# chance in compressed streams. `/OpenAction` alone only sets the first view: it is allowed.
_PDF_ACTIONS = frozenset({b"JavaScript", b"Launch", b"RichMedia"})
_PDF_NAME = re.compile(rb"/([A-Za-z#][A-Za-z0-9#]{0,31})")
_HTML_MARKERS = re.compile(rb"<(?:script|html|!doctype|svg|iframe|body)\b", re.IGNORECASE)


def sniff(data: bytes) -> str | None:
    """The content type `data` starts like, `EXECUTABLE` for a program, `ARCHIVE_BOMB` or
    `ACTIVE_CONTENT` for a dangerous zip or PDF, None when unknown."""
    head = data[:16]
    if head.startswith(b"%PDF-"):
        return ACTIVE_CONTENT if _pdf_is_active(data) else PDF
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


def _pdf_is_active(data: bytes) -> bool:
    """A PDF that runs script or programs, or is at once an HTML page or a zip archive.
    Names may hide letters as `#xx` escapes (`/J#61vaScript`); they are read decoded, and so
    are the compressed object streams (`/ObjStm`) where objects may hide, up to a budget."""
    if _HTML_MARKERS.search(data) or zipfile.is_zipfile(io.BytesIO(data)):
        return True
    return any(_names_act(chunk) for chunk in (data, *_object_streams(data)))


def _names_act(data: bytes) -> bool:
    return any(_pdf_name(m.group(1)) in _PDF_ACTIONS for m in _PDF_NAME.finditer(data))


_STREAM = re.compile(rb"(?<!end)stream\r?\n")
OBJECT_STREAMS_BUDGET = 32 * 1024 * 1024  # unpacked bytes read in all, whatever they claim


def _object_streams(data: bytes) -> list[bytes]:
    """The unpacked object streams, each cut at what is left of the budget: a stream built
    to unpack to gigabytes costs no more than the budget."""
    found: list[bytes] = []
    left = OBJECT_STREAMS_BUDGET
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 1024) : match.start()]
        head = head[head.rfind(b"obj") :]
        if b"/ObjStm" not in head or b"/FlateDecode" not in head or left <= 0:
            continue
        end = data.find(b"endstream", match.end())
        try:
            unpacked = zlib.decompressobj().decompress(
                data[match.end() : end if end >= 0 else None], left
            )
        except zlib.error:
            continue
        left -= len(unpacked)
        found.append(unpacked)
    return found


def _pdf_name(raw: bytes) -> bytes:
    if b"#" not in raw:
        return raw
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
