"""Hostile text through every field that reaches a PDF. None of it reaches a file or the
network (a real listener counts requests), markup prints as text, and a pathological document
fails with a clear error within its time or memory limit while the process carries on."""

from __future__ import annotations

import os
import signal
import threading
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from sqlalchemy import select

from services.documents import (
    announcements,
    call_documents,
    calls,
    contexts,
    dossiers,
    iid_recaps,
    letters,
    monev_reports,
    stage_minutes,
)
from services.documents.errors import RendererDiedError, RenderMemoryError, RenderTimeoutError
from services.documents.fetcher import SCHEME, AssetFetcher
from services.documents.issuing import Request, context_for
from services.documents.models import Base, Document
from services.documents.rendering import render_pdf
from services.documents.sandbox import run_limited
from shared.db import Database
from shared.events import (
    AnnouncedResult,
    AspectScore,
    Assignee,
    Person,
    RecapIndicator,
    RecapInnovation,
    RecapMissing,
    ResultsAnnounced,
    Section,
)
from shared.storage import InMemoryStorage
from tests.support.documents import (
    ADMIN,
    ASSIGNED_AT,
    INNOVATOR,
    SUBMITTED_AT,
    assign_now,
    flat_text,
    make_assigned,
    make_call,
    make_decision,
    make_iid_recap,
    make_monev_visit,
    make_press,
    make_review,
    make_stage_changed,
    make_submitted,
    reader,
)


class Listener:
    """An HTTP server on 127.0.0.1 that records every request it receives."""

    def __init__(self) -> None:
        hits: list[str] = []

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                pass

        self.hits = hits
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)


@pytest.fixture(scope="module")
def listener() -> Iterator[Listener]:
    server = Listener()
    server.thread.start()
    yield server
    server.server.shutdown()
    server.server.server_close()


def hostile(port: int) -> list[str]:
    here = f"http://127.0.0.1:{port}"
    return [
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<img src="{here}/img">',
        f'<style>@import url("{here}/import.css");</style>',
        f"<p style=\"background:url('{here}/bg.png')\">x</p>",
        f'<svg xmlns="http://www.w3.org/2000/svg"><image href="{here}/svg.png"/></svg>',
        f'<iframe src="{here}/frame"></iframe><object data="file:///etc/shadow"></object>',
        "<div>" * 500 + "bersarang" + "</div>" * 500,
        "Sangatpanjang" * 300,
        "{{ 7*7 }} {% raw %} ${7*7} <script>alert(1)</script> x{width:expression(alert(1))}",
    ]


RTL_AND_EMOJI = "مرحبا بالعالم — שלום עולם — 😀🇮🇩👩🏽‍💻"


def every_field_events(bad: list[str], *, rtl: bool = True) -> dict[str, object]:
    text = "\n\n".join(bad)
    person = Person(id=7, name=bad[0], email="rina@example.test")
    evaluator = Assignee(evaluator_id=31, name=bad[1], email="p@example.test", opd_code=None)
    scores = tuple(
        AspectScore(key=f"a{i}", title=b, weight=0.1, score=5, comment=b) for i, b in enumerate(bad)
    )
    return {
        "call": make_call(call_name=bad[2]),
        "submitted": make_submitted(
            title=bad[3], summary=text, opd_name=bad[4], innovator=person,
            category=RTL_AND_EMOJI if rtl else bad[5],
            group=bad[6], urusan=(bad[7],), team=(Person(id=8, name=bad[5], email="b@x.test"),),
            sections=(
                *(Section(key=f"s{i}", title=b, text=text) for i, b in enumerate(bad)),
                *([Section(key="rtl", title="RTL", text=RTL_AND_EMOJI)] if rtl else []),
            ),
            attachments=tuple(bad), blind=True,
        ),
        "assigned": make_assigned(title=bad[3], evaluators=(evaluator,), blind=True),
        "review": make_review(title=bad[3], evaluator=evaluator, scores=scores, total=5.0),
        "decision": make_decision(title=bad[3], innovator=person, opd_name=bad[4]),
        "announced": ResultsAnnounced(
            call_id=3, call_name=bad[2], announcement_no=1, announced_at=ASSIGNED_AT,
            announcer=person,
            results=tuple(AnnouncedResult(proposal_id=40 + i, version_no=1, title=b,
                                          opd_name=bad[4], category=bad[5], decision=decision,
                                          rank=i, innovator=person)
                          for i, b in enumerate(bad)
                          for decision in (("winner", "finalist", "not_selected")[i % 3],)),
        ),
    }  # fmt: skip


@pytest.fixture(scope="module")
def hostile_documents(
    listener: Listener, tmp_path_factory: pytest.TempPathFactory
) -> dict[str, bytes]:
    """Every kind, issued through the real (limited, forked) renderer from hostile events."""
    folder = tmp_path_factory.mktemp("hostile")
    db = Database("documents", f"sqlite:///{Path(folder) / 'documents.db'}")
    Base.metadata.create_all(db.engine)
    storage = InMemoryStorage()
    press = make_press(storage)
    events = every_field_events(hostile(listener.port))
    with db.session() as s:
        calls.record_call(s, events["call"])  # type: ignore[arg-type]
        dossiers.issue_dossiers(s, events["submitted"], press)  # type: ignore[arg-type]
        assign_now(s, events["assigned"], press, ASSIGNED_AT)  # type: ignore[arg-type]
        letters.issue_score_sheet(s, events["review"], press)  # type: ignore[arg-type]
        letters.issue_certificate(s, events["decision"], press)  # type: ignore[arg-type]
        call_documents.issue_recap(s, 3, ADMIN, ASSIGNED_AT, press)
        call_documents.issue_minutes(
            s, 3, ADMIN, ASSIGNED_AT, press, held_on=date(2020, 12, 21),
            place=hostile(listener.port)[1], panel=[{"name": hostile(listener.port)[0],
                                                     "role": "Ketua"}],
        )  # fmt: skip
        call_documents.issue_certificates(s, 3, ADMIN, ASSIGNED_AT, press)
        announcements.issue_announcement(s, events["announced"], press)  # type: ignore[arg-type]
        text = hostile(listener.port)
        iid_recaps.issue_iid_recap(s, make_iid_recap(
            predikat=text[0],
            spd_rows=tuple(RecapIndicator(no=i, name=h, parameter=h, level=1, score=1)
                           for i, h in enumerate(text)),
            innovations=tuple(RecapInnovation(innovation_id=i, title=h, opd_name=h, score=1)
                              for i, h in enumerate(text)),
            missing=(RecapMissing(no=1, name=text[-1], region=True, units=1, gain=1),),
        ), press)  # fmt: skip
        monev_reports.issue_monev_report(s, make_monev_visit(
            storage, title=text[0], place=text[1], findings="\n".join(text),
            recommendations=text[-1], team_name=text[4],
        ), press)  # fmt: skip
        stage_minutes.issue_stage_minutes(s, make_stage_changed(
            title=text[0], opd_name=text[1], evidence_name=text[2],
        ), press)  # fmt: skip
        docs = {d.kind: storage.get(d.storage_key) for d in s.scalars(select(Document))}
    db.dispose()
    return docs


def test_every_kind_renders_from_hostile_text(hostile_documents: dict[str, bytes]) -> None:
    assert set(hostile_documents) == set(contexts.TITLES)


def test_no_request_reaches_the_listener(
    hostile_documents: dict[str, bytes], listener: Listener
) -> None:
    assert hostile_documents  # rendered before we look
    assert listener.hits == []


def test_no_local_file_is_attached_or_embedded(hostile_documents: dict[str, bytes]) -> None:
    for kind, pdf in hostile_documents.items():
        assert list(reader(pdf).attachments) == ["sumber.json"], kind
        assert b"root:x:0:0" not in pdf, kind


@pytest.fixture(scope="module")
def markup_dossier(listener: Listener) -> tuple[bytes, AssetFetcher]:
    """The dossier from hostile text without right-to-left and emoji text, rendered in this
    process so that its fetcher can be inspected. (Glyphs the packaged fonts lack come from a
    system font, and on a page that mixes both pypdf garbles the extraction of the others.)"""
    event = every_field_events(hostile(listener.port), rtl=False)["submitted"]
    request = Request(
        kind="proposal_dossier", subject="s",
        source=contexts.dossier(event, None, blind=False),  # type: ignore[arg-type]
        created=SUBMITTED_AT, owner=INNOVATOR, title="t",
    )  # fmt: skip
    fetcher = AssetFetcher()
    pdf = render_pdf(
        "dossier.html", context_for(request, make_press(), "N/1", "ABCDEFGHJK"),
        created=SUBMITTED_AT, fetcher=fetcher,
    )  # fmt: skip
    return pdf, fetcher


def test_markup_shows_as_text(
    markup_dossier: tuple[bytes, AssetFetcher], listener: Listener
) -> None:
    dossier = flat_text(markup_dossier[0])
    for expected in (
        '<link rel="attachment" href="file:///etc/passwd">',
        f'<img src="http://127.0.0.1:{listener.port}/img">',
        f'<style>@import url("http://127.0.0.1:{listener.port}/import.css");</style>',
        "background:url(",
        "<svg xmlns=",
        "<iframe src=",
        "<div><div><div>",
        "{{ 7*7 }} {% raw %} ${7*7} <script>alert(1)</script>",  # template syntax stays text
        "x{width:expression(alert(1))}",
    ):
        assert expected in dossier, expected


def test_rendering_in_process_asks_only_for_packaged_assets(
    markup_dossier: tuple[bytes, AssetFetcher], listener: Listener
) -> None:
    fetcher = markup_dossier[1]
    assert fetcher.refused == []
    assert all(u.startswith((SCHEME, "data:image/png;base64,")) for u in fetcher.requested)
    assert listener.hits == []


def test_very_long_words_break_instead_of_running_off_the_page(
    markup_dossier: tuple[bytes, AssetFetcher],
) -> None:
    assert "Sangatpanjang" * 300 in flat_text(markup_dossier[0]).replace(" ", "")


def test_right_to_left_and_emoji_text_is_printed(hostile_documents: dict[str, bytes]) -> None:
    text = flat_text(hostile_documents["proposal_dossier"])
    assert "שלום עולם" in text
    assert "مرحبا بالعالم" in text


def ten_thousand_rows() -> bytes:
    rows = [
        {"proposal_id": i, "version_no": 1, "title": f"Inovasi nomor {i}", "due_at": None}
        for i in range(10_000)
    ]
    source = contexts.surat_tugas(None, "Penilai", rows, "Cilegon", ASSIGNED_AT)
    request = Request(
        kind="surat_tugas", subject="x", source=source, created=ASSIGNED_AT, owner=INNOVATOR,
        title="t",
    )  # fmt: skip
    context = context_for(request, make_press(), "N/1", "ABCDEFGHJK")
    return render_pdf("surat_tugas.html", context, created=ASSIGNED_AT)


def test_pathological_document_stops_at_the_time_limit_and_the_process_carries_on() -> None:
    with pytest.raises(RenderTimeoutError, match=r"batas waktu 2 detik"):
        run_limited(ten_thousand_rows, seconds=2)
    # The same process renders the next document as usual.
    assert run_limited(
        lambda: render_pdf("surat_tugas.html", small_context(), created=ASSIGNED_AT)
    ).startswith(b"%PDF-")


def small_context() -> dict[str, object]:
    source = contexts.surat_tugas(None, "Penilai", [], "Cilegon", ASSIGNED_AT)
    request = Request(
        kind="surat_tugas", subject="x", source=source, created=ASSIGNED_AT, owner=INNOVATOR,
        title="t",
    )  # fmt: skip
    return context_for(request, make_press(), "N/1", "ABCDEFGHJK")


def test_render_past_its_memory_ceiling_fails_clearly() -> None:
    def hungry() -> bytes:
        return bytes(bytearray(512 * 1024 * 1024))

    with pytest.raises(RenderMemoryError, match=r"batas memori 128 MB"):
        run_limited(hungry, memory_mb=128)


def test_error_inside_the_child_comes_back_as_a_render_error() -> None:
    def broken() -> bytes:
        raise ValueError("template exploded")

    with pytest.raises(Exception, match="ValueError: template exploded"):
        run_limited(broken)


@pytest.mark.parametrize("sig", [signal.SIGKILL, signal.SIGTERM])
def test_a_child_killed_from_outside_is_a_transient_death_not_a_memory_error(sig: int) -> None:
    def killed() -> bytes:
        os.kill(os.getpid(), sig)
        return b""

    with pytest.raises(RendererDiedError, match=f"signal {int(sig)}"):
        run_limited(killed)


def test_a_child_that_crashes_inside_its_ceiling_is_a_memory_error() -> None:
    def crashed() -> bytes:
        os.kill(os.getpid(), signal.SIGSEGV)
        return b""

    with pytest.raises(RenderMemoryError):
        run_limited(crashed)
