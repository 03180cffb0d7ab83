"""The IID recap PDF from the year's page (issue 24): the admin's button publishes one
`iid.recap_requested` carrying the figures the page shows (iid_board's, never recomputed);
verifiers see the recaps made but cannot ask, operators see neither; the PDF documents
announces is listed under its year, once."""

from __future__ import annotations

import io
import json
import random
from decimal import Decimal
from typing import Any

from flask import Flask
from sqlalchemy import select

from services.innovations import consumers, iid_board
from services.innovations.models import OUTBOX
from shared import formats, runtime
from shared.events import DocumentReady, Envelope, Person
from tests.support.pages import csrf_of, sign_in
from tests.web.innovations.test_iid_pages import ADMIN, OPERATOR, PDF, VERIFIER, answer, answer_id
from tests.web.innovations.test_iid_pages import innovation as new_innovation


def requested(year: int) -> list[dict[str, Any]]:
    with runtime.database("innovations").session() as s:
        rows = s.scalars(select(OUTBOX.events.c.envelope)
                         .where(OUTBOX.events.c.name == "iid.recap_requested"))  # fmt: skip
        payloads = [json.loads(r)["payload"] for r in rows]
    return [p for p in payloads if p["year"] == year]


def unused_year() -> int:
    """A year of this test's own: one no test has asked a recap for yet (the tests share the
    database, and two random years met once)."""
    return next(y for y in iter(lambda: random.randint(2030, 2099), None) if not requested(y))


def test_the_admin_asks_for_the_recap_with_the_figures_the_page_shows(app: Flask) -> None:
    year = unused_year()
    operator, verifier, admin = app.test_client(), app.test_client(), app.test_client()
    innovation_id, title = new_innovation(operator)
    sign_in(operator, OPERATOR)
    status, _ = answer(operator, f"/innovations/{innovation_id}/iid/{year}", "send",
                       **{"level-16": "2", "files-16": (io.BytesIO(PDF), "sk.pdf")})  # fmt: skip
    assert status == 302
    sign_in(verifier, VERIFIER)
    queue = verifier.get(f"/innovations/iid/{year}/verify").get_data(as_text=True)
    accepted = verifier.post(f"/innovations/iid/{year}/verify/{answer_id(year, innovation_id, 16)}",
                             data={"csrf_token": csrf_of(queue), "action": "accept"})  # fmt: skip
    assert accepted.status_code == 302

    sign_in(admin, ADMIN)
    page = admin.get(f"/innovations/iid/{year}").get_data(as_text=True)
    assert "Buat rekap PDF" in page
    assert "Belum ada rekap PDF tahun ini." in page
    made = admin.post(f"/innovations/iid/{year}/recap", data={"csrf_token": csrf_of(page)})
    assert made.status_code == 302
    assert made.headers["Location"].endswith(f"/innovations/iid/{year}#iid-recaps")
    assert "Rekap PDF sedang dibuat" in admin.get(f"/innovations/iid/{year}").get_data(as_text=True)

    [event] = requested(year)
    with runtime.database("innovations").session() as s:
        found = iid_board.figures(s, year)
    index = found.index
    assert Decimal(event["iid"]) == index.iid
    assert formats.number(float(Decimal(event["iid"])), "id", 2) in page
    assert event["predikat"] == index.band.name
    assert (Decimal(event["spd"]), Decimal(event["sid"])) == (index.spd, index.sid)
    assert (event["n"], event["divisor"]) == (index.n, index.divisor)
    assert Decimal(event["count_score"]) == index.count_score
    assert event["structure_version"] == found.version
    ours = [r for r in event["innovations"] if r["innovation_id"] == innovation_id]
    assert [(r["title"], Decimal(r["score"])) for r in ours] == [(title, Decimal("2.4"))]
    assert len(event["innovations"]) == index.n
    assert [r["no"] for r in event["spd_rows"]] == sorted(
        i.no for i in found.structure.of_set("SPD")
    )
    assert [(m["no"], Decimal(m["gain"])) for m in event["missing"]] == [
        (m.indicator_no, m.gain) for m in found.missing[:10]
    ]
    assert event["requested_by"]["email"] == ADMIN


def test_only_the_admin_asks_verifiers_see_the_recaps_operators_neither(app: Flask) -> None:
    year = unused_year()
    verifier, operator = app.test_client(), app.test_client()
    sign_in(verifier, VERIFIER)
    sign_in(operator, OPERATOR)
    page = verifier.get(f"/innovations/iid/{year}").get_data(as_text=True)
    assert "Rekap PDF" in page
    assert "Buat rekap PDF" not in page
    refused = verifier.post(f"/innovations/iid/{year}/recap", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 403
    page = operator.get(f"/innovations/iid/{year}").get_data(as_text=True)
    assert 'id="iid-recaps"' not in page
    refused = operator.post(f"/innovations/iid/{year}/recap", data={"csrf_token": csrf_of(page)})
    assert refused.status_code == 403
    assert requested(year) == []


def test_the_pdf_documents_made_is_listed_under_its_year_once(app: Flask) -> None:
    year = unused_year()
    document_id = random.randint(10**8, 10**9)
    ready = DocumentReady(
        document_id=document_id, kind="iid_rekap", proposal_id=0, version_no=0,
        title=f"Rekapitulasi Indeks Inovasi Daerah Tahun {year}", sha256="ab" * 32,
        download_path=f"/documents/{document_id}/download",
        owner=Person(id=1, name="Admin", email=ADMIN), number="REKAP-IID/001/X/2026",
        subject=f"iid:{year}",
    )  # fmt: skip
    envelope = Envelope.wrap(ready, producer="documents")
    for _ in range(2):  # a redelivery keeps one row
        with runtime.database("innovations").session() as s:
            consumers.on_document(s, ready, envelope)
    verifier = app.test_client()
    sign_in(verifier, VERIFIER)
    page = verifier.get(f"/innovations/iid/{year}").get_data(as_text=True)
    assert page.count(f'href="/documents/{document_id}/download"') == 1
    assert "REKAP-IID/001/X/2026" in page
    assert f"Rekapitulasi Indeks Inovasi Daerah Tahun {year} (PDF)" in page
    other = verifier.get(f"/innovations/iid/{year - 1}").get_data(as_text=True)
    assert f"/documents/{document_id}/download" not in other
