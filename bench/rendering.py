"""What a proposal dossier costs to render against WeasyPrint rendering a one-line page through
the same fetcher and fonts, in the same process."""

from __future__ import annotations

from datetime import UTC, datetime

from bench.common import per_second, row
from services.documents import letterhead
from services.documents.dossier import TEMPLATE, dossier_context
from services.documents.rendering import html_to_pdf, render_pdf
from shared.events import Assignee, Person, ReviewAssigned

COUNT = 20
AT = datetime(2026, 11, 28, 3, 0, tzinfo=UTC)
EVENT = ReviewAssigned(
    proposal_id=1, version_no=1, title="Posyandu Digital Terpadu",
    summary="Ringkasan inovasi. " * 150, opd_code="dinkes", opd_name="Dinas Kesehatan",
    innovator=Person(id=1, name="Inovator", email="i@sipinda.test"), submitted_at=AT,
    evaluators=(Assignee(evaluator_id=2, name="E", email="e@sipinda.test", opd_code=None),),
)  # fmt: skip
ONE_LINE = (
    "<style>@font-face{font-family:C;src:url(sipinda-asset:fonts/Caladea-Regular.ttf)}"
    "body{font-family:C}</style><p>SIPINDA</p>"
)


def run() -> list[str]:
    context = dossier_context(EVENT, letterhead.load())
    html_to_pdf(ONE_LINE, created=AT)  # warm up: font loading, imports
    base_rate, base_p99 = per_second(lambda: html_to_pdf(ONE_LINE, created=AT), COUNT)
    rate, p99 = per_second(lambda: render_pdf(TEMPLATE, context, created=AT), COUNT)
    return [
        f"PDF rendering ({COUNT} renders each)",
        row("WeasyPrint, one line in the embedded font", base_rate, base_p99),
        row("proposal dossier (letterhead, logo, 150-sentence summary)", rate, p99, base_rate),
        "",
    ]
