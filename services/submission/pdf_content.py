"""Whether a PDF carries something a viewer would run, or is at once another kind of file.
A proposal's PDF is a printed document: script, launch actions, rich media, an HTML page or a
zip archive riding along in it are refused, not stored for a reviewer to open."""

from __future__ import annotations

import io
import re
import zipfile
import zlib

# Every script action names its type `/S /JavaScript`; `/JS` alone (three bytes) turns up by
# chance in compressed streams. `/OpenAction` alone only sets the first view: it is allowed.
_PDF_ACTIONS = frozenset({b"JavaScript", b"Launch", b"RichMedia"})
_PDF_NAME = re.compile(rb"/([A-Za-z#][A-Za-z0-9#]{0,31})")
_HTML_MARKERS = re.compile(rb"<(?:script|html|!doctype|svg|iframe|body)\b", re.IGNORECASE)


def is_active(data: bytes) -> bool:
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
