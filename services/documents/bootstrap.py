"""This process's ports for issuing documents, built once: the storage and the `Press` (base URL,
letterhead, numbering). Built again only after `runtime.reset()`, which tests call after
changing the environment."""

from __future__ import annotations

from functools import cache

from services.documents import letterhead
from services.documents.issuing import Press
from shared import runtime
from shared.config import Settings
from shared.storage import Storage, storage_from_url


@cache
def _storage(url: str) -> Storage:
    return storage_from_url(url)


def storage() -> Storage:
    """This process's storage, built once per STORAGE_URL."""
    return _storage(runtime.settings().storage_url)


_built: tuple[Settings, Press] | None = None


def press() -> Press:
    """This process's press: the letterhead and numbering read from the environment once."""
    global _built
    settings = runtime.settings()
    if _built is None or _built[0] is not settings:
        made = Press(
            storage=storage(),
            base_url=settings.base_url,
            deploy=letterhead.settings(),
            number_format=letterhead.number_format(),
        )
        _built = (settings, made)
    return _built[1]
