"""The dossier's context and the letterhead: pure, from the event and the environment."""

from __future__ import annotations

from services.documents import letterhead
from services.documents.dossier import dossier_context, paragraphs
from tests.unit.documents.factories import Assigned


def test_context_carries_the_proposal_in_indonesian(assigned: Assigned) -> None:
    context = dossier_context(assigned(), letterhead.CILEGON)
    assert context["title"] == "Kader Posyandu Cerdas: Gerakan Bersama Cegah Stunting"
    assert context["submitted_date"] == "Senin, 7 Desember 2020"
    assert context["submitted_time"] == "pukul 14.30 WIB"
    assert context["opd_name"] == "Dinas Kesehatan"
    assert context["innovator_name"] == "Rina Inovator"
    assert context["letterhead"]["government"] == "PEMERINTAH KOTA CILEGON"
    assert len(context["summary_paragraphs"]) == 2


def test_context_leaves_out_evaluators_and_emails(assigned: Assigned) -> None:
    flat = repr(dossier_context(assigned(), letterhead.CILEGON))
    for secret in ("Penilai Rahasia", "Tersembunyi", "31", "p1@example.test", "rina@example"):
        assert secret not in flat


def test_paragraphs_split_on_blank_lines_and_keep_single_breaks() -> None:
    text = "  Satu\r\nbaris dua\r\n\r\n\n  Tiga  \n \n"
    assert paragraphs(text) == ["Satu\nbaris dua", "Tiga"]
    assert paragraphs("   ") == []


def test_letterhead_defaults_to_kota_cilegon() -> None:
    loaded = letterhead.load({})
    assert loaded["government"] == "PEMERINTAH KOTA CILEGON"
    assert loaded["agency"] == letterhead.CILEGON["agency"]
    assert "PENELITIAN DAN PENGEMBANGAN" in loaded["agency"]


def test_letterhead_is_overridden_by_environment() -> None:
    loaded = letterhead.load(
        {
            "LETTERHEAD_GOVERNMENT": "PEMERINTAH PROVINSI BANTEN",
            "LETTERHEAD_AGENCY": "BADAN RISET DAN INOVASI DAERAH",
            "LETTERHEAD_ADDRESS": "Jl. Contoh No. 1, Serang",
        }
    )
    assert loaded == {
        "government": "PEMERINTAH PROVINSI BANTEN",
        "agency": "BADAN RISET DAN INOVASI DAERAH",
        "address": "Jl. Contoh No. 1, Serang",
    }


def test_empty_environment_value_keeps_the_default() -> None:
    assert letterhead.load({"LETTERHEAD_AGENCY": ""})["agency"] == letterhead.CILEGON["agency"]
