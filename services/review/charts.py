"""The admin's charts of review's own data, as SVG: progress per evaluator and the distribution
of scores. Counted here (pure), queried in `figures()`."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from flask import Blueprint, Response
from sqlalchemy import func, select

from services.review import bootstrap
from services.review.models import Assignment, Evaluator, ReviewCall, ReviewProposal
from shared.charts import histogram, progress_chart
from shared.web.auth import require_role, require_user
from shared.web.i18n import current_language, translate

bp = Blueprint("review_charts", __name__)
OPEN = ("assigned", "draft")


def progress(rows: Iterable[tuple[str, str]]) -> list[tuple[str, int, int]]:
    """(evaluator name, assignment status) → per evaluator: reviews submitted of those held
    (released ones are no longer theirs), the busiest first."""
    held: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for name, status in rows:
        if status == "submitted" or status in OPEN:
            held[name][1] += 1
            held[name][0] += status == "submitted"
    return sorted(((n, d, t) for n, (d, t) in held.items()), key=lambda r: (-r[2], r[0]))


def figures() -> tuple[list[tuple[str, int, int]], list[float], int]:
    with bootstrap.session() as session:
        rows = session.execute(
            select(Evaluator.name, Assignment.status).join(
                Evaluator, Evaluator.id == Assignment.evaluator_id
            )
        ).all()
        means = session.scalars(
            select(ReviewProposal.mean).where(ReviewProposal.mean.is_not(None))
        ).all()
        top = session.scalar(select(func.max(ReviewCall.scale_max)))
    return (
        progress((r.name, r.status) for r in rows),
        [float(m) for m in means if m is not None],
        top or 10,
    )


@bp.get("/review/admin/charts/<any(progress, scores):name>.svg")
def chart(name: str) -> Response:
    require_role(require_user(), "admin")
    rows, means, top = figures()
    if name == "progress":
        svg = progress_chart(rows, translate("charts.review_progress"),
                             empty=translate("charts.no_reviews_yet"))  # fmt: skip
    else:  # mean weighted totals, on the calls' scale
        svg = histogram(
            means,
            translate("charts.score_distribution"),
            low=0,
            high=top,
            language=current_language(),
            empty=translate("charts.no_scores_yet"),
        )
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response
