"""Writing files so that a reader, or a crash, never sees half of one."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path


def write_atomic(target: Path, data: bytes) -> None:
    """Write beside `target`, flush to disk, then rename over it (atomic on one filesystem).
    Two writers of the same bytes both end with the same complete file."""
    target.parent.mkdir(parents=True, exist_ok=True)
    # A ".part" name: never mistaken for a finished file by a glob on the real suffix.
    fd, temporary = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=".part")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
