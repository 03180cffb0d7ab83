"""A file as a blind reader gets it: a neutral name, and no metadata that could name who made it
(a PDF's author and XMP, an image's EXIF and text chunks, an Office or OpenDocument file's
document properties). The content itself is the innovator's: what it says is not masked.

Pure: bytes in, bytes out. Old Office files (OLE) keep their properties in a binary stream
nothing here rewrites, so `scrubbable` says no and they are withheld from a blind reader.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections.abc import Callable
from typing import Any

from shared.uploads import sniff

EXTENSIONS = {
    sniff.PDF: "pdf", sniff.PNG: "png", sniff.JPEG: "jpg", sniff.GIF: "gif", sniff.WEBP: "webp",
    sniff.DOCX: "docx", sniff.XLSX: "xlsx", sniff.PPTX: "pptx",
    sniff.ODT: "odt", sniff.ODS: "ods", sniff.ODP: "odp",
}  # fmt: skip
IMAGES = {sniff.PNG: "PNG", sniff.JPEG: "JPEG", sniff.GIF: "GIF", sniff.WEBP: "WEBP"}
OFFICE = {sniff.DOCX, sniff.XLSX, sniff.PPTX}
OPEN_DOCUMENT = {sniff.ODT, sniff.ODS, sniff.ODP}
# Shown in the browser rather than downloaded: what it renders itself, nothing that runs.
INLINE = {sniff.PDF, *IMAGES}

EMPTY_CORE = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/'
    'metadata/core-properties"/>'
)
EMPTY_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"/>'
)
EMPTY_META = (
    '<?xml version="1.0" encoding="UTF-8"?>\n'
    '<office:document-meta xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'office:version="1.2"><office:meta/></office:document-meta>'
)
NAMED_IN_APP = re.compile(rb"<(Company|Manager)>.*?</\1>", re.S)


def neutral_name(attachment_id: int, content_type: str) -> str:
    """The file's name for a blind reader: nothing of what the innovator called it."""
    extension = EXTENSIONS.get(content_type)
    return f"lampiran-{attachment_id}.{extension}" if extension else f"lampiran-{attachment_id}"


def scrubbable(content_type: str) -> bool:
    """Whether `without_metadata` can clean a file of this type."""
    return content_type in {sniff.PDF, *IMAGES, *OFFICE, *OPEN_DOCUMENT}


def without_metadata(data: bytes, content_type: str) -> bytes:
    """`data` without the properties that name its author (ValueError for a type it cannot
    clean)."""
    if content_type == sniff.PDF:
        return _pdf(data)
    if content_type in IMAGES:
        return _image(data, IMAGES[content_type])
    if content_type in OFFICE:
        return _zip(data, {"docProps/core.xml": lambda _: EMPTY_CORE.encode(),
                           "docProps/app.xml": lambda xml: NAMED_IN_APP.sub(b"", xml),
                           "docProps/custom.xml": lambda _: EMPTY_CUSTOM.encode()})  # fmt: skip
    if content_type in OPEN_DOCUMENT:
        return _zip(data, {"meta.xml": lambda _: EMPTY_META.encode()})
    raise ValueError(f"cannot clean {content_type}")


def _pdf(data: bytes) -> bytes:
    import pikepdf  # here: only a blind reader's file needs it, not every web process

    with pikepdf.open(io.BytesIO(data)) as pdf:
        for key in list(pdf.docinfo.keys()):
            del pdf.docinfo[key]
        if "/Metadata" in pdf.Root:
            del pdf.Root.Metadata
        out = io.BytesIO()
        pdf.save(out)
    return out.getvalue()


def _image(data: bytes, kind: str) -> bytes:
    """The pixels again, without EXIF, XMP or text chunks (an animation keeps its frames)."""
    from PIL import Image

    with Image.open(io.BytesIO(data)) as image:
        out = io.BytesIO()
        frames = getattr(image, "n_frames", 1)
        options: dict[str, Any] = {}
        if kind == "JPEG":
            options["quality"] = 95
        if frames > 1 and kind in {"GIF", "WEBP"}:
            options.update(save_all=True, loop=image.info.get("loop", 0))
        image.info.clear()
        image.save(out, kind, **options)
    return out.getvalue()


def _zip(data: bytes, rewrites: dict[str, Callable[[bytes], bytes]]) -> bytes:
    """A copy of the archive with each named member rewritten (a function of its bytes): its
    place in the package stays, so Office opens it without repairs."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = source.read(info)
            rewrite = rewrites.get(info.filename)
            if rewrite is not None:
                body = rewrite(body)
            kept = zipfile.ZipInfo(info.filename, date_time=(1980, 1, 1, 0, 0, 0))
            kept.compress_type = info.compress_type
            target.writestr(kept, body)
    return out.getvalue()
