"""Move message dicts ({"key": {"id": ..., "en": ...}}) into a gettext catalogue.

    python tools/dicts_to_po.py CATALOGUE_DIR FILE.py [FILE.py ...]

e.g. `python tools/dicts_to_po.py services/review/translations services/review/messages.py`.
Every module-level `NAME: dict = {...}` literal of the form {key: {"id": text, "en": text}} in
the files is read with `ast` (nothing is imported or run). Each key becomes a msgid in
CATALOGUE_DIR/<lang>/LC_MESSAGES/messages.po (created when absent): id.po gets the Indonesian
text, en.po the English (or the Indonesian when a dict has no English). A key already in a
catalogue keeps its translation unless `--overwrite`. Re-run it at merge time for keys other
branches still add to dicts, then delete the dicts.
"""

from __future__ import annotations

import argparse
import ast
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.pofile import read_po, write_po

LANGUAGES = ("id", "en")
DEFAULT = "id"


def dicts_in(path: Path) -> dict[str, dict[str, str]]:
    """Every literal message dict assigned at the top of `path`, in source order."""
    found: dict[str, dict[str, str]] = {}
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        value = node.value if isinstance(node, ast.Assign | ast.AnnAssign) else None
        if not isinstance(value, ast.Dict):
            continue
        try:
            literal = ast.literal_eval(value)
        except ValueError:
            continue  # not a literal (e.g. {**A, **B}); its parts are read where they are written
        if all(isinstance(v, dict) and DEFAULT in v for v in literal.values()):
            found.update(literal)
    return found


def po_path(directory: Path, language: str) -> Path:
    return directory / language / "LC_MESSAGES" / "messages.po"


def load(directory: Path, language: str) -> Catalog:
    path = po_path(directory, language)
    if path.exists():
        with path.open("rb") as handle:
            return read_po(handle, locale=language)
    return Catalog(locale=language, project="SIPINDA", version="1.0", fuzzy=False)


def merge(directory: Path, messages: dict[str, dict[str, str]], *, overwrite: bool = False) -> int:
    """Write `messages` into both catalogues under `directory`; the number of keys added."""
    added = 0
    for language in LANGUAGES:
        catalogue = load(directory, language)
        for key, texts in messages.items():
            text = texts.get(language) or texts[DEFAULT]
            current = catalogue.get(key)
            if current is None:
                added += language == DEFAULT
                catalogue.add(key, text)
            elif overwrite or not current.string:
                current.string = text
        path = po_path(directory, language)
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("wb") as handle:
            write_po(handle, catalogue, width=100, sort_output=True, omit_header=False)
    return added


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path, help="e.g. services/review/translations")
    parser.add_argument("files", type=Path, nargs="+")
    parser.add_argument("--overwrite", action="store_true", help="replace existing texts")
    args = parser.parse_args(argv)
    messages: dict[str, dict[str, str]] = {}
    for path in args.files:
        messages.update(dicts_in(path))
    added = merge(args.catalogue, messages, overwrite=args.overwrite)
    print(f"{args.catalogue}: {len(messages)} keys read, {added} new")


if __name__ == "__main__":
    main()
