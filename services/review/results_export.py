"""A call's results as a workbook for the secretariat: one sheet ranks the proposals (mean,
median, calibrated score, disagreement, rank, decision), the other holds every submitted review
with each aspect's score and the weighted total. Headed in the reader's language. Pure."""

from __future__ import annotations

import io
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass

from openpyxl import Workbook

from services.review.reviews import RankingRow
from services.review.scoring import Aspect
from shared.spreadsheet import fill

XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
Cell = str | int | float | None
RANKING = (
    "export.rank", "export.group_rank", "export.proposal_id", "export.title", "export.category",
    "export.group", "export.mean", "export.median", "export.calibrated", "export.disagreement",
    "export.decision",
)  # fmt: skip


@dataclass(frozen=True)
class Review:
    """One submitted review: whose, of which proposal, its scores and weighted total."""

    proposal_id: int
    version_no: int
    title: str
    evaluator: str
    scores: Mapping[str, object]
    total: float | None


def ranking_rows(rows: Sequence[RankingRow], label: Callable[[str], str]) -> list[list[Cell]]:
    return [
        [r.rank, r.group_rank, r.proposal_id, r.title, r.category, r.group, r.mean, r.median,
         r.calibrated, label("export.yes") if r.disagreement else "",
         label(f"review.decision.{r.decision}") if r.decision else ""]
        for r in rows
    ]  # fmt: skip


def review_rows(reviews: Sequence[Review], aspects: Sequence[Aspect]) -> list[list[Cell]]:
    out: list[list[Cell]] = []
    for r in reviews:
        scores = [_score(r.scores.get(a.key)) for a in aspects]
        out.append([r.proposal_id, r.version_no, r.title, r.evaluator, *scores, r.total])
    return out


def _score(entry: object) -> float | None:
    value = entry.get("score") if isinstance(entry, Mapping) else None
    return float(value) if isinstance(value, int | float) else None


def workbook(
    ranked: Sequence[RankingRow],
    reviews: Sequence[Review],
    aspects: Sequence[Aspect],
    label: Callable[[str], str],
    percent: Callable[[float], str],
) -> bytes:
    book = Workbook()
    first = book.active
    assert first is not None
    first.title = label("export.sheet.ranking")[:31]
    fill(first, [label(k) for k in RANKING], ranking_rows(ranked, label))
    second = book.create_sheet(label("export.sheet.reviews")[:31])
    heads = [label("export.proposal_id"), label("export.version"), label("export.title"),
             label("export.evaluator"),
             *(f"{a.title} ({percent(a.weight)})" for a in aspects if a.weight > 0),
             label("export.total")]  # fmt: skip
    fill(second, heads, review_rows(reviews, [a for a in aspects if a.weight > 0]))
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
