"""The announcement of a call's results (pengumuman hasil), from `results.announced`: the
winners and finalists per category with their place, signed like the recap; each announcement
of the call is a new revision of the one document, readable by everyone signed in."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from typing import Any

from sqlalchemy.orm import Session

from services.documents import contexts, installation
from services.documents.calls import call_info
from services.documents.formatting import local_time
from services.documents.issuing import Press, Request, issue, latest
from services.documents.models import Document
from shared.events import AnnouncedResult, ResultsAnnounced

KIND = "pengumuman"
LISTED = ("winner", "finalist")  # the announcement names these; the rest were not selected


def subject(call_id: int) -> str:
    return f"call:{call_id}"


def listed(results: Sequence[AnnouncedResult]) -> list[dict[str, Any]]:
    """Per category (the general one last), the winners then the finalists, by place."""
    by_category: dict[str, list[AnnouncedResult]] = defaultdict(list)
    for r in results:
        if r.decision in LISTED:
            by_category[r.category].append(r)
    out = []
    for category in sorted(by_category, key=lambda name: (name == "", name)):
        rows = sorted(by_category[category], key=_order)
        out.append({"name": category, "rows": [
            {"title": r.title, "opd_name": r.opd_name, "decision": r.decision, "rank": r.rank}
            for r in rows
        ]})  # fmt: skip
    return out


def _order(r: AnnouncedResult) -> tuple[int, int, int]:
    return LISTED.index(r.decision), r.rank or 10**6, r.proposal_id


def issue_announcement(session: Session, event: ResultsAnnounced, press: Press) -> Document | None:
    call = call_info(session, event.call_id) or {"call_name": event.call_name}
    city = installation.city(session, press.deploy)
    source = {
        **contexts.call_named(call, local_time(event.announced_at).year),
        "number": event.announcement_no,
        "categories": listed(event.results),
        "decided": len(event.results),
        "not_selected": sum(r.decision not in LISTED for r in event.results),
        "place_date": contexts.place_date(city, event.announced_at),
    }
    issued = issue(session, Request(
        kind=KIND, subject=subject(event.call_id), source=source, created=event.announced_at,
        owner=event.announcer, title=f"{contexts.TITLES[KIND]} {source['call_name']}",
        call_id=event.call_id,
    ), press)  # fmt: skip
    return issued if issued is not None else latest(session, KIND, subject(event.call_id))
