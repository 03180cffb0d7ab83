"""Messages in Bahasa Indonesia (default) and English, chosen per request.

Services register their own catalogues with `register()`; a key missing in English falls back to
Indonesian, and a missing key shows itself (so a gap is visible, never a crash).
"""

from __future__ import annotations

from collections.abc import Mapping

from flask import g, has_request_context, request

from shared.web.messages import MESSAGES

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"

_CATALOGUE: dict[str, dict[str, str]] = {k: dict(v) for k, v in MESSAGES.items()}


def register(messages: Mapping[str, Mapping[str, str]]) -> None:
    for key, texts in messages.items():
        _CATALOGUE[key] = dict(texts)


def pick_language(accept_language: str | None, preferred: str | None = None) -> str:
    if preferred in LANGUAGES:
        return preferred
    if accept_language:
        ranked: list[tuple[float, str]] = []
        for part in accept_language.split(","):
            tag, _, q = part.strip().partition(";q=")
            try:
                weight = float(q) if q else 1.0
            except ValueError:
                weight = 0.0
            if weight > 0:  # q=0 means "not this one"
                ranked.append((weight, tag.strip().lower()[:2]))
        for _, tag in sorted(ranked, key=lambda item: -item[0]):
            if tag in LANGUAGES:
                return tag
    return DEFAULT_LANGUAGE


def current_language() -> str:
    if not has_request_context():
        return DEFAULT_LANGUAGE
    if "language" not in g:
        g.language = pick_language(
            request.headers.get("Accept-Language"), request.cookies.get("lang")
        )
    return str(g.language)


def translate(key: str, **values: object) -> str:
    """`key`'s text in the current request's language."""
    return translate_in(current_language(), key, **values)


def translate_in(language: str, key: str, **values: object) -> str:
    texts = _CATALOGUE.get(key)
    if texts is None:
        return key
    text = texts.get(language) or texts[DEFAULT_LANGUAGE]
    return text.format(**values) if values else text
