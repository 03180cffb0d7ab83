"""Where submission keeps uploaded files: under random names, outside any web root."""

from __future__ import annotations

import secrets
from pathlib import Path

from shared import runtime
from shared.files import write_atomic


def root() -> Path:
    url = runtime.settings().storage_url
    base = Path(url.removeprefix("file://")) if url.startswith("file://") else None
    return (base or runtime.settings().var_dir / "storage") / "submission"


def store(data: bytes, extension: str) -> str:
    """Write `data` under a new random name; the name is what the database keeps."""
    name = f"{secrets.token_hex(16)}.{extension}"
    write_atomic(root() / name[:2] / name, data)
    return name


def path_of(stored_name: str) -> Path:
    return root() / stored_name[:2] / stored_name


def remove(stored_name: str) -> None:
    path_of(stored_name).unlink(missing_ok=True)
