"""Write a catalogue's template (`messages.pot`) for `pybabel update` (`make i18n-extract`).

    python tools/i18n_template.py CATALOGUE_DIR SOURCE_DIR

The msgids are symbolic keys ("review.admin.save"), read by Babel's extractors (babel.cfg) from
SOURCE_DIR's Python and Jinja templates (pages, mails, PDFs): `translate("k")`, `t("k")`,
`translate_in(language, "k")`. Keys built at run time (f"status.{state}") cannot be read from
code, so every key already in CATALOGUE_DIR's Indonesian catalogue is kept; a key that another
catalogue holds (e.g. shared/web's "error.not_found" used by a service) is left to that one.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po, write_po

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from shared.web.i18n import DEFAULT_LANGUAGE, catalogue_directories  # noqa: E402

KEYWORDS = {"translate": None, "t": None, "translate_in": (2,), "gettext": None, "_": None}


def keys_in_code(source: Path) -> dict[str, list[tuple[str, int]]]:
    """Every literal key the code and templates under `source` ask for, with where."""
    with (ROOT / "babel.cfg").open(encoding="utf-8") as handle:
        method_map, options_map = parse_mapping_cfg(handle)  # type: ignore[no-untyped-call]
    found: dict[str, list[tuple[str, int]]] = {}
    for filename, lineno, message, _comments, _context in extract_from_dir(
        source, method_map, options_map, keywords=KEYWORDS, strip_comment_tags=True
    ):
        if isinstance(message, str) and message:
            where = (source / filename).relative_to(ROOT).as_posix()
            found.setdefault(message, []).append((where, lineno))
    return found


def keys_of(directory: Path) -> set[str]:
    path = directory / DEFAULT_LANGUAGE / "LC_MESSAGES" / "messages.po"
    if not path.exists():
        return set()
    with path.open("rb") as handle:
        return {str(m.id) for m in read_po(handle) if m.id}


def template(directory: Path, source: Path) -> Catalog:
    own = keys_of(directory)
    others = set().union(*(keys_of(d) for d in catalogue_directories() if d != directory))
    pot = Catalog(project="SIPINDA", version="1.0", fuzzy=False)
    for key, places in keys_in_code(source).items():
        if key not in others or key in own:
            pot.add(key, locations=places)
    for key in own:
        if key not in pot:
            pot.add(key)
    return pot


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("catalogue", type=Path, help="e.g. services/review/translations")
    parser.add_argument("source", type=Path, help="e.g. services/review")
    args = parser.parse_args(argv)
    directory = args.catalogue.resolve()
    pot = template(directory, args.source.resolve())
    with (directory / "messages.pot").open("wb") as handle:
        # file names without line numbers: a moved line does not churn every catalogue
        write_po(handle, pot, width=100, sort_output=True, include_lineno=False)
    print(f"{args.catalogue}/messages.pot: {len(pot)} keys")


if __name__ == "__main__":
    main()
