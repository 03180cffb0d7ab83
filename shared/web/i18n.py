"""Messages in Bahasa Indonesia (default) and English, from gettext catalogues.

Each service keeps its texts in `services/<svc>/translations/<lang>/LC_MESSAGES/messages.po`
(shared/web's own in `shared/web/translations/`); the msgids are symbolic keys
("review.admin.save"), `id` holds the Indonesian text and `en` the English. The install compiles
them to `.mo` (`make i18n-compile`); all catalogues of a language are merged into one
`Translations` object, usable inside a request (`translate`) and outside one (`translate_in`,
for mails in the recipient's language and PDFs in their document's). A key missing in English
falls back to Indonesian, and a missing key shows itself (so a gap is visible, never a crash);
tests/unit/shared/test_catalogues.py keeps both catalogues at 100 %.
"""

from __future__ import annotations

import functools
import io
from pathlib import Path

import structlog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations
from flask import g, has_request_context, request

LANGUAGES = ("id", "en")
DEFAULT_LANGUAGE = "id"
DOMAIN = "messages"
_ROOT = Path(__file__).resolve().parents[2]

log = structlog.get_logger(__name__)


def catalogue_directories() -> list[Path]:
    """Every `translations/` folder: shared/web's, then each service's."""
    found = [_ROOT / "shared" / "web" / "translations"]
    found += sorted(p for p in (_ROOT / "services").glob("*/translations") if p.is_dir())
    return found


def _compiled(directory: Path, language: str) -> NullTranslations:
    """One catalogue's translations. A `.mo` missing or older than its `.po` (a fresh edit not
    yet compiled) is compiled in memory from the `.po`, with a warning: stale text never shows."""
    folder = directory / language / "LC_MESSAGES"
    po, mo = folder / f"{DOMAIN}.po", folder / f"{DOMAIN}.mo"
    if not po.exists():
        return NullTranslations()
    # (a second's slack: an install writes both files at once, in either order)
    if mo.exists() and mo.stat().st_mtime + 1 >= po.stat().st_mtime:
        with mo.open("rb") as handle:
            return Translations(handle, domain=DOMAIN)
    log.warning("i18n.catalogue_not_compiled", catalogue=str(po), hint="make i18n-compile")
    with po.open("rb") as handle:
        catalogue = read_po(handle, locale=language)
    buffer = io.BytesIO()
    write_mo(buffer, catalogue)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


def _merged(language: str) -> Translations:
    merged = Translations(domain=DOMAIN)
    for directory in catalogue_directories():
        part = _compiled(directory, language)
        if isinstance(part, Translations):
            merged.merge(part)
    return merged


@functools.cache
def translations(language: str) -> NullTranslations:
    """Every catalogue of `language` merged; English falls back to Indonesian."""
    merged = _merged(language)
    if language != DEFAULT_LANGUAGE:
        merged.add_fallback(translations(DEFAULT_LANGUAGE))
    return merged


@functools.cache
def _own(language: str) -> Translations:
    return _merged(language)


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
    """The request's language: the `ID | EN` switch (cookie), then Accept-Language, then "id"."""
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
    """`key`'s text in `language` (an unknown language reads as Indonesian), its `{name}`
    placeholders filled from `values`."""
    lang = language if language in LANGUAGES else DEFAULT_LANGUAGE
    text = translations(lang).gettext(key)
    return text.format(**values) if values else text


def known(key: str, language: str = DEFAULT_LANGUAGE) -> bool:
    """Whether `language`'s own catalogues have a text for `key` (no fallback)."""
    return _own(language).gettext(key) != key
