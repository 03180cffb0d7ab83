"""Evaluators from a CSV or XLSX sheet: pure parsing and checking, line by line.

Columns (a header row, any order, case-insensitive): `email` and `name` (required), `kind`
(academic | practitioner | government; also akademisi, praktisi, pemerintah), `opd_code`,
`language` (id | en), `min_load`, `max_load`, `topics` (separated by `;`), `expertise`
(free-text keywords), `active` (ya/tidak, yes/no, 1/0).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path

KINDS = {
    "academic": "academic", "akademisi": "academic",
    "practitioner": "practitioner", "praktisi": "practitioner",
    "government": "government", "pemerintah": "government",
}  # fmt: skip
TRUE = {"", "1", "ya", "yes", "y", "true", "aktif"}
FALSE = {"0", "tidak", "no", "n", "false", "nonaktif"}


@dataclass(frozen=True)
class EvaluatorRow:
    line: int
    email: str
    name: str
    kind: str
    opd_code: str | None = None
    language: str = "id"
    min_load: int = 0
    max_load: int = 10
    topics: tuple[str, ...] = ()
    expertise: str = ""
    active: bool = True


@dataclass
class Parsed:
    rows: list[EvaluatorRow] = field(default_factory=list)
    errors: list[tuple[int, str]] = field(default_factory=list)


def read_table(path: Path) -> list[dict[str, str]]:
    """The sheet's rows as header → text (the first sheet of an XLSX)."""
    if path.suffix.lower() == ".xlsx":
        from openpyxl import load_workbook

        book = load_workbook(path, read_only=True, data_only=True)
        try:  # a read-only workbook holds its file open until closed
            rows = book.worksheets[0].iter_rows(values_only=True)
            values = [["" if v is None else str(v) for v in row] for row in rows]
        finally:
            book.close()
        if not values:
            return []
        header = [h.strip().lower() for h in values[0]]
        return [dict(zip(header, row, strict=False)) for row in values[1:]]
    text = path.read_text(encoding="utf-8-sig")
    dialect = csv.Sniffer().sniff(text.splitlines()[0] if text else ",", delimiters=",;\t")
    reader = csv.DictReader(io.StringIO(text), dialect=dialect)
    # Cells beyond the header (DictReader files them under None) are dropped.
    return [
        {k.strip().lower(): v if isinstance(v, str) else "" for k, v in row.items() if k}
        for row in reader
    ]


def parse(records: Iterable[Mapping[str, str]], known_agencies: set[str]) -> Parsed:
    """Check every row; a row with any problem is an error naming its line (the header is 1)."""
    out = Parsed()
    seen: set[str] = set()
    for line, record in enumerate(records, start=2):
        get = {k: (v or "").strip() for k, v in record.items()}
        problems = []
        email, name = get.get("email", "").lower(), get.get("name", "")
        if "@" not in email:
            problems.append("email tidak sah / invalid e-mail")
        elif email in seen:
            problems.append("email ganda / duplicate e-mail")
        if not name:
            problems.append("nama wajib diisi / name is required")
        kind = KINDS.get(get.get("kind", "academic").lower() or "academic")
        if kind is None:
            problems.append(f"jenis tidak dikenal / unknown kind: {get.get('kind')}")
        opd = get.get("opd_code") or None
        if opd is not None and opd not in known_agencies:
            problems.append(f"perangkat daerah tidak dikenal / unknown agency: {opd}")
        language = get.get("language", "id").lower() or "id"
        if language not in ("id", "en"):
            problems.append(f"bahasa tidak dikenal / unknown language: {language}")
        try:
            min_load = int(get.get("min_load") or 0)
            max_load = int(get.get("max_load") or 10)
            if not 0 <= min_load <= max_load:
                raise ValueError
        except ValueError:
            problems.append("beban tidak sah / invalid loads (0 ≤ min_load ≤ max_load)")
            min_load, max_load = 0, 0
        active_text = get.get("active", "").lower()
        if active_text not in TRUE | FALSE:
            problems.append(f"kolom aktif tidak sah / invalid active: {active_text}")
        if problems:
            out.errors.append((line, "; ".join(problems)))
            continue
        seen.add(email)
        out.rows.append(
            EvaluatorRow(
                line=line, email=email, name=name, kind=str(kind), opd_code=opd,
                language=language, min_load=min_load, max_load=max_load,
                topics=tuple(t.strip() for t in get.get("topics", "").split(";") if t.strip()),
                expertise=get.get("expertise", ""), active=active_text not in FALSE,
            )
        )  # fmt: skip
    return out
