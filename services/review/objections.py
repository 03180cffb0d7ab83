"""Uji publik, the application layer: a call's objection window opened once after its
announcement, objections filed in it and resolved by the admin, and the decisions held until
the window has closed with every objection resolved (then published, exactly once).

Runs inside the caller's unit of work and publishes its events there.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import exists, func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.review import objection_rules as rules
from services.review.decisions import announcement_of, decided_in
from services.review.errors import Invalid, NotFound, TransitionRefused
from services.review.held import window_of
from services.review.models import OUTBOX, HeldDecision, Objection, ObjectionWindow, ReviewProposal
from services.review.queries import call_settings
from services.review.snapshots import innovator
from shared import runtime
from shared.events import (
    DecisionMade,
    DecisionsFinalized,
    ObjectionFiled,
    ObjectionResolved,
    ObjectionsOpened,
    Person,
)
from shared.outbox import publish, utcnow
from shared.storage import Storage, named_key, storage_from_url
from shared.uploads import filenames, sniff

AREA = "review"
MAX_MB = 10
_REFUSED = {
    sniff.EXECUTABLE: "review.objection.file_executable",
    sniff.ARCHIVE_BOMB: "review.objection.file_archive_bomb",
    sniff.ACTIVE_CONTENT: "review.objection.file_active_content",
    sniff.UNREADABLE_PDF: "review.objection.file_unreadable_pdf",
}


def public_page(call_id: int) -> str:
    return f"/uji-publik/{call_id}"


def finalists(session: Session, call_id: int) -> list[ReviewProposal]:
    """What the public page lists: the call's finalists and winners."""
    return [p for p in decided_in(session, call_id) if p.decision in rules.SHOWN]


def open_window(session: Session, call_id: int, admin: Person, now: datetime) -> ObjectionWindow:
    """Open the call's objection window (`objections.opened`); once per call, after its
    announcement."""
    settings = call_settings(session, call_id)
    if not settings.extra.get("public_objection", False):
        raise TransitionRefused("review.objection.not_enabled")
    if announcement_of(session, call_id) is None:
        raise TransitionRefused("review.objection.not_announced")
    if window_of(session, call_id) is not None:
        raise TransitionRefused("review.objection.already_opened")
    days = int(settings.extra.get("objection_days") or rules.DEFAULT_DAYS)
    row = ObjectionWindow(call_id=call_id, days=days, opened_at=now,
                          closes_at=rules.window_end(now, days), opened_by=admin.id)  # fmt: skip
    try:
        with session.begin_nested():
            session.add(row)
            session.flush()
    except IntegrityError:  # another admin opened it meanwhile
        raise TransitionRefused("review.objection.already_opened") from None
    people = {p.innovator_id: innovator(p) for p in decided_in(session, call_id)}
    publish(session, OUTBOX, ObjectionsOpened(
        call_id=call_id, call_name=settings.name, opened_at=now, closes_at=row.closes_at,
        days=days, page_path=public_page(call_id), opened_by=admin,
        innovators=tuple(people.values()),
    ))  # fmt: skip
    return row


def open_window_for_filing(session: Session, call_id: int, now: datetime) -> ObjectionWindow:
    """The call's window, refused once its last second has passed (whatever a page showed)."""
    window = window_of(session, call_id)
    if window is None:
        raise NotFound("review.objection.no_window")
    if not rules.still_open(now, window.closes_at):
        raise TransitionRefused("review.objection.closed", at=window.closes_at)
    return window


@dataclass(frozen=True)
class Filing:
    proposal_id: int
    name: str
    email: str
    reason: str
    user_id: int | None = None
    filename: str = ""
    data: bytes = b""


def storage() -> Storage:
    return storage_from_url(runtime.settings().storage_url)


def _checked_file(filename: str, data: bytes) -> str:
    name = filenames.cleaned(filename)
    if len(data) > MAX_MB * 1024 * 1024:
        too_large = ("review.objection.file_too_large", {"limit": MAX_MB})
        raise Invalid("review.objection.problems", {"evidence": too_large})
    found = sniff.sniff(data)
    if found in _REFUSED:
        raise Invalid("review.objection.problems", {"evidence": (_REFUSED[found], {"name": name})})
    if found not in sniff.ALLOWED:
        raise Invalid("review.objection.problems",
                      {"evidence": ("review.objection.file_type", {"name": name})})  # fmt: skip
    return found


def file(session: Session, call_id: int, filing: Filing, now: datetime) -> Objection:
    """File an objection to a finalist or winner while the window is open (`objection.filed`)."""
    window = open_window_for_filing(session, call_id, now)
    problems: dict[str, tuple[str, Mapping[str, Any]]] = {}
    shown = {p.proposal_id: p for p in finalists(session, call_id)}
    if filing.proposal_id not in shown:
        problems["proposal_id"] = ("review.objection.proposal_unknown", {})
    for field, problem in (("name", rules.name_problem(filing.name)),
                           ("reason", rules.reason_problem(filing.reason))):  # fmt: skip
        if problem:
            problems[field] = problem
    if problems:
        raise Invalid("review.objection.problems", problems)
    row = Objection(
        call_id=window.call_id, proposal_id=filing.proposal_id,
        version_no=shown[filing.proposal_id].version_no, name=filing.name.strip(),
        email=filing.email, user_id=filing.user_id, reason=filing.reason.strip(), filed_at=now,
        status="open",
    )  # fmt: skip
    if filing.data:
        found = _checked_file(filing.filename, filing.data)
        key = named_key(AREA, f".{sniff.EXTENSIONS[found]}")
        storage().write(key, filing.data)
        row.evidence_key, row.evidence_type = key, found
        row.evidence_name = filenames.display_name(filing.filename, sniff.EXTENSIONS[found])
    session.add(row)
    session.flush()
    publish(session, OUTBOX, ObjectionFiled(
        objection_id=row.id, call_id=call_id, proposal_id=row.proposal_id,
        version_no=row.version_no, filed_at=now, signed_in=filing.user_id is not None,
    ))  # fmt: skip
    return row


def objections_of(session: Session, call_id: int) -> Sequence[Objection]:
    return session.scalars(
        select(Objection).where(Objection.call_id == call_id).order_by(Objection.id)
    ).all()


def unresolved(session: Session, call_id: int) -> int:
    return int(session.scalar(select(func.count()).select_from(Objection).where(
        Objection.call_id == call_id, Objection.status == "open")) or 0)  # fmt: skip


def resolve(
    session: Session, call_id: int, objection_id: int, outcome: str, reason: str, admin_id: int
) -> Objection:
    """Uphold or dismiss an open objection, with the reason (`objection.resolved`)."""
    row = session.get(Objection, objection_id)
    if row is None or row.call_id != call_id:
        raise NotFound()
    problems: dict[str, tuple[str, Mapping[str, Any]]] = {}
    if outcome not in rules.OUTCOMES:
        problems["outcome"] = ("review.objection.outcome_needed", {})
    if not reason.strip():
        problems["resolution"] = ("review.objection.resolution_needed", {})
    if problems:
        raise Invalid("review.objection.problems", problems)
    now = utcnow()
    done = session.execute(
        update(Objection).where(Objection.id == objection_id, Objection.status == "open")
        .values(status=outcome, resolution=reason.strip()[: rules.MAX_REASON],
                resolved_by=admin_id, resolved_at=now)
    ).rowcount  # type: ignore[attr-defined]  # fmt: skip
    if not done:
        raise TransitionRefused("review.objection.already_resolved")
    session.refresh(row)
    publish(session, OUTBOX, ObjectionResolved(
        objection_id=row.id, call_id=call_id, proposal_id=row.proposal_id, outcome=outcome,
        reason=row.resolution or "", resolved_at=now,
    ))  # fmt: skip
    return row


def finalize(session: Session, call_id: int, now: datetime) -> int | None:
    """Publish the call's held decisions once its window has closed and nothing is unresolved:
    one conditional update claims the window, so of two beats or workers exactly one publishes.
    None when not yet (open, objections pending, or finalized before); else how many."""
    claimed = session.execute(
        update(ObjectionWindow)
        .where(ObjectionWindow.call_id == call_id, ObjectionWindow.finalized_at.is_(None),
               ObjectionWindow.closes_at < now.replace(microsecond=0),
               ~exists().where(Objection.call_id == call_id, Objection.status == "open"))
        .values(finalized_at=now)
    ).rowcount  # type: ignore[attr-defined]  # fmt: skip
    if not claimed:
        return None
    held = session.scalars(
        select(HeldDecision).where(HeldDecision.call_id == call_id,
                                   HeldDecision.published_at.is_(None))
        .order_by(HeldDecision.proposal_id, HeldDecision.version_no)
    ).all()  # fmt: skip
    for row in held:
        row.published_at = now
        publish(session, OUTBOX, DecisionMade.model_validate(row.event))
    publish(session, OUTBOX, DecisionsFinalized(call_id=call_id, finalized_at=now,
                                                decisions=len(held)))  # fmt: skip
    session.flush()
    return len(held)


def published(session: Session, call_id: int) -> int | None:
    """How many decisions the call's finalizing published; None while it is not final."""
    window = session.scalars(
        select(ObjectionWindow).where(ObjectionWindow.call_id == call_id)
    ).one_or_none()
    if window is None or window.finalized_at is None:
        return None
    return len(session.scalars(
        select(HeldDecision.proposal_id).where(HeldDecision.call_id == call_id,
                                               HeldDecision.published_at.is_not(None))
    ).all())  # fmt: skip


def due(session: Session, now: datetime) -> list[int]:
    """Calls whose window has closed and whose decisions are not final yet."""
    return list(session.scalars(
        select(ObjectionWindow.call_id).where(ObjectionWindow.finalized_at.is_(None),
                                              ObjectionWindow.closes_at < now)
    ))  # fmt: skip


def evidence_of(row: Objection) -> tuple[bytes, str, str]:
    """The objection's evidence file: bytes, shown name, content type."""
    if not row.evidence_key:
        raise NotFound()
    try:
        data = storage().get(row.evidence_key)
    except KeyError:
        raise NotFound() from None
    return data, row.evidence_name or "bukti", row.evidence_type or "application/octet-stream"
