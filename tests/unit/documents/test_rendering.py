"""Rendering is deterministic: the same input gives the same bytes, in this process and in
another; the PDF's dates come from the event, never from the clock."""

from __future__ import annotations

import subprocess
import sys
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from services.documents import contexts
from services.documents.fetcher import SCHEME, AssetFetcher
from services.documents.issuing import Request, context_for
from services.documents.rendering import house_style, render_pdf
from tests.support.documents import INNOVATOR, SUBMITTED_AT, make_press, make_submitted, reader

REPO = Path(__file__).resolve().parents[3]
SCRIPT = """
import sys
from services.documents import contexts
from services.documents.issuing import Request, context_for
from services.documents.rendering import render_pdf
from tests.support.documents import make_press
from tests.support.documents import INNOVATOR, make_submitted
e = make_submitted()
r = Request(kind="proposal_dossier", subject="s", source=contexts.dossier(e, None, blind=False),
            created=e.submitted_at, owner=INNOVATOR, title=e.title)
ctx = context_for(r, make_press(), "BPI/001/X/XII/2020", "ABCDEFGHJK")
sys.stdout.buffer.write(render_pdf("dossier.html", ctx, created=e.submitted_at,
                                   source_json='{"a":1}', title="t"))
"""


def render(created: Any = SUBMITTED_AT, fetcher: AssetFetcher | None = None) -> bytes:
    event = make_submitted()
    request = Request(
        kind="proposal_dossier", subject="s", source=contexts.dossier(event, None, blind=False),
        created=event.submitted_at, owner=INNOVATOR, title=event.title,
    )  # fmt: skip
    context = context_for(request, make_press(), "BPI/001/X/XII/2020", "ABCDEFGHJK")
    return render_pdf(
        "dossier.html", context, created=created, source_json='{"a":1}', title="t",
        fetcher=fetcher,
    )  # fmt: skip


@pytest.fixture(scope="module")
def rendered() -> tuple[bytes, AssetFetcher]:
    fetcher = AssetFetcher()
    return render(fetcher=fetcher), fetcher


def test_same_input_gives_byte_identical_pdf(rendered: tuple[bytes, AssetFetcher]) -> None:
    assert render() == rendered[0]


def test_same_input_is_byte_identical_in_another_process(
    rendered: tuple[bytes, AssetFetcher],
) -> None:
    # Another process has other temporary font paths and another clock: neither may leak in.
    result = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, check=True, cwd=REPO
    )
    assert result.stdout == rendered[0]


def test_pdf_dates_come_from_the_event_not_the_clock(rendered: tuple[bytes, AssetFetcher]) -> None:
    info: Any = reader(rendered[0]).metadata
    assert str(info["/CreationDate"]).startswith("D:20201207073000")
    assert info["/ModDate"] == info["/CreationDate"]
    assert "/ID" in reader(rendered[0]).trailer


def test_another_creation_date_changes_the_bytes(rendered: tuple[bytes, AssetFetcher]) -> None:
    assert render(created=SUBMITTED_AT + timedelta(days=1)) != rendered[0]


def test_only_packaged_assets_are_fetched(rendered: tuple[bytes, AssetFetcher]) -> None:
    requested = rendered[1].requested
    assert "sipinda-asset:logo.svg" in requested
    house = house_style().fetcher  # the stylesheet and its fonts, loaded once per process
    assert "sipinda-asset:pdf.css" in house.requested
    assert "sipinda-asset:fonts/Caladea-Regular.ttf" in house.requested
    assert house.refused == []
    others = [u for u in requested if not u.startswith(SCHEME)]
    assert all(u.startswith("data:image/png;base64,") for u in others), others  # the QR
    assert rendered[1].refused == []
