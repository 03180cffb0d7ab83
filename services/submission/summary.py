"""The programme in figures for the admin's dashboard: proposals per stage in words, and the
calls open now with the days until they close. Counted here (pure), queried in `figures()`,
served as JSON and as the dashboard's card (a fragment the console's page frames: the console
never reads this service's tables)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta

from babel.dates import format_timedelta
from flask import Blueprint, Response, jsonify, render_template
from pydantic import BaseModel
from sqlalchemy import func, select

from services.submission import clock
from services.submission.models import Call, Proposal
from services.submission.states import DRAFT, STATES, SUBMITTED
from shared import runtime
from shared.timezone import to_wib
from shared.web.auth import api_login_required, page_login_required, require_role, require_user
from shared.web.fragments import fragment
from shared.web.i18n import current_language, translate, translate_in
from shared.web.openapi import documented

bp = Blueprint("submission_summary", __name__)


@dataclass(frozen=True)
class OpenCall:
    id: int
    name: str
    closes_at: datetime
    days_left: int  # calendar days in WIB until the closing day: 0 on the day itself


@dataclass(frozen=True)
class NextCall:
    id: int
    name: str
    opens_at: datetime
    days_to_open: int  # calendar days in WIB until the opening day


@dataclass(frozen=True)
class Summary:
    by_status: dict[str, int]  # every state, in the order of a proposal's life, zeros included
    submitted: int  # past draft: what the agencies have sent in, withdrawn and refused included
    waiting_check: int  # submitted, waiting for the verifier's check
    open_calls: list[OpenCall]
    next_call: NextCall | None = None  # the soonest call still to open


def days_left(closes_at: datetime, now: datetime) -> int:
    return (to_wib(closes_at).date() - to_wib(now).date()).days


def summarise(
    counts: Iterable[tuple[str, int]],
    calls: Sequence[tuple[int, str, datetime, datetime]],
    now: datetime,
) -> Summary:
    """(status, count) and (id, name, opens, closes) → the summary; calls open at `now`, the
    soonest to close first, and the soonest still to open."""
    by_status = dict.fromkeys(STATES, 0)
    for status, n in counts:
        by_status[status] = by_status.get(status, 0) + n
    open_calls = sorted(
        (OpenCall(i, name, closes, days_left(closes, now))
         for i, name, opens, closes in calls if opens <= now < closes),
        key=lambda c: (c.closes_at, c.id),
    )  # fmt: skip
    ahead = sorted((opens, i, name) for i, name, opens, _ in calls if opens > now)
    next_call = None
    if ahead:
        opens, i, name = ahead[0]
        next_call = NextCall(i, name, opens, days_left(opens, now))
    return Summary(
        by_status=by_status,
        submitted=sum(n for s, n in by_status.items() if s != DRAFT),
        waiting_check=by_status[SUBMITTED],
        open_calls=open_calls,
        next_call=next_call,
    )


def in_words(verb: str, days: int, language: str) -> str:
    """`verb` ("closes", "opens") in `days` in words: "ditutup dalam 12 hari", "dibuka besok",
    "ditutup hari ini"."""
    if days <= 0:
        return translate_in(language, f"summary.{verb}_today")
    if days == 1:
        return translate_in(language, f"summary.{verb}_tomorrow")
    span = format_timedelta(timedelta(days=days), granularity="day", threshold=10_000,
                            locale=language if language in ("id", "en") else "id")  # fmt: skip
    return translate_in(language, f"summary.{verb}_in", span=span)


def closes_in(call: OpenCall, language: str) -> str:
    return in_words("closes", call.days_left, language)


def opens_in(call: NextCall, language: str) -> str:
    return in_words("opens", call.days_to_open, language)


def figures() -> Summary:
    with runtime.database("submission").session() as session:
        counts = session.execute(
            select(Proposal.status, func.count()).group_by(Proposal.status)
        ).all()
        calls = session.execute(select(Call.id, Call.name, Call.opens_at, Call.closes_at)).all()
    rows = [(c.id, c.name, c.opens_at, c.closes_at) for c in calls]
    return summarise(((str(s), int(n)) for s, n in counts), rows, clock.now())


class OpenCallOut(BaseModel):
    id: int
    name: str
    closes_at: str  # ISO 8601
    days_left: int
    closes_in: str  # in the reader's words


class NextCallOut(BaseModel):
    id: int
    name: str
    opens_at: str  # ISO 8601
    days_to_open: int
    opens_in: str  # in the reader's words


class SubmissionSummaryOut(BaseModel):
    by_status: dict[str, int]
    submitted: int
    waiting_check: int
    open_calls: list[OpenCallOut]
    next_call: NextCallOut | None


@bp.get("/api/v1/admin/summary/submission")
@api_login_required
@documented("The proposals in figures: a count per status (every status, zeros included), how "
            "many wait for the verifier's check, the open calls and when they close, the next call "
            "to open (admin)",
            tags=("admin",), responses={200: SubmissionSummaryOut})  # fmt: skip
def summary_api() -> Response:
    require_role(require_user(), "admin")
    found, language = figures(), current_language()
    body = asdict(found)
    body["open_calls"] = [
        {**asdict(c), "closes_at": c.closes_at.isoformat(), "closes_in": closes_in(c, language)}
        for c in found.open_calls
    ]
    upcoming = found.next_call
    if upcoming is not None:
        body["next_call"] = {**asdict(upcoming), "opens_at": upcoming.opens_at.isoformat(),
                             "opens_in": opens_in(upcoming, language)}  # fmt: skip
    return jsonify(body)


@bp.get("/admin/summary/proposals")
@page_login_required
def summary_card() -> Response:
    """The dashboard's card of proposals, framed by the console's page."""
    require_role(require_user(), "admin")
    found, language = figures(), current_language()
    return fragment(
        render_template(
            "submission/summary_card.html", summary=found,
            stages=[(s, translate(f"status.{s}"), n) for s, n in found.by_status.items()],
            closes={c.id: closes_in(c, language) for c in found.open_calls},
            opens=opens_in(found.next_call, language) if found.next_call else "",
        )
    )  # fmt: skip
