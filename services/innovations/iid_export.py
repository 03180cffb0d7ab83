"""The IID's exports (pure: values in, bytes out): the workbook to enter into the national system
(a summary sheet, SPD with one row per indicator, SID with one row per innovation and one column
per indicator), its headers in Indonesian as the national form has them; and the evidence
archive, `<innovation-no>-<title-slug>/<indicator-no>-<indicator-slug>/<file>`."""

from __future__ import annotations

import io
import re
import unicodedata
import zipfile
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from openpyxl import Workbook

from services.innovations.iid_index import Index
from services.innovations.iid_structure import SID, SPD, Structure
from shared.spreadsheet import fill

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | int | Decimal | None
SHEETS = ("Ringkasan", "SPD", "SID")


@dataclass(frozen=True)
class Reported:
    """One reporting innovation: its parameters accepted, by indicator."""

    id: int
    title: str
    opd_name: str
    stage: str
    accepted: Mapping[int, int]


def workbook(
    year: int,
    version: int,
    structure: Structure,
    index: Index,
    spd: Mapping[int, int],
    innovations: Sequence[Reported],
    stage_names: Mapping[str, str],
) -> bytes:
    book = Workbook()
    summary = book.active
    assert summary is not None
    summary.title = SHEETS[0]
    fill(summary, ["Komponen", "Nilai"], [
        ["Tahun", year], ["Versi struktur", version],
        ["Skor SPD", index.spd], ["Skor SID", index.sid],
        ["Jumlah inovasi (n)", index.n],
        [f"Pembagi MAX({structure.divisor_floor}, n)", index.divisor],
        ["Skor jumlah inovasi", index.count_score],
        ["Skor total maksimum", structure.max_total],
        ["Indeks Inovasi Daerah", index.iid], ["Predikat", index.band.name],
    ])  # fmt: skip
    spd_rows: list[list[Cell]] = []
    for ind in sorted(structure.of_set(SPD), key=lambda i: i.no):
        level = spd.get(ind.no)
        label = next((p.label for p in ind.parameters if p.level == level), None)
        spd_rows.append([ind.no, ind.name, ind.evidence, level, label, ind.score(level)])
    fill(book.create_sheet(SHEETS[1]),
          ["No", "Indikator", "Bukti dukung", "Parameter", "Keterangan parameter", "Skor"],
          [*spd_rows, [None, "Total SPD", None, None, None, index.spd]])  # fmt: skip
    sid = sorted(structure.of_set(SID), key=lambda i: i.no)
    heads = ["No", "Nama inovasi", "Perangkat daerah", "Tahapan",
             *(f"{i.no}. {i.name}" for i in sid), "Total SID"]  # fmt: skip
    rows: list[list[Cell]] = []
    for j in innovations:
        scores = [i.score(j.accepted.get(i.no)) for i in sid]
        rows.append([j.id, j.title, j.opd_name, stage_names.get(j.stage, j.stage), *scores,
                     sum(scores, Decimal(0))])  # fmt: skip
    fill(book.create_sheet(SHEETS[2]), heads, rows)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def slug(text: str, limit: int = 60) -> str:
    """Lower-case ASCII words joined by hyphens ("Posyandu Digital!" → "posyandu-digital")."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-")[:limit].strip("-") or "tanpa-nama"


@dataclass(frozen=True)
class Packed:
    folder: str  # "<innovation-no>-<title-slug>" or "daerah"
    indicator_no: int
    indicator_name: str
    filename: str
    data: bytes


def archive(files: Sequence[Packed]) -> bytes:
    """The files in their folders; a name met twice in one folder gets "-2", "-3" …"""
    out = io.BytesIO()
    seen: set[str] = set()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for f in files:
            base = f"{f.folder}/{f.indicator_no}-{slug(f.indicator_name)}/"
            stem, dot, ext = f.filename.rpartition(".")
            if not dot:
                stem, ext = f.filename, ""
            name, n = base + f.filename, 1
            while name in seen:
                n += 1
                name = f"{base}{stem}-{n}{dot}{ext}"
            seen.add(name)
            z.writestr(name, f.data)
    return out.getvalue()
