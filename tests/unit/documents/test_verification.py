"""Verification's byte-for-byte check: the very bytes issued match, any other does not."""

from __future__ import annotations

import hashlib

import pytest

from services.documents import verification
from services.documents.contexts import TITLES
from shared.web.i18n import known


def test_only_the_very_bytes_issued_match() -> None:
    pdf = b"%PDF-1.7 issued"
    recorded = hashlib.sha256(pdf).hexdigest()
    assert verification.matches(recorded, pdf)
    assert not verification.matches(recorded, pdf + b" ")
    assert not verification.matches(recorded, b"")


FOUND = {"kind": "rekap", "number": "001/REKAP/2026", "issued": "2026-12-03", "sha256": "ab",
         "status": "superseded"}  # fmt: skip


def test_the_facts_read_in_indonesian() -> None:
    said = verification.in_words(FOUND, "id")
    assert (said["kind_title"], said["issued_text"], said["status_text"]) == (
        "Rekapitulasi Nilai",
        "Kamis, 3 Desember 2026",
        "Digantikan oleh revisi yang lebih baru",
    )


def test_the_facts_read_in_english() -> None:
    said = verification.in_words(FOUND, "en")
    assert (said["kind_title"], said["issued_text"], said["status_text"]) == (
        "Score Recapitulation",
        "Thursday, 3 December 2026",
        "Superseded by a newer revision",
    )


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("status", verification.STATUSES)
def test_every_status_and_kind_has_its_words(language: str, status: str) -> None:
    assert known(f"documents.verify.status.{status}", language)
    assert all(known(f"pdf.kind.{kind}", language) for kind in TITLES)


def test_a_status_or_kind_added_later_shows_its_code_not_a_key() -> None:
    said = verification.in_words(FOUND | {"kind": "keputusan", "status": "draft"}, "en")
    assert (said["kind_title"], said["status_text"]) == ("keputusan", "draft")
