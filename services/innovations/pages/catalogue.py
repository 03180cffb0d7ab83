"""The public catalogue's pages, `/katalog` and `/katalog/<id>`: no sign-in. Searched by words,
agency, urusan, SDG and year; paged. A private innovation, or one not in penerapan, is 404."""

from __future__ import annotations

from typing import Any

from flask import Blueprint, render_template, request

from services.innovations import catalogue, options
from services.innovations.bootstrap import session as unit_of_work
from services.innovations.models import DIRECTORY
from services.innovations.pages import TEMPLATES
from services.innovations.pages.history_words import stage_name
from shared import directory
from shared.outbox import utcnow
from shared.timezone import to_wib
from shared.web import paging

bp = Blueprint("innovations_catalogue", __name__, template_folder=TEMPLATES)
YEARS = 12


def _whole(raw: str, low: int, high: int) -> int | None:
    raw = raw.strip()
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and low <= int(raw) <= high:
        return int(raw)
    return None


def chosen() -> dict[str, Any]:
    """The catalogue's filters from the query string; a value not offered is no filter."""
    args = request.args
    urusan = args.get("urusan", "")
    return {
        "q": args.get("q", "").strip()[:100] or None,
        "opd_code": args.get("opd_code", "").strip()[:40] or None,
        "urusan": urusan if urusan in options.URUSAN else None,
        "sdg": _whole(args.get("sdg", ""), 1, 17),
        "year": _whole(args.get("year", ""), 2000, 2100),
    }


@bp.get("/katalog")
def index() -> str:
    filters = chosen()
    found = catalogue.page(paging.window_of(request.args, 20), **filters)
    with unit_of_work() as s:
        agencies = directory.agencies(s, DIRECTORY)
    this_year = to_wib(utcnow()).year
    return render_template(
        "innovations/catalogue/index.html", rows=found.items, filters=filters,
        pager=found.linked(request.path, request.args.items(multi=True)), agencies=agencies,
        urusan=options.URUSAN, sdgs=options.SDGS, years=range(this_year, this_year - YEARS, -1),
        stage_name=stage_name,
    )  # fmt: skip


@bp.get("/katalog/<int:innovation_id>")
def show(innovation_id: int) -> str:
    return render_template("innovations/catalogue/show.html", entry=catalogue.one(innovation_id),
                           stage_name=stage_name)  # fmt: skip
