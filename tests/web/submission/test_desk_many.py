"""The verifier's desk over 2,000 proposals (issue 21): the counts, page 2 and the last page
hold what they should, the status filter counts each status, and a word written only in one
proposal's aspect text finds that one among them all. The proposals go straight into
submission's table in one statement, their search text written as a save writes it."""

from __future__ import annotations

import re
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from flask.testing import FlaskClient
from sqlalchemy import delete, insert, select, text

from services.submission.models import Proposal
from services.submission.search import search_text
from shared import runtime
from tests.support.pages import sign_in

COUNT = 2_000
START = datetime(2026, 4, 1, tzinfo=UTC)
STATUSES = ("submitted", "returned", "admitted", "refused")  # 500 of each, in turn


def row(word: str, needle: str, i: int) -> dict[str, object]:
    title = f"Inovasi {word} nomor {i}"
    summary = "Layanan publik yang lebih cepat."
    sections = {"uraian": f"Uraian umum {i}." + (f" Memakai {needle} di kelurahan." if i == 1234
                                                 else "")}  # fmt: skip
    return {"title": title, "summary": summary, "opd_code": "dinkes", "innovator_id": 999_999,
            "status": STATUSES[i % 4], "version_no": 1, "evaluator_ids": [],
            "created_at": START, "updated_at": START + timedelta(seconds=i), "sdgs": [],
            "sections": sections, "profile": {}, "fixes": [],
            "search_text": search_text(title, summary, sections)}  # fmt: skip


@pytest.fixture
def many() -> Iterator[tuple[str, str, list[int]]]:
    """2,000 proposals of their own word; (the word, the needle, their ids newest first)."""
    word, needle = f"ribuan{uuid.uuid4().hex[:8]}", f"jarum{uuid.uuid4().hex[:8]}"
    db = runtime.database("submission")
    with db.session() as s:
        s.execute(insert(Proposal), [row(word, needle, i) for i in range(COUNT)])
    with db.session() as s:
        ids = list(
            s.scalars(
                select(Proposal.id)
                .where(Proposal.title.contains(word))
                .order_by(Proposal.updated_at.desc(), Proposal.id.desc())
            )
        )
    assert len(ids) == COUNT
    yield word, needle, ids
    with db.session() as s:
        s.execute(delete(Proposal).where(Proposal.id.in_(ids)))


def shown(client: FlaskClient, query: str) -> tuple[str, list[int]]:
    reply = client.get(f"/proposals?{query}")
    assert reply.status_code == 200
    page = reply.get_data(as_text=True)
    return page, [int(i) for i in re.findall(r'<td><a href="/proposals/(\d+)">', page)]


def test_two_thousand_proposals_page_count_and_search(
    client: FlaskClient, many: tuple[str, str, list[int]]
) -> None:
    word, needle, ids = many
    sign_in(client, "verifikator@sipinda.test")
    began = time.monotonic()
    first, on_first = shown(client, f"q={word}")
    assert time.monotonic() - began < 10  # a page, its count and its counts, not every row
    assert "Ditemukan 2.000 proposal" in first
    assert "Menampilkan 1–50 dari 2.000" in first
    assert on_first == ids[:50]
    for status in STATUSES:
        assert f'<option value="{status}" >' in first
    assert ">Terkirim (500)</option>" in first
    assert ">Tidak memenuhi syarat (500)</option>" in first
    assert ">Draf (0)</option>" in first

    second, on_second = shown(client, f"q={word}&page=2")
    assert on_second == ids[50:100]
    assert "Menampilkan 51–100 dari 2.000" in second
    last, on_last = shown(client, f"q={word}&page=40")
    assert on_last == ids[1950:]
    assert "Menampilkan 1.951–2.000 dari 2.000" in last
    assert 'rel="next"' not in last
    _, past = shown(client, f"q={word}&page=41")
    assert past == ids[1950:]  # a page past the end shows the last

    returned, on_returned = shown(client, f"q={word}&status=returned&per_page=200")
    assert "Ditemukan 500 proposal" in returned
    assert len(on_returned) == 200
    assert ">Terkirim (500)</option>" in returned  # the other statuses still counted

    found, only = shown(client, f"q={needle.upper()}")
    assert "Ditemukan 1 proposal" in found
    assert only == [ids[COUNT - 1 - 1234]]
    _, both = shown(client, f"q={word}+{needle}")
    assert both == only


def test_the_search_reads_an_index_of_trigrams_on_either_database(client: FlaskClient) -> None:
    """SQLite's FTS5 table or PostgreSQL's GIN index, made by the migrations the app ran."""
    engine = runtime.database("submission").engine
    with engine.connect() as connection:
        if engine.dialect.name == "postgresql":
            found = connection.execute(
                text("SELECT indexdef FROM pg_indexes WHERE indexname = 'ix_proposals_search_trgm'")
            ).scalar_one()
            assert "gin_trgm_ops" in found
        else:
            found = connection.execute(
                text("SELECT sql FROM sqlite_master WHERE name = 'proposal_words'")
            ).scalar_one()
            assert "trigram" in found
