"""The name an uploaded file is shown and offered under: the user's own words, made harmless.
The stored key is always random (`files.store`); this is only a label."""

from __future__ import annotations

import re
import unicodedata

FALLBACK = "berkas"
MAX_STEM = 120  # characters; with a UTF-8 extension well under the 255 bytes of a file name

# Names Windows will not create, whatever the extension (`aux.pdf` is the device AUX).
_RESERVED = frozenset(
    {"con", "prn", "aux", "nul"} | {f"com{i}" for i in range(10)} | {f"lpt{i}" for i in range(10)}
)
# Characters no file system or header should see: quotes and separators Windows refuses.
_FORBIDDEN = re.compile(r'[<>:"/\\|?*;]')


def display_name(sent: str, extension: str) -> str:
    """`cleaned(sent)` ending in the extension of what the content really is."""
    text = cleaned(sent)
    stem = text.rsplit(".", 1)[0] if "." in text else text
    stem = stem.strip(". ") or FALLBACK
    if stem.split(".", 1)[0].lower() in _RESERVED:
        stem = f"{FALLBACK}-{stem}"
    return f"{stem}.{extension}"


def cleaned(sent: str) -> str:
    """`sent` without its folders, control and direction-changing characters (U+202E would
    show `gpj.exe` as `exe.jpg`), composed (NFC), at most `MAX_STEM` characters (plus a short
    extension). What a refusal message may quote."""
    text = unicodedata.normalize("NFC", sent.replace("\\", "/")).rsplit("/", 1)[-1]
    text = "".join(c for c in text if unicodedata.category(c) not in {"Cc", "Cf", "Cs", "Co"})
    text = " ".join(_FORBIDDEN.sub("_", text).split()).strip(". ")
    stem, dot, extension = text.rpartition(".")
    if not dot or len(extension) > 8:
        stem, extension = text, ""
    stem = stem[:MAX_STEM].strip(". ")
    return f"{stem}.{extension}" if extension else stem or FALLBACK
