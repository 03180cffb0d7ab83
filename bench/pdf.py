"""The proposal dossier as the documents worker renders it: a realistic 10-page dossier.

Figures: time per document and pages per second for SIPINDA's render (Jinja, PDF/A-3b with the
embedded source JSON, fixed dates, in a forked child under time and memory limits), against the
same HTML rendered by bare WeasyPrint (`HTML(...).write_pdf()`, plain PDF) in the same run: the
ratio is SIPINDA's overhead. Peak memory of a render child, and throughput with 1 and 2 worker
processes rendering side by side.
"""

from __future__ import annotations

import io
import resource
import statistics
import time
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor
from datetime import UTC, datetime
from multiprocessing import get_context

from pypdf import PdfReader

from services.documents import contexts, letterhead
from services.documents.codes import canonical_json
from services.documents.fetcher import AssetFetcher
from services.documents.issuing import Press, Request, context_for, sandboxed_render
from services.documents.rendering import HOUSE_STYLE, render_html, render_pdf
from services.documents.weasy import CSS, HTML, FontConfiguration, font_subsetting
from shared.events import Person, ProposalSubmitted, Section
from shared.storage import InMemoryStorage

COUNT = 5
AT = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
SENTENCE = (
    "Kader posyandu mencatat tumbuh kembang balita setiap bulan, data dikirim ke puskesmas "
    "dan ditindaklanjuti dalam satu minggu bersama kelurahan dan tim penggerak PKK. "
)
ASPECTS = (
    "Latar Belakang", "Permasalahan", "Tujuan", "Kebaruan", "Tahapan Pelaksanaan",
    "Sumber Daya", "Manfaat", "Hasil yang Dicapai", "Keberlanjutan", "Kemudahan Replikasi",
    "Kolaborasi", "Rencana Pengembangan",
)  # fmt: skip


def event() -> ProposalSubmitted:
    paragraphs = "\n\n".join(SENTENCE * 3 for _ in range(3))
    return ProposalSubmitted(
        proposal_id=1, version_no=1, title="Posyandu Digital Terpadu: Cegah Stunting Bersama",
        summary=paragraphs, opd_code="dinkes", opd_name="Dinas Kesehatan",
        innovator=Person(id=1, name="Rina Inovator", email="i@sipinda.test"), call_id=1,
        submitted_at=AT, category="Tata Kelola", urusan=("kesehatan",), sdgs=(3, 5),
        team=tuple(Person(id=i, name=f"Anggota Tim {i}", email=f"t{i}@x.test") for i in range(4)),
        sections=tuple(
            Section(key=f"s{i}", title=t, text=paragraphs) for i, t in enumerate(ASPECTS)
        ),
        attachments=tuple(f"lampiran-{i}.pdf" for i in range(8)),
    )  # fmt: skip


def job() -> tuple[str, dict[str, object], str]:
    e = event()
    press = Press(
        InMemoryStorage(), "https://sipinda.example", letterhead.settings({}),
        letterhead.number_format({}),
    )  # fmt: skip
    request = Request(
        kind="proposal_dossier", subject="proposal:1:v1",
        source=contexts.dossier(e, {"call_name": "KID"}, blind=False), created=AT,
        owner=e.innovator, title=e.title,
    )  # fmt: skip
    context = context_for(request, press, "BPI/001/BAPPEDALITBANG/XI/2026", "ABCDEFGHJK")
    return "dossier.html", context, canonical_json(request.source)


def ours_in_process() -> bytes:
    template, context, source = job()
    return render_pdf(template, context, created=AT, source_json=source, title="Dossier")


def ours_sandboxed() -> bytes:
    template, context, source = job()
    return sandboxed_render(template, context, AT, source, "Dossier")


def bare(html: str, styled: bool = False, **options: str) -> Callable[[], bytes]:
    """Bare WeasyPrint on `html`; `styled`: with the house stylesheet and its @font-face fonts
    (parsed and loaded once, as any careful caller of WeasyPrint would), i.e. the same HTML
    and fonts SIPINDA lays out. Unstyled, the page has WeasyPrint's default look and fonts."""
    fetcher, fonts = AssetFetcher(), FontConfiguration()
    style = [CSS(url=HOUSE_STYLE, url_fetcher=fetcher, font_config=fonts)] if styled else []

    def render() -> bytes:
        pdf: bytes = HTML(string=html, url_fetcher=AssetFetcher()).write_pdf(
            stylesheets=style, font_config=fonts, **options
        )
        return pdf

    return render


def interleaved(actions: dict[str, Callable[[], bytes]], rounds: int) -> dict[str, float]:
    """Median seconds per document of each action, run in turn round after round, so that the
    load of a shared machine falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in actions}
    for _ in range(rounds):
        for name, action in actions.items():
            start = time.perf_counter()
            action()
            times[name].append(time.perf_counter() - start)
    return {name: statistics.median(values) for name, values in times.items()}


def certificate_batch(count: int) -> tuple[float, int]:
    """(seconds, pages) of one merged PDF of `count` certificates, each with its own QR."""
    press = Press(
        InMemoryStorage(), "https://sipinda.example", letterhead.settings({}),
        letterhead.number_format({}),
    )  # fmt: skip
    entries = [
        {"proposal_id": i, "version_no": 1, "innovator_name": f"Inovator {i}",
         "opd_name": "Dinas Kesehatan", "title": f"Inovasi Pelayanan Nomor {i}",
         "decision": "finalist", "call_name": "KID", "year": 2026, "place_date": "Cilegon",
         "number": f"SERT/{i:03d}/BAPPEDALITBANG/XI/2026", "code": f"ABCDE{i:05d}"}
        for i in range(count)
    ]  # fmt: skip
    request = Request(
        kind="sertifikat_batch", subject="call:1", source={"certificates": entries}, created=AT,
        owner=Person(id=1, name="Admin", email="a@x.test"), title="Piagam",
    )  # fmt: skip
    context = context_for(request, press, "SERT-K/001/BAPPEDALITBANG/XI/2026", "ABCDEFGHJK")
    start = time.perf_counter()
    pdf = sandboxed_render("sertifikat.html", context, AT, canonical_json(entries), "Piagam")
    return time.perf_counter() - start, len(PdfReader(io.BytesIO(pdf)).pages)


def _pool_render(_: int) -> int:
    return len(ours_in_process())


def throughput(workers: int, documents: int) -> float:
    with ProcessPoolExecutor(workers, mp_context=get_context("fork")) as pool:
        list(pool.map(_pool_render, range(workers)))  # warm up each worker
        start = time.perf_counter()
        list(pool.map(_pool_render, range(documents)))
        return documents / (time.perf_counter() - start)


def run() -> list[str]:
    template, context, _ = job()
    html = render_html(template, context)
    actions = {
        "bare": bare(html, styled=True),
        "bare_pdfa": bare(html, styled=True, pdf_variant="pdf/a-3b"),
        "unstyled": bare(html),
        "ours": ours_in_process,
        "boxed": ours_sandboxed,
    }
    for action in actions.values():  # warm up: imports, fonts
        action()
    pages = len(PdfReader(io.BytesIO(ours_in_process())).pages)
    t = interleaved(actions, COUNT)
    child_peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    one, two = throughput(1, 6), throughput(2, 6)
    batch_s, batch_pages = certificate_batch(300)

    def line(label: str, name: str) -> str:
        ratio = "   base" if name == "bare" else f"{t[name] / t['bare']:6.2f}×"
        return f"  {label:<50} {t[name]:5.2f} s/doc {pages / t[name]:6.1f} pages/s {ratio}"

    return [
        f"PDF dossier ({pages} pages; median of {COUNT} interleaved rounds)",
        line("bare WeasyPrint, same HTML and fonts, plain PDF", "bare"),
        line("bare WeasyPrint, same HTML and fonts, PDF/A-3b", "bare_pdfa"),
        line("bare WeasyPrint, same HTML, no stylesheet (old base)", "unstyled"),
        line("SIPINDA in process (PDF/A-3b, JSON, fixed dates)", "ours"),
        line("SIPINDA in a forked child with limits (worker)", "boxed"),
        f"  peak RSS: render child {child_peak:.0f} MB, benchmark process {own_peak:.0f} MB",
        f"  throughput: 1 worker process {one:5.2f} docs/s, 2 worker processes {two:5.2f} docs/s "
        f"({two / one:4.2f}×)",
        f"  certificates: {batch_pages} in one merged PDF (each with its QR) in {batch_s:.1f} s",
        f"  font subsetting: {font_subsetting()}",
        "",
    ]


if __name__ == "__main__":
    print("\n".join(run()))
