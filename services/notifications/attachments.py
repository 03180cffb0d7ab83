"""Files a notice carries: read from the documents' content-addressed store (`STORAGE_URL`),
found by the SHA-256 the `document.ready` event names, and checked against it, so a notice can
only ever attach the very bytes the event announced. Where the store cannot be read from here
(another host, object storage) the notice goes without the file; its link still leads to it.
"""

from __future__ import annotations

import hashlib
import logging
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

log = logging.getLogger(__name__)
SHA256 = re.compile(r"[0-9a-f]{64}")


def stored_path(storage_url: str, sha256: str, suffix: str = ".pdf") -> Path | None:
    """Where the store keeps these bytes (`ab/cd/abcd….pdf` under a `file://` root)."""
    parts = urlsplit(storage_url)
    if parts.scheme != "file" or not SHA256.fullmatch(sha256):
        return None
    root = Path(unquote(parts.netloc + parts.path))
    return root / sha256[:2] / sha256[2:4] / f"{sha256}{suffix}"


def load(storage_url: str, sha256: str) -> bytes | None:
    path = stored_path(storage_url, sha256)
    if path is None:
        return None
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.warning("attachment %s not readable here: %s", sha256, exc)
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        log.warning("attachment %s: stored bytes do not match their hash", sha256)
        return None
    return data
