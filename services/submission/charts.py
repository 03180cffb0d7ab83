"""The admin's charts of submission's own data, as SVG: proposals per agency, per stage, per
category, and the deadlines ahead. Counted here (pure), queried in `figures()`."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from datetime import datetime, timedelta

from flask import Blueprint, Response
from sqlalchemy import select

from services.submission import directory
from services.submission.models import Call, Proposal
from services.submission.states import DRAFT
from shared import runtime
from shared.charts import Bar, bar_chart
from shared.formats import moment
from shared.outbox import utcnow
from shared.web.auth import require_role, require_user
from shared.web.i18n import current_language, translate

bp = Blueprint("submission_charts", __name__)
STAGES = ("submitted", "returned", "admitted", "under_review", "scored", "decided", "withdrawn",
          "refused")  # fmt: skip
TOP = 15  # agencies shown; the rest are summed as "others"


def per_agency(rows: Iterable[tuple[str, str]], names: dict[str, str]) -> list[Bar]:
    """(opd_code, status) of proposals past draft → one bar per agency, most first."""
    counts = Counter(code for code, _ in rows)
    ranked = sorted(counts.items(), key=lambda item: (-item[1], names.get(item[0], item[0])))
    bars = [Bar(names.get(code, code), n) for code, n in ranked[:TOP]]
    rest = sum(n for _, n in ranked[TOP:])
    if rest:
        bars.append(Bar(translate("charts.others", count=len(ranked) - TOP), rest))
    return bars


def per_stage(statuses: Iterable[str]) -> list[Bar]:
    counts = Counter(statuses)
    return [Bar(translate(f"status.{stage}"), counts[stage]) for stage in STAGES]


def per_category(categories: Iterable[str | None]) -> list[Bar]:
    counts = Counter(c or translate("charts.no_category") for c in categories)
    return [Bar(name, n) for name, n in sorted(counts.items(), key=lambda i: (-i[1], i[0]))]


def deadlines(calls: Iterable[tuple[str, datetime]], now: datetime) -> list[Bar]:
    """Calls still open, as days left until they close."""
    ahead = sorted((closes, name) for name, closes in calls if closes > now)
    return [
        Bar(name, round((closes - now) / timedelta(days=1), 1), moment(closes, current_language()))
        for closes, name in ahead
    ]


def figures(name: str) -> list[Bar]:
    """One chart's bars, reading only what that chart needs."""
    with runtime.database("submission").session() as session:
        if name == "deadlines":
            calls = session.execute(select(Call.name, Call.closes_at)).all()
            return deadlines(((c.name, c.closes_at) for c in calls), utcnow())
        rows = session.execute(
            select(Proposal.opd_code, Proposal.status, Proposal.category).where(
                Proposal.status != DRAFT
            )
        ).all()
    if name == "stages":
        return per_stage(r.status for r in rows)
    if name == "categories":
        return per_category(r.category for r in rows)
    return per_agency(((r.opd_code, r.status) for r in rows), directory.agency_names())


TITLES = {
    "agencies": "charts.by_agency",
    "stages": "charts.by_stage",
    "categories": "charts.by_category",
    "deadlines": "charts.deadlines",
}


@bp.get("/admin/charts/<any(agencies, stages, categories, deadlines):name>.svg")
def chart(name: str) -> Response:
    require_role(require_user(), "admin")
    empty = translate("charts.no_deadline") if name == "deadlines" else translate("charts.no_data")
    svg = bar_chart(figures(name), translate(TITLES[name]), language=current_language(),
                    empty=empty)  # fmt: skip
    response = Response(svg, mimetype="image/svg+xml")
    response.headers["Cache-Control"] = "private, no-store"
    return response
