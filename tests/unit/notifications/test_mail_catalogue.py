"""Issue 20: a mail's words live in the notifications catalogue, not in its templates. Each kind
has one text and one HTML template for every language; what they say comes from `mail.*` keys,
which a translator's tool opens like every other catalogue entry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from babel.messages.pofile import read_po

from services.notifications import composer
from services.notifications.notices import Kind
from shared.web.i18n import known

TEMPLATES = composer.TEMPLATES
JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
MARKUP = re.compile(r"<[^>]+>")
# What a template may still write itself: the product's name, and the text mail's signature dash.
OWN = {"SIPINDA", "--", "-"}


def words_outside_the_catalogue(path: Path) -> list[str]:
    text = JINJA.sub(" ", path.read_text(encoding="utf-8"))
    text = MARKUP.sub(" ", text)
    return [w for w in re.findall(r"[^\s.,:;()]+", text) if w not in OWN]


@pytest.mark.parametrize("path", sorted(TEMPLATES.glob("*.*")), ids=lambda p: p.name)
def test_no_template_writes_words_of_its_own(path: Path) -> None:
    assert words_outside_the_catalogue(path) == []


def test_every_kind_has_one_text_and_one_html_template_for_all_languages() -> None:
    names = {p.name for p in TEMPLATES.glob("*.*") if not p.name.startswith("_")}
    assert names == {f"{k.value}.{ext}" for k in Kind for ext in ("txt", "html")}


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_mail_key_a_template_names_is_in_the_catalogue(language: str) -> None:
    named: set[str] = set()
    for path in TEMPLATES.glob("*.*"):
        named |= set(re.findall(r'"(mail\.[a-z_.]+[a-z_])"', path.read_text(encoding="utf-8")))
    for reason in composer.RELEASE_REASONS:
        named.add(f"mail.release_reason.{reason}")
    for decision in ("winner", "finalist", "not_selected", "other"):
        named.add(f"mail.decision_made.{decision}")
        named.add(f"mail.results_announced.{decision}")
    assert len(named) > 60
    assert [key for key in sorted(named) if not known(key, language)] == []


def test_the_catalogue_holds_no_mail_key_no_template_uses() -> None:
    po = Path(composer.__file__).parent / "translations" / "id" / "LC_MESSAGES" / "messages.po"
    with po.open("rb") as handle:
        keys = {str(m.id) for m in read_po(handle) if str(m.id).startswith("mail.")}
    source = "".join(p.read_text(encoding="utf-8") for p in TEMPLATES.glob("*.*"))
    # keys a template builds from a code
    built = ("mail.release_reason.", "mail.decision_made.", "mail.results_announced.")
    unused = [k for k in sorted(keys) if f'"{k}"' not in source and not k.startswith(built)]
    assert unused == []
