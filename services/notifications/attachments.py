"""Files a notice carries: read from the deployment's store (`STORAGE_URL`: a folder or S3) by
the SHA-256 the `document.ready` event names, and checked against it, so a notice can only ever
attach the very bytes the event announced. Where the store cannot be read, the notice goes
without the file; its link still leads to it.
"""

from __future__ import annotations

import hashlib
import logging
import re

from shared.storage import storage_from_url

log = logging.getLogger(__name__)
SHA256 = re.compile(r"[0-9a-f]{64}")


def load(storage_url: str, sha256: str, suffix: str = ".pdf") -> bytes | None:
    if not SHA256.fullmatch(sha256):
        return None
    try:
        data = storage_from_url(storage_url).get(f"{sha256}{suffix}")
    except Exception as exc:  # a missing or unreachable file: the mail goes with its link only
        log.warning("attachment %s not readable here: %s", sha256, exc)
        return None
    if hashlib.sha256(data).hexdigest() != sha256:
        log.warning("attachment %s: stored bytes do not match their hash", sha256)
        return None
    return data
