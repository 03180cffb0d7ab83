"""Where a redirect taken from the request may send a person: a path on this site, or nowhere.

Every redirect target that comes from the request (`next=`, the Referer) goes through
`safe_target`; a refused one becomes the fallback, never an error. A Location header carrying
CR/LF would split the response (werkzeug refuses it with a 500), a backslash or `//host` is read
by browsers as another host, and a control character hides what the link says."""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from urllib.parse import unquote, urlsplit

# Unicode categories never allowed in a target: controls, format characters, line and paragraph
# separators, surrogates, private use, unassigned.
REFUSED_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"})


def _clean(text: str) -> bool:
    return not any(unicodedata.category(c) in REFUSED_CATEGORIES for c in text) and "\\" not in text


def safe_target(target: str | None, own_hosts: Iterable[str] = (), fallback: str = "/") -> str:
    """Pure: `target` when it is a path on this site (`/…`, not `//…`), or an absolute http(s)
    URL to one of `own_hosts` (given back as its path and query); `fallback` for anything else:
    empty, another host, another scheme, scheme-relative, a backslash, a control character (as
    written or percent-encoded)."""
    if not target or len(target) > 2000:
        return fallback
    if not _clean(target) or not _clean(unquote(target)):
        return fallback
    parts = urlsplit(target)
    if parts.scheme or parts.netloc:
        hosts = {h.lower() for h in own_hosts}
        if parts.scheme not in ("http", "https") or parts.netloc.lower() not in hosts:
            return fallback
        path = parts.path or "/"
        target = path + (f"?{parts.query}" if parts.query else "")
    if not target.startswith("/") or target.startswith("//"):
        return fallback
    return target


def request_target(target: str | None, fallback: str = "/") -> str:
    """`safe_target` for the current request: its own host counts as this site."""
    from flask import request  # here, so mails and the relay can use `safe_target` without Flask

    return safe_target(target, (request.host,), fallback)
