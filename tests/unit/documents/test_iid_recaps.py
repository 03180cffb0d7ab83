"""The IID recap PDF (issue 24): rendered from `iid.recap_requested` as innovations computed it
(the figures printed with the decimal comma, never recomputed), signed by the agency's head,
one document per year whose later requests are revisions, announced with the year's subject
for innovations to list it, and read by admins and verifiers only."""

from __future__ import annotations

import re
from datetime import timedelta
from decimal import Decimal

from sqlalchemy import select

from services.documents import access, iid_recaps
from services.documents.models import OUTBOX, Document
from shared.db import Database
from shared.events import Envelope
from tests.support.documents import ASSIGNED_AT, Issued, flat_text, make_iid_recap, make_press


def test_the_recap_prints_the_year_the_index_with_its_decimal_comma_and_the_predikat(
    issued: dict[str, Issued],
) -> None:
    doc = issued["iid_rekap"]
    text = flat_text(doc.pdf)
    assert "Rekapitulasi Indeks Inovasi Daerah" in text
    assert "REKAPITULASI INDEKS INOVASI DAERAH TAHUN 2020" in text
    assert "32,83" in text
    assert "32.83" not in text
    assert "Kurang Inovatif" in text
    for figure in ("12,50", "20,33", "18,25", "7,70", "+3,00", "+1,05", "100,00"):
        assert figure in text, figure
    assert "Posyandu Digital Cibeber" in text
    assert "Peraturan kepala daerah" in text
    assert "Menunggu verifikasi" in text
    assert re.search(r"REKAP-IID", doc.number)


def test_a_later_request_is_a_revision_of_the_years_recap_and_names_its_year(db: Database) -> None:
    press = make_press()
    with db.session() as s:
        first = iid_recaps.issue_iid_recap(s, make_iid_recap(), press)
        again = iid_recaps.issue_iid_recap(s, make_iid_recap(), press)
        later = iid_recaps.issue_iid_recap(s, make_iid_recap(
            iid=Decimal("35.00"), predikat="Inovatif",
            requested_at=ASSIGNED_AT + timedelta(days=3)), press)  # fmt: skip
        assert first is not None
        assert later is not None
        assert again is not None
        assert again.id == first.id  # the same figures: nothing new
        assert (first.revision, later.revision) == (1, 2)
        assert first.status == "superseded"
        assert (later.proposal_id, later.call_id) == (0, None)
        ready = [
            Envelope.model_validate_json(e) for e in s.scalars(select(OUTBOX.events.c.envelope))
        ]
    payloads = [e.payload for e in ready if e.name == "document.ready"]
    assert [(p["kind"], p["subject"], p["innovation_id"]) for p in payloads] == [
        ("iid_rekap", "iid:2020", None), ("iid_rekap", "iid:2020", None),
    ]  # fmt: skip
    assert payloads[1]["title"] == "Rekapitulasi Indeks Inovasi Daerah Tahun 2020"


def test_admins_and_verifiers_read_the_recap_an_operator_or_innovator_does_not(
    db: Database,
) -> None:
    with db.session() as s:
        doc = iid_recaps.issue_iid_recap(s, make_iid_recap(), make_press())
        assert doc is not None
        row = s.scalars(select(Document).where(Document.id == doc.id)).one()
        assert access.can_read(1, "admin", None, row)
        assert access.can_read(40, "verifier", None, row)
        assert not access.can_read(41, "operator", "dinkes", row)
        assert not access.can_read(7, "innovator", "dinkes", row)
        assert not access.can_read(31, "evaluator", None, row)
