"""tools/compile_catalogues.py: every catalogue compiled in one interpreter, and a broken one
stops the build as `pybabel compile` would."""

from __future__ import annotations

import gettext
from pathlib import Path

from tools.compile_catalogues import main

PO = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Language: {language}\\n"

msgid "greeting"
msgstr "{text}"
"""


def catalogue(root: Path, language: str, text: str) -> Path:
    po = root / language / "LC_MESSAGES" / "messages.po"
    po.parent.mkdir(parents=True)
    po.write_text(PO.format(language=language, text=text), encoding="utf-8")
    return po


def test_each_po_gets_its_mo_beside_it(tmp_path: Path) -> None:
    pos = [catalogue(tmp_path, "id", "Selamat datang"), catalogue(tmp_path, "en", "Welcome")]
    assert main([str(po) for po in pos]) == 0
    for language, text in (("id", "Selamat datang"), ("en", "Welcome")):
        found = gettext.translation("messages", tmp_path, languages=[language])
        assert found.gettext("greeting") == text


def test_a_catalogue_with_a_wrong_placeholder_fails_the_build(tmp_path: Path) -> None:
    """A translation naming a placeholder its message does not have would fail at run time."""
    broken = catalogue(tmp_path, "id", "Halo")
    broken.write_text(
        PO.format(language="id", text="Halo")
        + '\n#, python-format\nmsgid "Hello %(name)s"\nmsgstr "Halo %(nama)s"\n',
        encoding="utf-8",
    )
    assert main([str(broken)]) != 0
