"""Document numbers that never collide and leave no gap when a render is retried.

Each (kind, year) has a counter row, incremented in place (`UPDATE ... SET last = last + 1
... RETURNING`): two workers numbering documents of one kind at once wait on that row for a
moment and get different numbers. Each revision of a document, (kind, subject, revision),
reserves its number once, before it is rendered; an issue retried or redelivered after a failed
render finds the reservation and reuses the number.

`reserve_for_issue` takes the reservation in a short transaction of its own, committed at
once: no lock is held while the document renders, and the number outlives a failed render or a
rolled-back caller. On SQLite (one writer at a time) it is taken in the caller's transaction
instead: a second connection would wait for the write lock the caller may already hold (its
inbox row, the facts it recorded), and that single writer already serialises the numbering.
"""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select, update
from sqlalchemy.engine import Connection
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from services.documents.models import Document, NumberCounter, NumberReservation
from shared.timezone import WIB


def year_span(year: int) -> tuple[datetime, datetime]:
    """When the local (WIB) year printed in a document's number begins and ends."""
    return datetime(year, 1, 1, tzinfo=WIB), datetime(year + 1, 1, 1, tzinfo=WIB)


def issued_in(session: Session, kind: str, year: int) -> int:
    """How many documents of `kind` were issued in `year`."""
    start, end = year_span(year)
    count = session.scalar(
        select(func.count())
        .select_from(Document)
        .where(Document.kind == kind, Document.issued_at >= start, Document.issued_at < end)
    )
    return count or 0


def _ensure_counter(session: Session, kind: str, year: int) -> None:
    """The counter row of (kind, year), made when missing. A new one starts after the documents
    already issued that year: a database numbered by counting them, before counters existed,
    carries on where it was."""
    found = session.scalar(
        select(NumberCounter.last).where(NumberCounter.kind == kind, NumberCounter.year == year)
    )
    if found is not None:
        return
    start = issued_in(session, kind, year)
    try:
        with session.begin_nested():
            session.execute(insert(NumberCounter).values(kind=kind, year=year, last=start))
    except IntegrityError:
        pass  # a concurrent reservation made it first (and waited to commit): it is there now


def _next(session: Session, kind: str, year: int) -> int:
    _ensure_counter(session, kind, year)
    seq = session.scalar(
        update(NumberCounter)
        .where(NumberCounter.kind == kind, NumberCounter.year == year)
        .values(last=NumberCounter.last + 1)
        .returning(NumberCounter.last)
        .execution_options(synchronize_session=False)
    )
    if seq is None:  # pragma: no cover - the row was made above and is never deleted
        raise RuntimeError(f"no number counter for {kind} {year}")
    return seq


def _held(session: Session, kind: str, subject: str, revision: int) -> tuple[int, int] | None:
    """(year, seq) reserved for this revision, if any."""
    row = session.execute(
        select(NumberReservation.year, NumberReservation.seq).where(
            NumberReservation.kind == kind,
            NumberReservation.subject == subject,
            NumberReservation.revision == revision,
        )
    ).first()
    return (row.year, row.seq) if row is not None else None


def reserve(session: Session, kind: str, subject: str, revision: int, year: int) -> int:
    """The sequence number of revision `revision` of (kind, subject) in `year`: the one reserved
    before, else the counter's next one, reserved now. Within `session`'s transaction (the
    caller commits); a concurrent reservation of the same revision yields the same number."""
    held = _held(session, kind, subject, revision)
    if held is not None and held[0] == year:
        return held[1]
    try:
        with session.begin_nested():
            seq = _next(session, kind, year)
            if held is None:
                session.execute(insert(NumberReservation).values(
                    kind=kind, subject=subject, revision=revision, year=year, seq=seq,
                ))  # fmt: skip
            else:  # retried with a date in another year: that year's number (the old one is lost)
                session.execute(
                    update(NumberReservation)
                    .where(
                        NumberReservation.kind == kind,
                        NumberReservation.subject == subject,
                        NumberReservation.revision == revision,
                    )
                    .values(year=year, seq=seq)
                    .execution_options(synchronize_session=False)
                )
    except IntegrityError:
        # A concurrent delivery of this revision reserved first; its number is this one too
        # (the counter's increment was undone with the savepoint).
        now = _held(session, kind, subject, revision)
        if now is None or now[0] != year:
            raise
        return now[1]
    return seq


def reserve_for_issue(session: Session, kind: str, subject: str, revision: int, year: int) -> int:
    """`reserve` before a render: in a short transaction of its own on the same database,
    committed at once; on SQLite, in `session`'s transaction (see the module's docstring)."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        return reserve(session, kind, subject, revision, year)
    engine = bind.engine if isinstance(bind, Connection) else bind
    with Session(engine) as own, own.begin():
        return reserve(own, kind, subject, revision, year)
