"""Where submission keeps uploaded files: the deployment's storage (`STORAGE_URL`: a local
folder or S3), under random names in the `submission` area, outside any web root."""

from __future__ import annotations

from shared import runtime
from shared.storage import Storage, named_key, storage_from_url

AREA = "submission"


def storage() -> Storage:
    return storage_from_url(runtime.settings().storage_url)


def store(data: bytes, extension: str) -> str:
    """Write `data` under a new random name; the key is what the database keeps."""
    key = named_key(AREA, f".{extension}")
    storage().write(key, data)
    return key


def read(stored_name: str) -> bytes:
    return storage().get(_key(stored_name))


def remove(stored_name: str) -> None:
    storage().delete(_key(stored_name))


def _key(stored_name: str) -> str:
    """Rows written before keys carried their area hold the bare file name."""
    return stored_name if "/" in stored_name else f"{AREA}/{stored_name}"
