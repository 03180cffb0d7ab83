"""The year's IID recap as a PDF: the admin asks for it, innovations publishes
`iid.recap_requested` with the figures the year's page shows (`iid_board.figures`, never
computed another way), documents renders it (kind `iid_rekap`) and its `document.ready` is kept
per year (`IidRecap`) for the year's page to list. Read by admins and verifiers: the recap names
every agency's innovations, an operator's view of the year is their own agency's."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from services.innovations import iid, iid_board, iid_index
from services.innovations.iid_board import Figures
from services.innovations.iid_structure import SPD
from services.innovations.models import OUTBOX, IidAnswer, IidRecap, Innovation
from services.innovations.models.iid import REGION
from shared import outbox
from shared.events import (
    DocumentReady,
    IidRecapRequested,
    Person,
    RecapIndicator,
    RecapInnovation,
    RecapMissing,
)
from shared.outbox import utcnow
from shared.web.auth import CurrentUser

KIND = "iid_rekap"
READERS = ("admin", "verifier")
MISSING_SHOWN = 10  # the largest gains the recap prints


def subject(year: int) -> str:
    """What documents files the year's recap under (each request a revision of it)."""
    return f"iid:{year}"


def year_of(document_subject: str | None) -> int | None:
    prefix, _, year = (document_subject or "").partition(":")
    return int(year) if prefix == "iid" and year.isdigit() else None


def recap_event(
    found: Figures,
    year: int,
    statuses: Mapping[int, str],
    innovations: Mapping[int, tuple[str, str]],
    by: Person,
    at: datetime,
) -> IidRecapRequested:
    """The event from the year's figures (pure): `statuses` the region's answer status per SPD
    indicator, `innovations` the title and agency of each reporting innovation."""
    s, index = found.structure, found.index
    spd = found.accepted.get(REGION, {})
    spd_rows = []
    for ind in sorted(s.of_set(SPD), key=lambda i: i.no):
        level = spd.get(ind.no, 0)
        reached = next((p.label for p in ind.parameters if p.level == level), "")
        spd_rows.append(RecapIndicator(
            no=ind.no, name=ind.name, level=level, parameter=reached, score=ind.score(level),
            status=statuses.get(ind.no, ""),
        ))  # fmt: skip
    rows = [
        RecapInnovation(innovation_id=j, title=innovations[j][0], opd_name=innovations[j][1],
                        score=iid_index.innovation_score(s, found.accepted.get(str(j), {})))
        for j in found.ids if j in innovations
    ]  # fmt: skip
    rows.sort(key=lambda r: (r.opd_name, r.title, r.innovation_id))
    missing = []
    for m in found.missing[:MISSING_SHOWN]:
        named = s.indicator(m.indicator_no)
        missing.append(RecapMissing(
            no=m.indicator_no, name=named.name if named else "", region=m.units == (0,),
            units=len(m.units), gain=m.gain,
        ))  # fmt: skip
    return IidRecapRequested(
        year=year, structure_version=found.version, spd=index.spd, sid=index.sid, n=index.n,
        divisor=index.divisor, count_score=index.count_score, max_total=s.max_total,
        iid=index.iid, predikat=index.band.name, spd_rows=tuple(spd_rows),
        innovations=tuple(rows), missing=tuple(missing), requested_by=by, requested_at=at,
    )  # fmt: skip


def request(s: Session, user: CurrentUser, year: int) -> IidRecapRequested:
    """Publishes the year's recap request (in the caller's transaction) and returns it."""
    found = iid_board.figures(s, year)
    statuses: dict[int, str] = {
        no: status
        for no, status in s.execute(select(IidAnswer.indicator_no, IidAnswer.status).where(
            IidAnswer.year == year, IidAnswer.unit == REGION))
    }  # fmt: skip
    named = {
        i.id: (i.title, i.opd_name)
        for i in s.scalars(select(Innovation).where(Innovation.id.in_(found.ids)))
    }
    event = recap_event(found, year, statuses, named, iid.person(user), utcnow())
    outbox.publish(s, OUTBOX, event)
    return event


def keep(s: Session, event: DocumentReady) -> None:
    """A recap PDF was made: kept under its year, once per document."""
    year = year_of(event.subject)
    if event.kind != KIND or year is None:
        return
    if s.scalar(select(IidRecap.id).where(IidRecap.document_id == event.document_id)):
        return
    s.add(IidRecap(year=year, document_id=event.document_id, number=event.number or "",
                   title=event.title[:500], download_path=event.download_path))  # fmt: skip


def made(s: Session, year: int) -> list[IidRecap]:
    """The year's recap PDFs, the newest first."""
    return list(
        s.scalars(select(IidRecap).where(IidRecap.year == year)
                  .order_by(IidRecap.made_at.desc(), IidRecap.id.desc()))
    )  # fmt: skip
