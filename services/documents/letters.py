"""The documents addressed to one person: an evaluator's surat tugas (ten minutes after the
first assignment it lists, listing all of them by then) and lembar penilaian (on each submitted
review), and a finalist's or winner's certificate."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable
from datetime import datetime, timedelta

from sqlalchemy import case, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.documents import contexts, dossiers, installation
from services.documents.calls import call_info
from services.documents.errors import RenderError
from services.documents.issuing import Press, Request, issue
from services.documents.models import Assignment, DecisionInfo, Document, LetterDue, ScoreInfo
from shared.celery import note_trouble
from shared.db import Database
from shared.events import Assignee, DecisionMade, Person, ReviewAssigned, ReviewSubmitted
from shared.outbox import utcnow
from shared.trouble import FAILED, reason_of

log = logging.getLogger(__name__)
CERTIFIED = frozenset({"finalist", "winner"})
Progress = Callable[[int, int], None]


def letter_delay() -> timedelta:
    """How long an evaluator's letter waits after the first assignment it will list, gathering
    the others of the same sitting (DOCUMENT_LETTER_DELAY_SECONDS, ten minutes by default).

    The letter is the formal record: each assignment is mailed to the evaluator at once (the
    notifications service's `evaluator_assigned`), with the link to score it. So an evaluator
    assigned ten proposals in an afternoon gets one letter, or a few, each with its mail, not
    ten revisions of it, and the documents worker renders a letter at most every ten minutes
    per evaluator and call, however many proposals arrive meanwhile."""
    return timedelta(seconds=float(os.environ.get("DOCUMENT_LETTER_DELAY_SECONDS", "600")))


def record_assignment(session: Session, event: ReviewAssigned, at: datetime) -> None:
    """Keep the assignment, open the proposal's dossier to its evaluators, and mark each
    evaluator's surat tugas for the call as due (`issue_due_letters` renders it, listing every
    assignment by then). A redelivered event changes nothing."""
    dossiers.lock_readers(session, event.proposal_id)
    title = contexts.blind_masker(event).text(event.title) if event.blind else event.title
    new = []
    for a in event.evaluators:
        exists = session.scalars(
            select(Assignment).where(
                Assignment.evaluator_id == a.evaluator_id,
                Assignment.proposal_id == event.proposal_id,
                Assignment.version_no == event.version_no,
            )
        ).first()
        if exists is None:
            new.append(a)
            session.add(Assignment(
                call_id=event.call_id, evaluator_id=a.evaluator_id, evaluator_name=a.name,
                proposal_id=event.proposal_id, version_no=event.version_no, title=title,
                due_at=event.due_at, blind=event.blind,
            ))  # fmt: skip
    session.flush()
    dossiers.open_to(session, event.proposal_id, event.version_no, event.blind,
                     (a.evaluator_id for a in event.evaluators))  # fmt: skip
    due_at = utcnow() + letter_delay()
    for a in new:
        _mark_due(session, event.call_id or 0, a, at, due_at)


def _mark_due(session: Session, call_key: int, a: Assignee, at: datetime, due_at: datetime) -> None:
    """Due at `due_at` unless already due (from the first of a burst: a steady stream of
    assignments cannot starve the letter). One conditional statement each way, so a letter
    being rendered meanwhile is simply due again once that render commits."""
    t = LetterDue
    key = (t.call_key == call_key) & (t.evaluator_id == a.evaluator_id)
    person = {"name": a.name, "email": a.email, "language": a.language}
    newer = case((t.assigned_at < at, at), else_=t.assigned_at)
    values = {**person, "assigned_at": newer, "due_at": func.coalesce(t.due_at, due_at)}
    mark = update(t).where(key).values(**values).execution_options(synchronize_session=False)
    if session.execute(mark).rowcount:  # type: ignore[attr-defined]
        return
    try:
        with session.begin_nested():
            session.execute(insert(t).values(
                call_key=call_key, evaluator_id=a.evaluator_id, assigned_at=at, due_at=due_at,
                **person,
            ))  # fmt: skip
    except IntegrityError:  # another delivery inserted it first: mark theirs
        session.execute(mark)


def due_letters(session: Session, now: datetime) -> list[tuple[int, int]]:
    rows = session.execute(
        select(LetterDue.call_key, LetterDue.evaluator_id)
        .where(LetterDue.due_at <= now)
        .order_by(LetterDue.due_at)
    ).all()
    return [(call_key, evaluator_id) for call_key, evaluator_id in rows]


def issue_due_letter(
    session: Session, key: tuple[int, int], press: Press, now: datetime
) -> Document | None:
    """Claim one due letter and issue it: the evaluator's surat tugas for the call, listing
    every assignment so far (a new revision when the list changed). Claimed by a conditional
    update: another worker that claimed it first leaves nothing to do, and a render that fails
    rolls the claim back, so the letter is tried again."""
    t = LetterDue
    claimed = session.execute(
        update(t)
        .where(t.call_key == key[0], t.evaluator_id == key[1], t.due_at <= now)
        .values(due_at=None)
        .execution_options(synchronize_session=False)
    )
    if claimed.rowcount != 1:  # type: ignore[attr-defined]
        return None
    due = session.scalars(select(t).where(t.call_key == key[0], t.evaluator_id == key[1])).one()
    call_id = due.call_key or None
    rows = session.scalars(
        select(Assignment)
        .where(Assignment.evaluator_id == due.evaluator_id, Assignment.call_id == call_id)
        .order_by(Assignment.proposal_id, Assignment.version_no)
    ).all()
    listed = [
        {"proposal_id": r.proposal_id, "version_no": r.version_no, "title": r.title,
         "due_at": r.due_at}
        for r in rows
    ]  # fmt: skip
    call = call_info(session, call_id)
    city = installation.city(session, press.deploy)
    source = contexts.surat_tugas(call, due.name, listed, city, due.assigned_at)
    person = Person(id=due.evaluator_id, name=due.name, email=due.email, language=due.language)
    return issue(session, Request(
        kind="surat_tugas", subject=f"call:{call_id}:evaluator:{due.evaluator_id}",
        source=source, created=due.assigned_at, owner=person, title=f"Surat Tugas {due.name}",
        call_id=call_id,
    ), press)  # fmt: skip


def issue_due(database: Database, press: Press, now: datetime) -> int:
    """Issue every letter due by `now`, each in its own transaction; returns how many were new
    revisions. A letter that cannot be rendered from its input is recorded as failed (by
    `issue`) and not tried again until a new assignment makes it due; a render killed from
    outside (transient) is rolled back and stays due."""
    with database.session() as session:
        keys = due_letters(session, now)
    issued = 0
    for key in keys:
        with database.session() as session:
            try:
                issued += issue_due_letter(session, key, press, now) is not None
            except RenderError as exc:  # kept: the claim and the recorded failure commit
                log.error("documents: the surat tugas %s could not be rendered: %s", key, exc)
                note_trouble("documents.render:surat_tugas", FAILED, reason_of(exc))
    return issued


def issue_score_sheet(session: Session, event: ReviewSubmitted, press: Press) -> Document | None:
    """The evaluator's lembar penilaian; its total is kept for the recap."""
    row = session.get(ScoreInfo, event.review_id)
    if row is None:
        row = ScoreInfo(review_id=event.review_id)
        session.add(row)
    row.call_id, row.proposal_id, row.version_no = (
        event.call_id,
        event.proposal_id,
        event.version_no,
    )
    row.evaluator_id, row.evaluator_name, row.total = (
        event.evaluator.evaluator_id, event.evaluator.name, event.total,
    )  # fmt: skip
    row.scores = {a.key: a.score for a in event.scores if a.weight > 0}
    e = event.evaluator
    return issue(session, Request(
        kind="lembar_penilaian", subject=f"review:{event.review_id}",
        source=contexts.lembar_penilaian(event, installation.city(session, press.deploy)),
        created=event.submitted_at,
        owner=Person(id=e.evaluator_id, name=e.name, email=e.email, language=e.language),
        title=event.title, proposal_id=event.proposal_id, version_no=event.version_no,
        call_id=event.call_id,
    ), press)  # fmt: skip


def issue_certificate(session: Session, event: DecisionMade, press: Press) -> Document | None:
    """The certificate of a finalist or winner (other decisions are only kept)."""
    row = session.get(DecisionInfo, event.proposal_id)
    payload = event.model_dump(mode="json")
    if row is None:
        session.add(DecisionInfo(proposal_id=event.proposal_id, call_id=event.call_id,
                                 payload=payload))  # fmt: skip
    else:
        row.call_id, row.payload = event.call_id, payload
    if event.decision not in CERTIFIED:
        return None
    entry = contexts.certificate(
        event, call_info(session, event.call_id), installation.city(session, press.deploy)
    )
    return issue(session, Request(
        kind="sertifikat", subject=f"proposal:{event.proposal_id}:v{event.version_no}",
        source={"certificates": [entry]}, created=event.decided_at, owner=event.innovator,
        title=event.title, owner_opd_code=event.opd_code, proposal_id=event.proposal_id,
        version_no=event.version_no, call_id=event.call_id,
    ), press)  # fmt: skip
