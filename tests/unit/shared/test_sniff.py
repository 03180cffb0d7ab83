"""File types by content (pure)."""

from __future__ import annotations

import io
import zipfile

import pytest
from openpyxl import Workbook

from shared.uploads import sniff
from tests.support.submission import EXE, pdf_bytes


def xlsx_bytes() -> bytes:
    out = io.BytesIO()
    Workbook().save(out)
    return out.getvalue()


def plain_zip() -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("a.txt", "x")
    return out.getvalue()


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (pdf_bytes(), sniff.PDF),
        (b"\x89PNG\r\n\x1a\n" + b"\x00" * 20, sniff.PNG),
        (b"\xff\xd8\xff\xe0" + b"\x00" * 20, sniff.JPEG),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 20, sniff.OLE),
        (EXE, sniff.EXECUTABLE),
        (b"\x7fELF\x02\x01\x01", sniff.EXECUTABLE),
        (b"#!/bin/sh\nrm -rf /\n", sniff.EXECUTABLE),
        (b"<html><script>alert(1)</script>", None),
        (plain_zip(), None),
        (b"PK\x03\x04 broken", None),
    ],
)
def test_sniff_reads_the_content(data: bytes, kind: str | None) -> None:
    assert sniff.sniff(data) == kind


def test_an_xlsx_is_known_by_its_parts() -> None:
    assert sniff.sniff(xlsx_bytes()) == sniff.XLSX
