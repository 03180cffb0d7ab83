"""The gettext catalogues are whole: every key in Indonesian and English, translated and not
fuzzy (`pybabel compile --statistics` at 100 % for both), every key the code and the templates
(pages, mails, PDFs) ask for present, and the same `{placeholders}` in both languages."""

from __future__ import annotations

import string
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po

from shared.web import i18n
from tools.i18n_template import keys_in_code

ROOT = Path(__file__).resolve().parents[3]
DIRECTORIES = i18n.catalogue_directories()


def catalogue(directory: Path, language: str) -> Catalog:
    with (directory / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return read_po(handle, locale=language)


def placeholders(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


def test_every_service_with_texts_has_a_catalogue() -> None:
    names = {d.relative_to(ROOT).as_posix() for d in DIRECTORIES}
    assert {
        "shared/web/translations",
        "services/identity/translations",
        "services/submission/translations",
        "services/review/translations",
        "services/documents/translations",
        "services/notifications/translations",
        "services/platform/translations",
    } <= names


@pytest.mark.parametrize("directory", DIRECTORIES, ids=lambda d: d.parent.name)
def test_both_languages_are_translated_in_full(directory: Path) -> None:
    keys = {}
    for language in i18n.LANGUAGES:
        messages = [m for m in catalogue(directory, language) if m.id]
        assert messages, f"{directory}: empty {language} catalogue"
        untranslated = [m.id for m in messages if not m.string]
        fuzzy = [m.id for m in messages if m.fuzzy]
        assert untranslated == [], f"{directory}/{language}: untranslated"
        assert fuzzy == [], f"{directory}/{language}: fuzzy"
        keys[language] = {str(m.id) for m in messages}
    assert keys["id"] == keys["en"]


@pytest.mark.parametrize("directory", DIRECTORIES, ids=lambda d: d.parent.name)
def test_both_languages_fill_the_same_placeholders(directory: Path) -> None:
    indonesian = {m.id: m.string for m in catalogue(directory, "id") if m.id}
    for message in catalogue(directory, "en"):
        if message.id:
            assert placeholders(message.string) == placeholders(indonesian[message.id]), message.id


def test_no_key_is_in_two_catalogues() -> None:
    seen: dict[str, Path] = {}
    for directory in DIRECTORIES:
        for message in catalogue(directory, "id"):
            if message.id:
                assert message.id not in seen, (message.id, seen.get(message.id), directory)
                seen[message.id] = directory


def test_every_key_the_code_and_templates_ask_for_is_in_both_languages() -> None:
    asked = keys_in_code(ROOT / "shared") | keys_in_code(ROOT / "services")
    # the extraction reads Python (translate, translate_in) and Jinja templates (t)
    assert {"review.admin.registry", "ui.login", "mail.reset_subject", "error.forbidden"} <= set(
        asked
    )
    missing = {
        key: places[0]
        for key, places in asked.items()
        if not (i18n.known(key, "id") and i18n.known(key, "en"))
    }
    assert missing == {}


def test_texts_are_read_in_either_language_outside_a_request() -> None:
    assert i18n.translate_in("id", "error.not_found") == "Data tidak ditemukan."
    assert i18n.translate_in("en", "error.not_found") == "Not found."
    assert i18n.translate_in("xx", "error.not_found") == "Data tidak ditemukan."
    assert i18n.translate_in("en", "notifications.unread", count=3) == "3 unread"
    assert i18n.translate_in("en", "no.such.key") == "no.such.key"  # a gap shows, never crashes


def test_a_page_reads_the_catalogues_and_formats_in_the_request_s_language() -> None:
    from flask import render_template_string
    from flask_babel import get_locale, gettext

    from shared.web.app import create_base_app

    app = create_base_app("test")
    page = (
        "{{ t('error.forbidden') }}|{{ _('error.not_found') }}"
        "|{{ 0.15|percent }}|{{ 7.27|number(2) }}"
    )
    with app.test_request_context("/", headers={"Accept-Language": "en"}):
        assert str(get_locale()) == "en"
        assert gettext("error.not_found") == "Not found."
        assert (
            render_template_string(page)
            == "You are not allowed to access this.|Not found.|15%|7.27"
        )
    with app.test_request_context("/", headers={"Cookie": "lang=id", "Accept-Language": "en"}):
        assert str(get_locale()) == "id"  # the ID | EN switch wins over the browser
        assert render_template_string(page) == (
            "Anda tidak berhak mengakses ini.|Data tidak ditemukan.|15\u00a0%|7,27"
        )


def test_a_catalogue_not_yet_compiled_is_compiled_in_memory(tmp_path: Path) -> None:
    from babel.messages.pofile import write_po

    folder = tmp_path / "id" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    fresh = Catalog(locale="id")
    fresh.add("demo.key", "Teks {n}")
    with (folder / "messages.po").open("wb") as handle:
        write_po(handle, fresh)
    assert not (folder / "messages.mo").exists()
    assert i18n._compiled(tmp_path, "id").gettext("demo.key") == "Teks {n}"
    assert i18n._compiled(tmp_path, "en").gettext("demo.key") == "demo.key"  # no catalogue


def test_every_key_built_from_a_code_has_words_in_both_languages() -> None:
    """Keys the templates build from a code (`'notice.' ~ kind`, `'health.queue.' ~ queue`) are
    invisible to the extraction: each code of those lists is named here, so a new notice kind or
    queue without its words fails here, not on a page."""
    from services.notifications.notices import Kind
    from shared.config import QUEUES

    built = [f"notice.{kind.value}" for kind in Kind] + [f"health.queue.{q}" for q in QUEUES]
    missing = [k for k in built if not (i18n.known(k, "id") and i18n.known(k, "en"))]
    assert missing == []
