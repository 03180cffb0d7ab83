"""The fixed words of official documents: the Indonesian text, then its English gloss.

An official document of a regional government is written in Bahasa Indonesia (UU 24/2009) and
stored once, with its hash and verification code, so it is not rendered per reader: its fixed
words are printed in both languages, "Nilai / Score", the gloss smaller, grey and italic and
marked `lang="en"`. Both texts come from the gettext catalogues (keys `pdf.*` of
`services/documents/translations/`). What a person wrote (titles, proposal text) is printed as
written and is never passed through here.

The templates reach these as `both(key, **values)`, `label(key)` (a value that is a label in
each language, e.g. a decision), `both_or(key, text)`, `main(key)` (Indonesian alone, for the
official forms of the kop and the signature) and `footer_css(...)`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass

from markupsafe import Markup, escape

from shared.web.i18n import known, translate_in, translations

MAIN, GLOSS = "id", "en"  # the document's language, and the gloss after each fixed word
_COUNTER = re.compile(r"\{(page|pages)\}")


@dataclass(frozen=True)
class Label:
    """A value of a sentence that is itself a label, worded in the sentence's language."""

    key: str
    strong: bool = False


def label(key: str, strong: bool = False) -> Label:
    return Label(key, strong)


def text_in(language: str, key: str, values: Mapping[str, object] | None = None) -> Markup:
    """`key`'s text in `language`, escaped, its `{name}` placeholders filled from `values`
    (escaped too; a `Label` is worded in the same language, in bold when `strong`; a mapping
    {"id": ..., "en": ...} gives the value of each language, e.g. a date)."""
    template = escape(translate_in(language, key))
    if not values:
        return template
    filled = {name: _value(language, value) for name, value in values.items()}
    return template.format(**filled)


def _value(language: str, value: object) -> object:
    if isinstance(value, Mapping):  # {"id": ..., "en": ...}: a value written per language
        return value[language]
    if not isinstance(value, Label):
        return value
    text = text_in(language, value.key)
    return Markup("<strong>{}</strong>").format(text) if value.strong else text


def both(key: str, block: bool = False, **values: object) -> Markup:
    """`Nilai<span class="gloss"> / Score</span>`; with `block` the gloss goes on a line of its
    own (a heading, a sentence). One text when both languages write it the same ("SDGs")."""
    main, gloss = text_in(MAIN, key, values), text_in(GLOSS, key, values)
    if gloss == main:
        return main
    if block:
        return main + Markup('<span class="gloss block" lang="en">{}</span>').format(gloss)
    return main + Markup('<span class="gloss" lang="en"> / {}</span>').format(gloss)


def main(key: str) -> Markup:
    """`key` in Indonesian alone: the kop surat's "Telp." and the signature's "NIP.", official
    forms that are not glossed."""
    return text_in(MAIN, key)


def both_or(key: str, text: str) -> Markup | str:
    """`both(key)` when the catalogue has `key` (a code such as a panel role), else `text` as
    a person wrote it."""
    return both(key) if known(key) else text


def _css_string(text: str) -> str:
    quoted = text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ")
    return f'"{quoted}"'


def css_content(key: str) -> str:
    """`key`'s texts as a CSS `content` value, Indonesian then English, `{page}` and `{pages}`
    as the page counters: `"Halaman " counter(page) " dari " counter(pages) " / Page " …`."""
    parts: list[str] = []
    for n, language in enumerate((MAIN, GLOSS)):
        text = (" / " if n else "") + translate_in(language, key)
        for i, piece in enumerate(_COUNTER.split(text)):
            if i % 2:
                parts.append(f"counter({piece})")
            elif piece:
                parts.append(_css_string(piece))
    return " ".join(parts)


def footer_css(kind_key: str) -> Markup:
    """The page footer of letters: the kind of document at the left, "Halaman x dari y" at the
    right, both in both languages (pdf.css gives their font; certificates have none)."""
    kind = _css_string(
        f"SIPINDA · {translate_in(MAIN, kind_key)} / {translate_in(GLOSS, kind_key)}"
    )
    rule = "@page {{ @bottom-left {{ content: {}; }} @bottom-right {{ content: {}; }} }}"
    # Markup: the CSS is built from our own catalogue, every text quoted by `_css_string`.
    return Markup(rule.format(kind, css_content("pdf.page")))  # noqa: S704


def warm_up() -> None:
    """Read both languages' catalogues once, before a worker forks its render children."""
    for language in (MAIN, GLOSS):
        translations(language)
