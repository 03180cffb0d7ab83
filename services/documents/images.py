"""The check of an uploaded logo for the kop surat: what the file is from its first bytes (never
from its name, as submission sniffs attachments), PNG or JPEG only, at most 1 MB, and an image
Pillow decodes whole. Pure: bytes in, facts or a refusal with its reason out.

SVG is refused rather than sanitised: an SVG is a document that may reference other files,
scripts and fonts, and the PDF fetcher would have to trust what it names.
"""

from __future__ import annotations

import io
import warnings
from dataclasses import dataclass

from PIL import Image, UnidentifiedImageError

PNG = "image/png"
JPEG = "image/jpeg"
MAX_BYTES = 1024 * 1024
MAX_SIDE = 4000  # pixels: a scanned emblem at 600 dpi is well below; beyond is a bomb or an error
_PIL_FORMATS = {"PNG": PNG, "JPEG": JPEG}


class LogoRefused(ValueError):  # noqa: N818 - a refusal, worded from its `reason`
    """The file is not a logo SIPINDA prints; `reason` names why (a catalogue key's last part:
    empty, too_big, svg, not_image, broken, too_large)."""

    def __init__(self, reason: str) -> None:
        super().__init__(reason)
        self.reason = reason


@dataclass(frozen=True)
class Logo:
    media_type: str
    width: int
    height: int


def sniff(data: bytes) -> str | None:
    """PNG or JPEG from the magic bytes, else None (the same signatures as submission's)."""
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    return None


def _looks_like_svg(data: bytes) -> bool:
    head = data[:512].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<?xml", b"<svg", b"<!doctype svg")) and b"<svg" in data[:4096].lower()


def check_logo(data: bytes) -> Logo:
    """The logo's type and size in pixels; `LogoRefused` for anything else."""
    if not data:
        raise LogoRefused("empty")
    if len(data) > MAX_BYTES:
        raise LogoRefused("too_big")
    media_type = sniff(data)
    if media_type is None:
        raise LogoRefused("svg" if _looks_like_svg(data) else "not_image")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                found, (width, height) = _PIL_FORMATS.get(image.format or ""), image.size
                if found != media_type:
                    raise LogoRefused("not_image")
                if width > MAX_SIDE or height > MAX_SIDE or width < 1 or height < 1:
                    raise LogoRefused("too_large")
                image.verify()  # the structure (chunks and their checksums for a PNG)
            with Image.open(io.BytesIO(data)) as image:
                image.load()  # every pixel: a truncated file fails here
    except LogoRefused:
        raise
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError,
            Image.DecompressionBombWarning) as exc:  # fmt: skip
        raise LogoRefused("broken") from exc
    return Logo(media_type, width, height)
