"""Whether a PDF carries something a viewer would run, or is at once another kind of file.
A proposal's PDF is a printed document: script, launch or submit actions, rich media, an XFA
form, an embedded file, an HTML page or a zip archive riding along in it are refused, not
stored for a reviewer to open.

The PDF is read by qpdf (through pikepdf), which decodes every filter chain (Flate, LZW,
ASCIIHex, ASCII85, RunLength) and every object stream, and repairs a damaged cross-reference
table the way a viewer would. Every object it reaches is walked; the decoded object streams
are also read for action names, so an object no cross-reference points to is seen too."""

from __future__ import annotations

import base64
import binascii
import io
import re
import zipfile
import zlib
from enum import Enum

import pikepdf


class Verdict(Enum):
    CLEAN = "clean"
    ACTIVE = "active"
    UNREADABLE = "unreadable"


# Action types a viewer would run, that send data away or open another file (`/S /JavaScript`,
# `/GoToR` to a file beside this one, …).
_ACTIVE_ACTIONS = frozenset(
    {
        "/JavaScript",
        "/Launch",
        "/RichMedia",
        "/SubmitForm",
        "/ImportData",
        "/GoToE",
        "/GoToR",
        "/Rendition",
    }
)
# Keys that carry script or another file whatever the dictionary they stand in: the names
# tree's `/JavaScript` and `/EmbeddedFiles`, `/AA` (actions on open, close, focus…), XFA.
_ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/AA", "/EmbeddedFiles", "/EmbeddedFile", "/XFA"})
_ACTIVE_TYPES = frozenset({"/EmbeddedFile", "/RichMediaContent", "/RichMediaSettings"})
_ACTIVE_SUBTYPES = frozenset({"/FileAttachment", "/RichMedia", "/Movie", "/Sound", "/Screen"})
_NAME_TOKENS = frozenset(name.encode()[1:] for name in _ACTIVE_ACTIONS | _ACTIVE_KEYS)

_PDF_NAME = re.compile(rb"/([A-Za-z#][A-Za-z0-9#]{0,31})")
_HTML_MARKERS = re.compile(rb"<(?:script|html|!doctype|svg|iframe|body)\b", re.IGNORECASE)
_STREAM = re.compile(rb"(?<!end)stream\r?\n")
_FILTER = re.compile(rb"/([A-Za-z0-9]+Decode)\b")

MAX_OBJECTS = 200_000
# What the object and cross-reference streams of one upload may unpack to, checked before qpdf
# opens it: a stream built to unpack to gigabytes is refused instead of filling the web worker.
FLATE_BUDGET = 32 * 1024 * 1024


def inspect(data: bytes) -> Verdict:
    """What `data`, a file that starts like a PDF, is to the reader who opens it."""
    if _HTML_MARKERS.search(data) or zipfile.is_zipfile(io.BytesIO(data)):
        return Verdict.ACTIVE
    packed = _unpacked_object_streams(data)
    if packed is None:
        return Verdict.UNREADABLE
    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            return _walk(pdf)
    except (pikepdf.PdfError, pikepdf.PasswordError, ValueError, RuntimeError, RecursionError):
        # Refused either way; the message names script when the bytes name it.
        return Verdict.ACTIVE if any(map(_names_act, (data, *packed))) else Verdict.UNREADABLE


def is_active(data: bytes) -> bool:
    return inspect(data) is Verdict.ACTIVE


def _walk(pdf: pikepdf.Pdf) -> Verdict:
    objects = pdf.objects
    if len(objects) > MAX_OBJECTS:
        return Verdict.UNREADABLE
    for obj in objects:
        if isinstance(obj, pikepdf.Stream):
            if _object_stream_acts(obj) or _nested_acts(obj.stream_dict, 0):
                return Verdict.ACTIVE
        elif isinstance(obj, (pikepdf.Dictionary, pikepdf.Array)) and _nested_acts(obj, 0):
            return Verdict.ACTIVE
    return Verdict.CLEAN


_MAX_DEPTH = 32


def _nested_acts(value: pikepdf.Object, depth: int) -> bool:
    """`value` and the direct dictionaries and arrays inside it (an annotation's `/A` written
    in place, not as an object of its own); indirect ones are walked as objects."""
    if depth > _MAX_DEPTH:
        return True
    if isinstance(value, pikepdf.Dictionary):
        if _acts(value):
            return True
        members = [value.get(key) for key in value.keys()]  # noqa: SIM118 (pikepdf iterates keys)
    elif isinstance(value, pikepdf.Array):
        members = list(value)
    else:
        return False
    return any(
        isinstance(m, (pikepdf.Dictionary, pikepdf.Array))
        and not m.is_indirect
        and _nested_acts(m, depth + 1)
        for m in members
    )


def _acts(dictionary: pikepdf.Dictionary) -> bool:
    keys = set(dictionary.keys())
    if keys & _ACTIVE_KEYS:
        return True
    if _name(dictionary, "/S") in _ACTIVE_ACTIONS:
        return True
    if _name(dictionary, "/Type") in _ACTIVE_TYPES:
        return True
    if _name(dictionary, "/Subtype") in _ACTIVE_SUBTYPES:
        return True
    return _name(dictionary, "/S") == "/URI" and _script_uri(dictionary.get("/URI"))


def _name(dictionary: pikepdf.Dictionary, key: str) -> str | None:
    value = dictionary.get(key)
    return str(value) if isinstance(value, pikepdf.Name) else None


def _script_uri(value: object) -> bool:
    text = str(value).strip().lower() if isinstance(value, pikepdf.String) else ""
    return text.startswith(("javascript:", "vbscript:", "data:", "file:"))


def _object_stream_acts(stream: pikepdf.Stream) -> bool:
    """An object stream's decoded text, read for action names: its objects are walked already
    when the cross-reference names them; this sees those it does not."""
    if _name(stream.stream_dict, "/Type") != "/ObjStm":
        return False
    try:
        decoded = stream.read_bytes()
    except pikepdf.PdfError:
        return True  # a packed object stream that cannot be unpacked hides what it holds
    return _names_act(decoded)


def _names_act(data: bytes) -> bool:
    return any(_pdf_name(m.group(1)) in _NAME_TOKENS for m in _PDF_NAME.finditer(data))


def _unpacked_object_streams(data: bytes) -> list[bytes] | None:
    """The object and cross-reference streams, which qpdf unpacks as it opens the file, unpacked
    here first; None when they would grow past the budget in all. Hex and ASCII85 layers only
    shrink; Flate is read up to what is left of the budget; any other filter on such a stream
    is not what a PDF writer makes, and is refused."""
    left = FLATE_BUDGET
    found: list[bytes] = []
    for match in _STREAM.finditer(data):
        head = data[max(0, match.start() - 1024) : match.start()]
        head = head[head.rfind(b"obj") :]
        if b"/ObjStm" not in head and b"/XRef" not in head:
            continue
        end = data.find(b"endstream", match.end())
        body = data[match.end() : end if end >= 0 else None]
        filters = _FILTER.findall(head[head.find(b"/Filter") :]) if b"/Filter" in head else []
        for name in filters:
            try:
                if name == b"ASCIIHexDecode":
                    body = binascii.unhexlify(re.sub(rb"[^0-9A-Fa-f]", b"", body.split(b">")[0]))
                elif name == b"ASCII85Decode":
                    body = base64.a85decode(
                        body.strip().removesuffix(b"~>"), ignorechars=b" \t\r\n"
                    )
                elif name == b"FlateDecode":
                    body = zlib.decompressobj().decompress(body, left + 1)
                else:
                    return None
            except (ValueError, zlib.error):
                break  # qpdf judges a broken stream itself
        left -= len(body)
        if left < 0:
            return None
        found.append(body)
    return found


def _pdf_name(raw: bytes) -> bytes:
    if b"#" not in raw:
        return raw
    return re.sub(rb"#([0-9A-Fa-f]{2})", lambda m: bytes([int(m.group(1), 16)]), raw)
