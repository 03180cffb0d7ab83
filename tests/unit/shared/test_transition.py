"""`shared.db.transition`, the one mechanism of every state move: a conditional update that of
two units of work which read the same state lets exactly one move it (on a real SQLite file)."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from shared.db import Database, make_metadata, transition


class Base(DeclarativeBase):
    metadata = make_metadata()


class Thing(Base):
    __tablename__ = "things"
    id: Mapped[int] = mapped_column(primary_key=True)
    state: Mapped[str] = mapped_column(String(20))
    note: Mapped[str | None] = mapped_column(String(20), nullable=True)


def test_of_two_that_read_the_same_state_only_the_first_moves_it(tmp_path: Path) -> None:
    database = Database("test", f"sqlite:///{tmp_path / 'test.db'}")
    Base.metadata.create_all(database.engine)
    with database.session() as s:
        s.add(Thing(id=1, state="open"))
    with database.session() as first, database.session() as second:
        a, b = first.get(Thing, 1), second.get(Thing, 1)
        assert a is not None
        assert b is not None
        assert a.state == b.state == "open"  # both read it open
        assert transition(first, a, {"state": ["open"]}, {"state": "done", "note": "first"})
        assert a.state == "done"  # the row in memory follows
        first.commit()
        assert not transition(second, b, {"state": ["open"]}, {"state": "closed"})
        assert b.state == "open"  # the loser changed nothing, not even in memory
    with database.session() as s:
        row = s.get(Thing, 1)
        assert row is not None
        assert (row.state, row.note) == ("done", "first")
    database.dispose()


def test_none_is_a_value_a_column_may_be_expected_to_hold(tmp_path: Path) -> None:
    database = Database("test", f"sqlite:///{tmp_path / 'test.db'}")
    Base.metadata.create_all(database.engine)
    with database.session() as s:
        s.add(Thing(id=1, state="open", note=None))
    with database.session() as s:
        row = s.get(Thing, 1)
        assert row is not None
        assert transition(s, row, {"state": ["open"], "note": [None]}, {"note": "set"})
        assert not transition(s, row, {"note": [None]}, {"note": "again"})
    database.dispose()
