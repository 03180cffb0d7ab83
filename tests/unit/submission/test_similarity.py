"""How alike two proposals read (pure)."""

from __future__ import annotations

import pytest

from services.submission.similarity import Candidate, similar


def test_similar_finds_the_same_title_and_a_close_text() -> None:
    others = [
        Candidate(1, "Klinik Keliling", "pelayanan kesehatan jemput bola ke rumah warga lansia"),
        Candidate(2, "Sistem Arsip Digital", "arsip surat menyurat elektronik kantor kelurahan"),
        Candidate(3, "Klinik Keliling Lansia", "pelayanan kesehatan jemput bola ke rumah warga"),
    ]
    found = similar(
        "Klinik keliling", "pelayanan kesehatan jemput bola ke rumah warga lansia", others
    )
    assert [m.proposal_id for m in found] == [1, 3]
    assert found[0].same_title
    assert found[0].score == pytest.approx(1.0)
    assert 0.6 <= found[1].score < 1.0
