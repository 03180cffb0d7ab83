"""tools/dicts_to_po.py moves texts still written as dicts into a catalogue, keeping what a
translator already wrote."""

from __future__ import annotations

from pathlib import Path

from babel.messages.pofile import read_po

from tools.dicts_to_po import dicts_in, main

SOURCE = """
from shared.web.i18n import translate

MESSAGES: dict[str, dict[str, str]] = {
    "demo.hello": {"id": "Halo, {name}.", "en": "Hello, {name}."},
    "demo.only_id": {"id": "Hanya Indonesia " "bersambung."},
}
OTHER = {**MESSAGES}
NOT_TEXTS = {"a": 1}
"""


def texts(directory: Path, language: str) -> dict[str, str]:
    with (directory / language / "LC_MESSAGES" / "messages.po").open("rb") as handle:
        return {str(m.id): str(m.string) for m in read_po(handle) if m.id}


def test_dicts_are_read_without_running_the_module(tmp_path: Path) -> None:
    module = tmp_path / "messages.py"
    module.write_text(SOURCE, encoding="utf-8")
    assert dicts_in(module) == {
        "demo.hello": {"id": "Halo, {name}.", "en": "Hello, {name}."},
        "demo.only_id": {"id": "Hanya Indonesia bersambung."},
    }


def test_keys_go_into_both_catalogues_and_translations_are_kept(tmp_path: Path) -> None:
    module = tmp_path / "messages.py"
    module.write_text(SOURCE, encoding="utf-8")
    catalogue = tmp_path / "translations"
    main([str(catalogue), str(module)])
    assert texts(catalogue, "id") == {
        "demo.hello": "Halo, {name}.",
        "demo.only_id": "Hanya Indonesia bersambung.",
    }
    assert texts(catalogue, "en") == {
        "demo.hello": "Hello, {name}.",
        "demo.only_id": "Hanya Indonesia bersambung.",  # no English yet: the Indonesian
    }
    po = catalogue / "en" / "LC_MESSAGES" / "messages.po"
    po.write_text(po.read_text().replace("Hanya Indonesia bersambung.", "Only Indonesian."))
    module.write_text(SOURCE.replace("Hello, {name}.", "Hi, {name}."), encoding="utf-8")
    main([str(catalogue), str(module)])  # run again at merge time: nothing translated is lost
    assert texts(catalogue, "en") == {
        "demo.hello": "Hello, {name}.",
        "demo.only_id": "Only Indonesian.",
    }
    main([str(catalogue), str(module), "--overwrite"])
    assert texts(catalogue, "en")["demo.hello"] == "Hi, {name}."
