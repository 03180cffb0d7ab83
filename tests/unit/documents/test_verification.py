"""Verification's byte-for-byte check: the very bytes issued match, any other does not."""

from __future__ import annotations

import hashlib

from services.documents import verification


def test_only_the_very_bytes_issued_match() -> None:
    pdf = b"%PDF-1.7 issued"
    recorded = hashlib.sha256(pdf).hexdigest()
    assert verification.matches(recorded, pdf)
    assert not verification.matches(recorded, pdf + b" ")
    assert not verification.matches(recorded, b"")


def test_each_status_reads_in_both_languages() -> None:
    assert set(verification.STATUS_TEXT) == {"valid", "superseded", "revoked"}
    assert all("(" in text for text in verification.STATUS_TEXT.values())
